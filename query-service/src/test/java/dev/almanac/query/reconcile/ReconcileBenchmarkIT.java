package dev.almanac.query.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The reconcile at scale (issue 74 part 5): {@code almanac.bench.events} events (100,000 by default: 100 calendars, and
 * items each scheduled and moved once) projected, then {@code POST /actuator/reconcile} compares every read model with
 * the topics. Prints the projection's and the reconcile's time and rate, and proves that it finds no drift where there
 * is none:
 * <pre>
 * nice -n 19 ./mvnw -B -o -pl query-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=ReconcileBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true [-Dalmanac.bench.events=100000]
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ReconcileBenchmarkIT extends EmbeddedQueryService {

    private static final int EVENTS = Integer.getInteger("almanac.bench.events", 100_000);
    private static final int CALENDARS = 100;
    private static final Duration PATIENCE = Duration.ofMinutes(30);
    private static final Instant NINE = Instant.parse("2027-01-04T09:00:00Z");

    @Autowired
    EventPublisher events;

    @Test
    void aHundredThousandEventsAreReconciledWithTheReadModelsWithoutDrift() throws Exception {
        String prefix = unique("bench-reconcile");
        int items = (EVENTS - CALENDARS) / 2;
        long started = System.nanoTime();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int c = 0; c < CALENDARS; c++) {
            send(sent, ReadModelFixture.calendar(prefix + "-cal-" + c, ZoneId.of("Europe/Lisbon")), 0);
        }
        for (int i = 0; i < items; i++) {
            ItemScheduled item = ReadModelFixture.item(prefix + "-item-" + i, prefix + "-cal-" + i % CALENDARS, "meeting",
                    NINE.plus(Duration.ofMinutes(30L * (i / CALENDARS))), Duration.ofMinutes(30));
            send(sent, item, 0);
            send(sent, new ItemRescheduled(item.itemId(), item.calendarId(), item.start(), item.end(), item.start().plus(Duration.ofDays(1)),
                    item.end().plus(Duration.ofDays(1)), "moved a day"), 1);
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers()))) {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).until(() -> lag(admin) == 0);
        }
        long projectedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        long reconcileStarted = System.nanoTime();
        JsonNode report = client.mutate().responseTimeout(PATIENCE).build().post().uri("/actuator/reconcile").exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        long reconcileMillis = Duration.ofNanos(System.nanoTime() - reconcileStarted).toMillis();

        assertThat(report).isNotNull();
        assertThat(report.path("caught_up").asBoolean()).as("report %s", report).isTrue();
        assertThat(report.at("/models/" + Entries.COLLECTION + "/expected").asLong()).as("report %s", report).isGreaterThanOrEqualTo(items);
        long drift = 0;
        for (var model : report.path("models").properties()) {
            drift += model.getValue().path("drift").asLong();
        }
        assertThat(drift).as("drift over every model: %s", report).isZero();
        System.out.printf("Reconcile benchmark: %,d events (%,d calendars, %,d items scheduled and moved) published and projected in"
                        + " %,d ms (%,.0f/s); the reconcile read %,d records in %,d ms as it measured (%,.0f records/s), %,d ms wall;"
                        + " drift 0; report %s%n",
                EVENTS, CALENDARS, items, projectedMillis, EVENTS * 1000.0 / Math.max(1, projectedMillis), report.path("records").asLong(),
                report.path("took_millis").asLong(), report.path("records").asLong() * 1000.0 / Math.max(1, report.path("took_millis").asLong()),
                reconcileMillis, report);
    }

    private void send(List<CompletableFuture<?>> sent, AlmanacEvent event, long version) throws Exception {
        sent.add(events.publish(Received.metadata(event, version, Received.TIME), event));
        if (sent.size() >= 5_000) {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            sent.clear();
        }
    }

    /** What query-service's groups have still to read, over every partition they committed. */
    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            if (!group.groupId().startsWith("query-service")) {
                continue;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            committed.values().removeIf(offset -> offset == null);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            lag += committed.entrySet().stream()
                    .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset())).sum();
        }
        return lag;
    }
}

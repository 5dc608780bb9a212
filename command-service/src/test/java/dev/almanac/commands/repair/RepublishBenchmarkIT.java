package dev.almanac.commands.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.testing.TopicTally;

/**
 * The republish command at scale (issue 74 part 5): {@code almanac.bench.events} items (100,000 by default) stored on
 * 100 calendars, relayed, then the whole range republished through {@code POST /actuator/republish}. Prints the relay's
 * and the republish's time and rate, and proves that every record went out twice and only twice, the second time byte
 * for byte the first (key, value, every header, so the same {@code ce_id} and aggregate version, which every consumer
 * drops):
 * <pre>
 * nice -n 19 ./mvnw -B -o -pl command-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=RepublishBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true [-Dalmanac.bench.events=100000]
 * </pre>
 */
@CommandServiceIntegrationTest
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class RepublishBenchmarkIT {

    private static final int EVENTS = Integer.getInteger("almanac.bench.events", 100_000);
    private static final int CALENDARS = 100;
    /** Stored as the command side stores them: one transaction per batch of appends. */
    private static final int APPEND_BATCH = 1_000;
    private static final Duration PATIENCE = Duration.ofMinutes(20);

    @Autowired
    EventStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WebTestClient client;

    @Test
    void aHundredThousandStoredEventsAreRepublishedOnceEachAsTheRelaySentThem() {
        String prefix = "bench-republish-" + UUID.randomUUID().toString().substring(0, 8);
        ItemScheduled sample = EventSamples.itemScheduled();
        long appendStarted = System.nanoTime();
        for (int first = 0; first < EVENTS; first += APPEND_BATCH) {
            List<EventMessage<?>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(EVENTS, first + APPEND_BATCH); i++) {
                ItemScheduled item = new ItemScheduled(ItemId.of(prefix + "-item-" + i), CalendarId.of(prefix + "-cal-" + i % CALENDARS),
                        sample.title(), sample.type(), sample.start().plus(Duration.ofHours(i)), sample.end().plus(Duration.ofHours(i)),
                        sample.timezone(), sample.priority(), sample.tags(), null, List.of(), sample.metadata(), sample.source(),
                        List.of(), null, sample.owner(), null);
                batch.add(new GenericDomainEventMessage<>("item", StoreIds.item(item.itemId()), 0, item));
            }
            store.publish(batch);
        }
        long appendMillis = millisSince(appendStarted);

        try (TopicTally records = new TopicTally(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.SCHEDULE,
                record -> record.key().startsWith(prefix))) {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> records.read() >= EVENTS);
            long relayMillis = millisSince(appendStarted);
            long from = jdbc.queryForObject("SELECT min(globalindex) FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class,
                    "item:" + prefix + "-%");
            long to = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class,
                    "item:" + prefix + "-%");

            long republishStarted = System.nanoTime();
            JsonNode report = client.mutate().responseTimeout(PATIENCE).build().post()
                    .uri("/actuator/republish?fromSequence={from}&toSequence={to}", from, to)
                    .contentType(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            long republishMillis = millisSince(republishStarted);
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> records.read() >= 2L * EVENTS);

            assertThat(report).isNotNull();
            assertThat(report.path("published").asLong()).as("report %s", report).isEqualTo(EVENTS);
            assertThat(records.countsById()).as("every event relayed once and republished once").hasSize(EVENTS)
                    .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(2));
            assertThat(records.differing()).as("republished records that differ from the relayed ones").isEmpty();
            System.out.printf("Republish benchmark: %,d events stored in %,d ms (%,.0f/s); relayed by %,d ms after the first append"
                            + " (%,.0f/s); republished %,d events in %,d ms as the endpoint measured (%,.0f/s), %,d ms wall; each"
                            + " record twice, identical, none a third time%n",
                    EVENTS, appendMillis, perSecond(EVENTS, appendMillis), relayMillis, perSecond(EVENTS, relayMillis),
                    report.path("published").asLong(), report.path("took_millis").asLong(),
                    perSecond(EVENTS, report.path("took_millis").asLong()), republishMillis);
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    private static double perSecond(long count, long millis) {
        return count * 1000.0 / Math.max(1, millis);
    }
}

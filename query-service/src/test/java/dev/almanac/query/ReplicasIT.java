package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.testing.ServiceJvm;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * A second query-service, a process of its own, joins this test's in its listeners' groups on the same broker and
 * read models (ADR 0094): the partitions are split between them. Killed outright while items flow, it leaves records
 * it had written but not committed; the survivor takes its partitions once its session expires, reads them again, and
 * the version guards make the second write a no-op: every item is there once, at its last version, moved as often as
 * it was.
 */
class ReplicasIT extends EmbeddedQueryService {

    private static final Logger log = LoggerFactory.getLogger(ReplicasIT.class);
    private static final String GROUP = "query-service";
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The victim's own session: the broker's shortest, so the test waits out a few seconds rather than Kafka's 45. */
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final int ITEMS = 240;
    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path directory;

    @Autowired
    EventPublisher events;

    @Test
    void aKilledReplicasPartitionsMoveToTheSurvivorAndEveryRecordTakesEffectOnce() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        int victimPort;
        try (FreePorts free = new FreePorts()) {
            victimPort = free.orFree(0);
        }
        ServiceJvm victim = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            Set<String> survivors = await().atMost(START_PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> !members.isEmpty() && members.values().stream().noneMatch(Set::isEmpty)).keySet();
            victim = startVictim(infrastructure, victimPort).awaitReady(START_PATIENCE);
            Map<String, Set<TopicPartition>> split = await().atMost(START_PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> members.size() > survivors.size() && members.values().stream().noneMatch(Set::isEmpty));
            int partitions = split.values().stream().mapToInt(Set::size).sum();
            Set<String> victims = split.keySet().stream().filter(member -> !survivors.contains(member)).collect(Collectors.toSet());
            log.info("Partitions of {} split: {}", GROUP, split.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, member -> member.getValue().size())));

            String calendar = unique("cal-replicas");
            List<ItemScheduled> items = new ArrayList<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                // Each item its own calendar, so that the items spread over every partition, the victim's too.
                String itemCalendar = calendar + "-" + i;
                ItemScheduled item = ReadModelFixture.item(unique("item"), itemCalendar, "meeting", NINE.plusSeconds(60L * i), Duration.ofHours(1));
                items.add(item);
                sent.add(send(ReadModelFixture.calendar(itemCalendar, ZoneId.of("Europe/London")), 0));
                sent.add(send(item, 0));
                sent.add(send(moved(item, 1), 1));
            }
            // Killed with the first records projected and the rest in flight: what it wrote and had not committed comes again.
            await().atMost(PATIENCE).until(() -> projected(items.get(0)) >= 0);
            victim.kill();
            long killedAt = System.nanoTime();
            for (ItemScheduled item : items) {
                sent.add(send(moved(item, 2), 2));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            await().atMost(PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> members.keySet().stream().noneMatch(victims::contains)
                            && members.values().stream().mapToInt(Set::size).sum() == partitions);
            long tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> items.stream().allMatch(item -> projected(item) == 2));
            log.info("The survivor took all {} partitions of {} over {} ms after the kill (the victim's session {} s); every item at"
                    + " version 2 {} ms after it", partitions, GROUP, tookOver, SESSION.toSeconds(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));

            for (ItemScheduled item : items) {
                client.get().uri("/api/v1/schedules/{id}", item.itemId().value()).exchange()
                        .expectStatus().isOk()
                        .expectHeader().valueEquals("ETag", "\"2\"")
                        .expectBody()
                        .jsonPath("$.reschedule_count").isEqualTo(2)
                        .jsonPath("$.start").isEqualTo(moved(item, 2).start().toString());
            }
        } finally {
            if (victim != null) {
                victim.kill();
            }
        }
    }

    /** The item's version as the read model holds it, or -1 while it holds none. */
    private int projected(ItemScheduled item) {
        var result = client.get().uri("/api/v1/schedules/{id}", item.itemId().value()).exchange().returnResult(String.class);
        if (result.getStatus().value() != 200) {
            return -1;
        }
        String etag = result.getResponseHeaders().getETag();
        return etag == null ? -1 : Integer.parseInt(etag.replace("\"", "").replace("W/", ""));
    }

    /** The {@code version}th move of the item, an hour later each time. */
    private static ItemRescheduled moved(ItemScheduled item, int version) {
        Duration by = Duration.ofHours(version);
        Duration before = Duration.ofHours(version - 1L);
        return new ItemRescheduled(item.itemId(), item.calendarId(), item.start().plus(before), item.end().plus(before),
                item.start().plus(by), item.end().plus(by), "move " + version);
    }

    private CompletableFuture<?> send(AlmanacEvent event, long version) {
        return events.publish(Received.metadata(event, version, Received.TIME), event);
    }

    /** Members of the items' group with their partitions, by member id. */
    private static Map<String, Set<TopicPartition>> members(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
        return group.members().stream().collect(Collectors.toMap(MemberDescription::consumerId, member -> member.assignment().topicPartitions()));
    }

    private ServiceJvm startVictim(EmbeddedInfrastructure infrastructure, int port) throws IOException {
        Path log = Files.createDirectories(directory).resolve("victim.log");
        return ServiceJvm.start(QueryServiceApplication.class, ServiceJvm.TEST_OPTIONS, port, log, List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(),
                "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION.toMillis(),
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500"));
    }
}

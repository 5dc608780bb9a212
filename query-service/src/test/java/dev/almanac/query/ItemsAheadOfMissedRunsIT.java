package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * A person's change is never behind a machine's backlog (ADR 0068, ADR 0072, ADR 0074): while hundreds of rules load and
 * rule-expander's occurrences of them pile up on {@code almanac.occurrences.v1} (7,200 records), query-service
 * reads none of them, and 600 missed runs among them, copied to {@code almanac.missed-runs.v1}, are decoded and stored by a
 * listener of their own. Items created one after another are readable: the first while that listener and the rules' are
 * held with every missed run and 300 rule events before them, so they cannot be waiting for either, the rest while they
 * drain. How long each took is logged, not
 * asserted: on a shared 2-core machine it measures the machine as much as the design (docs/benchmarks.md has issue 68's
 * figures on the whole stack).
 */
class ItemsAheadOfMissedRunsIT extends EmbeddedQueryService {

    private static final Logger log = LoggerFactory.getLogger(ItemsAheadOfMissedRunsIT.class);

    private static final int RULES = 300;
    /**
     * A day of hourly runs: 24 occurrences a rule, 7,200 records in all. Which topics a group read is asserted from its
     * committed offsets, so more records would only take longer to publish.
     */
    private static final Duration MATERIALISED = Duration.ofDays(1);
    /** Missed runs among them, which the missed runs' listener must decode and store: a few, as when rules load. */
    private static final int MISSED_A_RULE = 2;
    /** Items created one after another, the first while the missed runs wait, the rest while they drain; their times are logged. */
    private static final int ITEMS = 10;
    /** Items created while the missed runs' listener is held, every missed run before it. */
    private static final int HELD_BACK_ITEMS = 3;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Value("${spring.kafka.consumer.group-id}")
    String factsGroup;

    @Value("${spring.kafka.consumer.group-id}-missed-runs")
    String missedRunsGroup;

    @Value("${spring.kafka.consumer.group-id}-rules")
    String rulesGroup;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void itemsAreReadableWhileRulesAndMissedRunsWaitAndNoOccurrenceRecordIsRead() throws Exception {
        String calendar = unique("cal");
        Instant activeFrom = Instant.parse("2026-12-01T00:00:00Z");
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("Europe/Berlin")), 0);
        // The missed runs' listener is held while the missed runs pile up, then let go as the items are created.
        MessageListenerContainer missedRunsListener = listeners.getListenerContainer(Projections.MISSED_RUNS_LISTENER_ID);
        MessageListenerContainer rulesListener = listeners.getListenerContainer(Projections.RULES_LISTENER_ID);
        missedRunsListener.pause();
        await().atMost(PROJECTION_DEADLINE).until(missedRunsListener::isContainerPaused);
        List<RuleCreated> rules = new ArrayList<>();
        boolean rulesDeleted = false;
        try {
            long occurrences = 0;
            for (int i = 0; i < RULES; i++) {
                RuleCreated rule = RecurringRules.ofType(RecurringRules.rule(unique("rule"), calendar, (i % 60) + " * * * *",
                        ZoneId.of("Europe/Berlin"), activeFrom, 0), "load");
                rules.add(rule);
                send(rule, 0);
            }
            for (RuleCreated rule : rules) {
                List<OccurrenceMaterialized> materialised = RecurringRules.materialised(rule, 0, activeFrom, activeFrom.plus(MATERIALISED));
                for (int i = 0; i < materialised.size(); i++) {
                    OccurrenceMaterialized occurrence = materialised.get(i);
                    send(occurrence, 0);
                    if (i < MISSED_A_RULE) {
                        send(new OccurrenceMissed(occurrence.occurrenceId(), rule.ruleId(), 0, occurrence.calendarId(), occurrence.resolvedAt(),
                                occurrence.start(), occurrence.end(), occurrence.start().plusSeconds(360), null), 0);
                    }
                    occurrences++;
                }
            }
            kafka.flush();
            assertThat(occurrences).isGreaterThanOrEqualTo((long) RULES * 24);
            // The rules were read on their own listener, ahead of their occurrences: each rule's occurrence shows at once.
            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                    .uri("/api/v1/calendars/{id}/entries?from={from}&till={till}", calendar, activeFrom, activeFrom.plusSeconds(3600))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.entries.length()").isEqualTo(RULES));

            // The rules end (the integration tests share the topics and the store, so later windows need not count them) while
            // the rules' listener is held: the first items wait behind neither its backlog nor the missed runs'.
            rulesListener.pause();
            await().atMost(PROJECTION_DEADLINE).until(rulesListener::isContainerPaused);
            deleteRules(rules, activeFrom);
            rulesDeleted = true;
            List<Duration> visibleAfter = new ArrayList<>();
            List<Long> behindAtRead = new ArrayList<>();
            List<Long> rulesBehindAtRead = new ArrayList<>();
            for (int sample = 0; sample < ITEMS; sample++) {
                if (sample == HELD_BACK_ITEMS) {
                    missedRunsListener.resume();
                    rulesListener.resume();
                }
                ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting",
                        activeFrom.plus(Duration.ofDays(3)).plus(Duration.ofHours(sample)), Duration.ofHours(1));
                long sent = System.nanoTime();
                kafka.send(codec.toRecord(Received.metadata(item, 0, Received.TIME), item)).get(10, TimeUnit.SECONDS);
                await().atMost(PROJECTION_DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> readable(item));
                visibleAfter.add(Duration.ofNanos(System.nanoTime() - sent));
                behindAtRead.add(missedRunsLag());
                rulesBehindAtRead.add(lag(rulesGroup, Topics.RULES));
            }

            log.info("{} items readable after {} while the missed runs' listener was behind by {} records", ITEMS, visibleAfter, behindAtRead);
            assertThat(behindAtRead.subList(0, HELD_BACK_ITEMS)).as("missed runs the listener had yet to read as each of the "
                    + "first items was readable, %s after its record", visibleAfter)
                    .allSatisfy(behind -> assertThat(behind).isGreaterThanOrEqualTo((long) RULES * MISSED_A_RULE));
            assertThat(rulesBehindAtRead.subList(0, HELD_BACK_ITEMS)).as("rule events the rules' listener had yet to read as each "
                    + "of the first items was readable").allSatisfy(behind -> assertThat(behind).isGreaterThanOrEqualTo(RULES));
            await().atMost(Duration.ofMinutes(2)).until(() -> missedRunsLag() == 0);
            assertThat(committedTopics(factsGroup)).as("topics the facts' group read").doesNotContain(Topics.OCCURRENCES);
            assertThat(committedTopics(missedRunsGroup)).as("topics the missed runs' group read").containsExactly(Topics.MISSED_RUNS);
            assertThat(committedTopics(factsGroup)).as("topics the facts' group read").doesNotContain(Topics.RULES);
        } finally {
            missedRunsListener.resume();
            rulesListener.resume();
            await().atMost(Duration.ofMinutes(2)).until(() -> missedRunsLag() == 0);
            if (!rulesDeleted) {
                deleteRules(rules, activeFrom);
            }
            // Waited for here, so that the next test does not share the deletions' work.
            Instant afterDeletion = activeFrom.plus(MATERIALISED).plus(Duration.ofDays(1));
            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                    .uri("/api/v1/calendars/{id}/entries?from={from}&till={till}", calendar, afterDeletion, afterDeletion.plusSeconds(3600))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.entries.length()").isEqualTo(0));
        }
    }

    /** As rule-expander publishes: an occurrence record that cannot be computed from the rules also on the missed-runs topic. */
    private void send(AlmanacEvent event, long version) {
        codec.toRecords(Received.metadata(event, version, Received.TIME), event).forEach(kafka::send);
    }

    private boolean readable(ItemScheduled item) {
        return client.get().uri("/api/v1/schedules/{id}", item.itemId().value()).exchange().returnResult(byte[].class)
                .getStatus().is2xxSuccessful();
    }

    /** The topics of which this consumer group has committed an offset. */
    private Set<String> committedTopics(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers()))) {
            Set<String> topics = new HashSet<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS)
                    .keySet().forEach(partition -> topics.add(partition.topic()));
            return topics;
        }
    }

    private void deleteRules(List<RuleCreated> rules, Instant activeFrom) {
        for (RuleCreated rule : rules) {
            send(new RuleDeleted(rule.ruleId(), activeFrom.plus(MATERIALISED)), 1);
        }
        kafka.flush();
    }

    /** The records of {@code almanac.missed-runs.v1} the missed runs' consumer group has not committed yet. */
    private long missedRunsLag() throws Exception {
        return lag(missedRunsGroup, Topics.MISSED_RUNS);
    }

    /** The records of {@code topic} that {@code group} has not committed yet. */
    private long lag(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Set<TopicPartition> partitions = new HashSet<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                    .partitions().forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }
}

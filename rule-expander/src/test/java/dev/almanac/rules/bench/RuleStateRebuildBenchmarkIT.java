package dev.almanac.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicTally;
import dev.almanac.rules.testing.ClockAtTheSampleRule;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RuleSamples;

/**
 * Rebuilding rule-expander's state at scale (issue 74 part 5): {@code almanac.bench.rules} nightly rules (1,000 by
 * default), each materialised over its 90-day horizon, then {@code POST /actuator/rulestate}. Prints the rebuild's time
 * and rate from its report, and proves that the occurrences it published again are the ones it had published, under the
 * same {@code ce_id}s (which every consumer drops), and no other:
 * <pre>
 * nice -n 19 ./mvnw -B -o -pl rule-expander -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=RuleStateRebuildBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true [-Dalmanac.bench.rules=1000]
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"almanac.rules.horizon-advance-interval=PT1H", "almanac.rules.missed.check-interval=PT1H",
                "spring.kafka.consumer.group-id=" + RuleStateRebuildBenchmarkIT.GROUP,
                "spring.mongodb.database=almanac_rule_expander_rebuild_bench"})
@DirtiesContext
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
@Import(ClockAtTheSampleRule.class)
class RuleStateRebuildBenchmarkIT {

    static final String GROUP = "rule-expander-rebuild-bench";
    private static final int RULES = Integer.getInteger("almanac.bench.rules", 1_000);
    /** Nightly over the 90-day horizon: at least this many occurrences each (RuleStateRebuildIT). */
    private static final int OCCURRENCES_A_RULE = 90;
    private static final Duration PATIENCE = Duration.ofMinutes(20);
    private static final Instant NOW = ClockAtTheSampleRule.START;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ClockAtTheSampleRule.sharedInfrastructure(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Test
    void aThousandRulesStateIsRebuiltAndOnlyOccurrencesItHadPublishedGoOutAgain() throws Exception {
        String bootstrap = EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers();
        String prefix = "bench-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicTally occurrences = new TopicTally(bootstrap, Topics.OCCURRENCES, record -> record.key().startsWith(prefix));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long started = System.nanoTime();
            CompletableFuture<?>[] sent = new CompletableFuture<?>[RULES];
            for (int i = 0; i < RULES; i++) {
                RuleCreated rule = RuleSamples.onCalendar(RuleSamples.nightly(prefix + "-rule-" + i), prefix + "-cal-" + i % 100);
                sent[i] = template.send(codec.toRecord(RuleSamples.envelope(rule), rule));
            }
            CompletableFuture.allOf(sent).get(1, TimeUnit.MINUTES);
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> occurrences.read() >= (long) RULES * OCCURRENCES_A_RULE && lag(admin) == 0);
            long materialisedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            long before = occurrences.read();
            Map<String, Integer> idsBefore = new HashMap<>(occurrences.countsById());

            long rebuildStarted = System.nanoTime();
            JsonNode report = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(PATIENCE).build()
                    .post().uri("/actuator/rulestate").contentType(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            long rebuildMillis = Duration.ofNanos(System.nanoTime() - rebuildStarted).toMillis();
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> occurrences.read() >= 2 * before && lag(admin) == 0);

            assertThat(report).isNotNull();
            assertThat(report.path("rules").asLong()).as("report %s", report).isGreaterThanOrEqualTo(RULES);
            assertThat(occurrences.countsById().keySet()).as("only occurrences published before, under their ids")
                    .isEqualTo(idsBefore.keySet());
            assertThat(occurrences.countsById()).as("each published again by the rebuild")
                    .allSatisfy((id, count) -> assertThat(count).as(id).isGreaterThan(idsBefore.get(id)));
            long republished = occurrences.read() - before;
            long took = report.path("took_millis").asLong();
            System.out.printf("Rule state rebuild benchmark: %,d rules materialised (%,d occurrences) in %,d ms; the rebuild stored %,d"
                            + " rules in %,d ms as it measured (%,.0f rules/s), %,d ms wall, and published %,d occurrences again"
                            + " (%,.0f/s), all under the ids they had (%d with other bytes); report %s%n",
                    RULES, before, materialisedMillis, report.path("rules").asLong(), took, report.path("rules").asLong() * 1000.0 / Math.max(1, took),
                    rebuildMillis, republished, republished * 1000.0 / Math.max(1, took), occurrences.differing().size(), report);
        }
    }

    /** The records this test's group has still to read, over every partition it has committed. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
        committed.values().removeIf(offset -> offset == null);
        if (committed.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        return committed.entrySet().stream().mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()))
                .sum();
    }
}

package dev.almanac.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.GroupMembers;
import dev.almanac.platform.testing.ServiceJvm;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.RuleSamples;

/**
 * A second rule-expander, a process of its own, shares this test's consumer group on the same broker and store (issue 74
 * part 2): the rules topic's partitions are split between them. Killed outright while rules arrive, it leaves records it
 * had handled, or half handled, without a commit; the survivor takes its partitions once its session expires and handles
 * them again. Every rule is then stored once and materialised over its whole horizon, each occurrence published with one
 * content however often it was sent: a redelivery publishes from where the stored rule says its last pass ended.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"almanac.rules.horizon-advance-interval=PT1H", "almanac.rules.missed.check-interval=PT1H",
                // One rules consumer a replica, so that the topic's partitions are split between the two.
                "almanac.rules.intake-consumers=1"})
@DirtiesContext
class ReplicasIT {

    private static final Logger log = LoggerFactory.getLogger(ReplicasIT.class);
    /** A group and a store of this test's own: the other tests' contexts, on a clock of their own, stay out of it. */
    private static final String GROUP = "rule-expander-replicas-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DATABASE = "almanac_rule_expander_replicas";
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The victim's own session: the broker's shortest, so the test waits out a few seconds rather than Kafka's 45. */
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final int RULES = 60;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
        registry.add("spring.mongodb.uri", infrastructure::mongoConnectionString);
        registry.add("spring.mongodb.database", () -> DATABASE);
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        // The group is new: it reads what is written once it has joined, not every other test's rules.
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "latest");
    }

    private static TopicReader occurrences;

    @BeforeAll
    static void readOccurrences() {
        occurrences = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.OCCURRENCES);
    }

    @AfterAll
    static void stopReading() {
        occurrences.close();
    }

    @TempDir
    Path directory;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Autowired
    RuleStore store;

    @Test
    void aKilledReplicasPartitionsMoveToTheSurvivorAndEveryRuleIsMaterialisedOnce() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        int victimPort;
        try (FreePorts free = new FreePorts()) {
            victimPort = free.orFree(0);
        }
        ServiceJvm victim = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            Set<String> survivors = await().atMost(START_PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> members.size() == 1).keySet();
            victim = startVictim(infrastructure, victimPort).awaitReady(START_PATIENCE);
            Map<String, Set<TopicPartition>> split = await().atMost(START_PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> members.size() == 2);
            int partitions = split.values().stream().mapToInt(Set::size).sum();
            Set<String> victims = split.keySet().stream().filter(member -> !survivors.contains(member)).collect(Collectors.toSet());
            log.info("Partitions of {} split: {}", GROUP, split);

            // Each rule its own calendar (the occurrences' key) and its own key on the rules topic, so they spread over every
            // partition, the victim's too; nightly from the start of this hour, 90 days ahead.
            Instant activeFrom = Instant.now().truncatedTo(ChronoUnit.HOURS);
            String prefix = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
            List<RuleCreated> rules = new ArrayList<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < RULES; i++) {
                RuleCreated rule = RuleSamples.activeFrom(RuleSamples.onCalendar(RuleSamples.nightly(prefix + "-rule-" + i),
                        prefix + "-cal-" + i), activeFrom);
                rules.add(rule);
                if (i == RULES / 3) {
                    // Killed with the first rules handled and the rest in flight or still to come.
                    await().atMost(PATIENCE).until(() -> !occurrences.withKey(rules.get(0).calendarId().value()).isEmpty());
                    victim.kill();
                }
                sent.add(template.send(codec.toRecord(RuleSamples.envelope(rule), rule)));
            }
            long killedAt = System.nanoTime();
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            await().atMost(PATIENCE).ignoreExceptions().until(() -> members(admin),
                    members -> members.keySet().stream().noneMatch(victims::contains)
                            && members.values().stream().mapToInt(Set::size).sum() == partitions);
            long tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);

            Map<String, StoredRule> stored = new HashMap<>();
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (RuleCreated rule : rules) {
                    StoredRule found = store.find(rule.ruleId()).block(Duration.ofSeconds(10));
                    assertThat(found).as("rule %s stored", rule.ruleId()).isNotNull();
                    assertThat(found.version()).as("rule %s applied once", rule.ruleId()).isZero();
                    assertThat(found.materialisedUntil()).as("rule %s materialised over its horizon", rule.ruleId())
                            .isAfter(activeFrom.plus(Duration.ofDays(89)));
                    stored.put(rule.ruleId().value(), found);
                }
            });
            log.info("The survivor took all {} partitions of {} over {} ms after the kill (the victim's session {} s)", partitions,
                    GROUP, tookOver, SESSION.toSeconds());

            int republished = 0;
            for (RuleCreated rule : rules) {
                Instant until = stored.get(rule.ruleId().value()).materialisedUntil();
                // Nightly at 02:30 New York: one occurrence a day from the first night after activeFrom to the horizon.
                List<ConsumerRecord<String, byte[]>> records = await().atMost(PATIENCE).until(
                        () -> occurrences.withKey(rule.calendarId().value()),
                        found -> distinctOccurrences(found).size() >= 89);
                Map<String, Set<String>> contentById = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    OccurrenceMaterialized occurrence = (OccurrenceMaterialized) codec.fromRecord(record).event();
                    assertThat(occurrence.ruleId()).isEqualTo(rule.ruleId());
                    assertThat(occurrence.resolvedAt()).isAfterOrEqualTo(activeFrom).isBefore(until);
                    contentById.computeIfAbsent(occurrence.occurrenceId().value(), id -> new HashSet<>())
                            .add(occurrence.toString());
                }
                assertThat(contentById.values()).as("each occurrence of %s sent with one content", rule.ruleId())
                        .allSatisfy(contents -> assertThat(contents).hasSize(1));
                long nights = nightsBetween(activeFrom, until, records);
                assertThat(contentById).as("occurrences of %s, one a night", rule.ruleId()).hasSize((int) nights);
                republished += records.size() - contentById.size();
            }
            log.info("{} rules materialised whole; {} occurrences were sent twice, with the same content, after the kill",
                    RULES, republished);
        } finally {
            if (victim != null) {
                victim.kill();
            }
        }
    }

    private static Set<String> distinctOccurrences(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> TopicReader.header(record, CloudEventHeaders.SUBJECT)).collect(Collectors.toSet());
    }

    /** The nights between the first and the last occurrence found, both counted: no gap if that many were found. */
    private long nightsBetween(Instant activeFrom, Instant until, List<ConsumerRecord<String, byte[]>> records) {
        List<Instant> resolved = records.stream()
                .map(record -> ((OccurrenceMaterialized) codec.fromRecord(record).event()).resolvedAt()).sorted().toList();
        Instant first = resolved.get(0);
        Instant last = resolved.get(resolved.size() - 1);
        assertThat(first).as("the first night after the rule's start").isBefore(activeFrom.plus(Duration.ofDays(1)));
        assertThat(last).as("the last night before the horizon").isAfter(until.minus(Duration.ofDays(1)).minus(Duration.ofHours(1)));
        return Math.round(Duration.between(first, last).toHours() / 24.0) + 1;
    }

    /** The run reports' listeners share the group, on topics of their own: only the rules topic's holders count. */
    private static Map<String, Set<TopicPartition>> members(Admin admin) throws Exception {
        return GroupMembers.holding(admin, GROUP, Topics.RULES);
    }

    private ServiceJvm startVictim(EmbeddedInfrastructure infrastructure, int port) throws IOException {
        Path log = Files.createDirectories(directory).resolve("victim.log");
        return ServiceJvm.start(RuleExpanderApplication.class, ServiceJvm.TEST_OPTIONS, port, log, List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(),
                "--spring.mongodb.database=" + DATABASE,
                "--spring.kafka.consumer.group-id=" + GROUP,
                "--spring.kafka.consumer.auto-offset-reset=latest",
                "--almanac.rules.intake-consumers=1",
                "--almanac.rules.horizon-advance-interval=PT1H",
                "--almanac.rules.missed.check-interval=PT1H",
                "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION.toMillis(),
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500"));
    }
}

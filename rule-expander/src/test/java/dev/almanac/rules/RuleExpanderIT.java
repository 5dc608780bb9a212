package dev.almanac.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.OccurrenceBatches;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.rules.horizon.AdvancePass;
import dev.almanac.rules.horizon.HorizonAdvancer;
import dev.almanac.rules.horizon.HorizonMetrics;
import dev.almanac.rules.materialisation.MaterialisationMetrics;
import dev.almanac.rules.missed.MissedRunChecker;
import dev.almanac.rules.missed.RunReports;
import dev.almanac.rules.rule.RuleStatus;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.ClockAtTheSampleRule;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RuleSamples;

/**
 * RuleCreated records in on almanac.rules.v1, OccurrenceMaterialized records out on
 * almanac.occurrences.v1, against the real embedded Kafka broker and MongoDB wire server. Each
 * test's rule lands on a calendar of its own, so its occurrences are told apart by record key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // The tests run horizon passes and missed-run checks themselves; the timers must not run one in between.
        properties = {"almanac.rules.horizon-advance-interval=PT1H", "almanac.rules.missed.check-interval=PT1H"})
@Import(ClockAtTheSampleRule.class)
class RuleExpanderIT {

    private static final Logger log = LoggerFactory.getLogger(RuleExpanderIT.class);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant ACTIVE_FROM = ClockAtTheSampleRule.START;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ClockAtTheSampleRule.sharedInfrastructure(registry);
    }

    private static TopicReader occurrences;
    private static TopicReader missedRuns;

    @BeforeAll
    static void readOccurrences() {
        occurrences = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.OCCURRENCES);
        missedRuns = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.MISSED_RUNS);
    }

    @AfterAll
    static void stopReading() {
        occurrences.close();
        missedRuns.close();
    }

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Autowired
    MutableClock clock;

    @Autowired
    HorizonAdvancer advancer;

    @Autowired
    HorizonMetrics horizonMetrics;

    @Autowired
    RuleStore store;

    @Autowired
    MongoDatabase database;

    @Autowired
    MeterRegistry registry;

    @Autowired
    MissedRunChecker checker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    RunReports runReports;

    /** A horizon pass advances every stored rule; each test starts with none but its own. */
    @BeforeEach
    void forgetOtherTestsRules() {
        Mono.from(database.getCollection(RuleStore.COLLECTION).deleteMany(new Document())).block(PATIENCE);
        clock.set(ACTIVE_FROM);
    }

    @Test
    void occurrencesArePublishedInTheCompressedBatchesThatConflictDetectorsFetchIsSizedFor() {
        Map<String, Object> configured = template.getProducerFactory().getConfigurationProperties();
        OccurrenceBatches.producerProperties().forEach((name, value) ->
                assertThat(String.valueOf(configured.get(name))).as(name).isEqualTo(String.valueOf(value)));
    }

    @Test
    void aCreatedRuleIsMaterialisedOverTheHorizonKeyedByCalendarInTheCloudEventsEnvelope() {
        RuleCreated nightly = EventSamples.ruleCreated();
        EventMetadata cause = RuleSamples.envelope(nightly);

        send(codec.toRecord(cause, nightly));

        List<ConsumerRecord<String, byte[]>> records = occurrences.awaitRecords(TopicReader.keyed(nightly.calendarId().value()), 90);
        assertThat(records).hasSize(90);
        List<OccurrenceMaterialized> events = records.stream().map(this::occurrence).toList();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.occurrenceId()).isEqualTo(OccurrenceId.of(nightly.ruleId(), event.resolvedAt()));
            assertThat(event.ruleId()).isEqualTo(nightly.ruleId());
            assertThat(event.ruleVersion()).isZero();
            assertThat(event.title()).isEqualTo(nightly.name());
            assertThat(event.type()).isEqualTo(nightly.jobTemplate().type());
            assertThat(event.resolvedAt()).isAfterOrEqualTo(nightly.activeFrom()).isBefore(nightly.activeFrom().plus(HORIZON));
        });
        assertThat(events).extracting(event -> event.nominalLocalTime().toLocalDate())
                .doesNotHaveDuplicates()
                .contains(LocalDate.parse("2026-11-21"), LocalDate.parse("2027-02-18"));
        assertThat(records).allSatisfy(record -> {
            OccurrenceMaterialized event = occurrence(record);
            assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventHeaders.ID))
                    .isEqualTo(Identifiers.derive("occurrence-event", event.occurrenceId().value(), "0"));
            assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("dev.almanac.occurrence.OccurrenceMaterialized.v1");
            assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/almanac/rule-expander");
            assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo(cause.time().toString());
            assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(event.occurrenceId().value());
            assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(header(record, CloudEventHeaders.AGGREGATE_VERSION)).isEqualTo("0");
            assertThat(header(record, CloudEventHeaders.ACTOR)).isEqualTo(cause.actor());
            assertThat(header(record, CloudEventHeaders.CORRELATION_ID)).isEqualTo(cause.correlationId());
            assertThat(header(record, CloudEventHeaders.TRACEPARENT)).isEqualTo(cause.traceparent());
        });
        awaitMaterialisedUntil(nightly.ruleId(), nightly.activeFrom().plus(HORIZON));
    }

    @Test
    void aRedeliveredRuleCreatedPublishesNoOccurrenceAgain() throws Exception {
        RuleCreated rule = RuleSamples.onCalendar(RuleSamples.nightly("rule-redelivered"), "cal-redelivered");
        ProducerRecord<String, byte[]> created = codec.toRecord(RuleSamples.envelope(rule), rule);
        int partition = send(created).getRecordMetadata().partition();
        occurrences.awaitRecords(TopicReader.keyed("cal-redelivered"), 90);
        awaitMaterialisedUntil(rule.ruleId(), rule.activeFrom().plus(HORIZON));
        double publishedBefore = publishedOnCreation();

        SendResult<String, byte[]> redelivery = send(codec.toRecord(RuleSamples.envelope(rule), rule));
        // Offsets are committed once a poll's work is done, so once they pass the redelivery it was handled.
        awaitCommittedPast(redelivery);

        assertThat(partition).isEqualTo(redelivery.getRecordMetadata().partition());
        assertThat(publishedOnCreation() - publishedBefore).as("nothing published again").isZero();
        List<ConsumerRecord<String, byte[]>> redelivered = occurrences.drainFor(Duration.ofSeconds(1), TopicReader.keyed("cal-redelivered"));
        assertThat(redelivered).hasSize(90)
                .extracting(record -> header(record, CloudEventHeaders.ID)).doesNotHaveDuplicates();
    }

    @Test
    void advancingTheClockMaterialisesTheNextOccurrencesWithoutGapsOrDuplicates() {
        RuleCreated rule = RuleSamples.onCalendar(RuleSamples.nightly("rule-advancing"), "cal-advancing");
        send(codec.toRecord(RuleSamples.envelope(rule), rule));
        occurrences.awaitRecords(TopicReader.keyed("cal-advancing"), 90);
        awaitMaterialisedUntil(rule.ruleId(), rule.activeFrom().plus(HORIZON));

        clock.advance(Duration.ofDays(30));
        AdvancePass pass = advancer.advance();

        assertThat(pass).isEqualTo(new AdvancePass(1, 30, 0));
        List<ConsumerRecord<String, byte[]>> records = occurrences.awaitRecords(TopicReader.keyed("cal-advancing"), 120);
        List<OccurrenceMaterialized> events = records.stream().map(this::occurrence).toList();
        assertThat(events).hasSize(120).extracting(OccurrenceMaterialized::occurrenceId).doesNotHaveDuplicates();
        LocalDate day = LocalDate.parse("2026-11-21");
        for (OccurrenceMaterialized event : events) {
            assertThat(event.nominalLocalTime()).isEqualTo(day.atTime(2, 30));
            day = day.plusDays(1);
        }
        assertThat(events).filteredOn(event -> event.dstResolution() == DstResolution.GAP_SHIFTED).singleElement()
                .satisfies(springForward -> {
                    assertThat(springForward.nominalLocalTime()).isEqualTo(LocalDateTime.parse("2027-03-14T02:30"));
                    assertThat(springForward.resolvedAt()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
                });
        assertThat(records.subList(90, 120)).allSatisfy(record ->
                assertThat(header(record, CloudEventHeaders.TIME)).isEqualTo(clock.instant().toString()));
        assertThat(store.find(rule.ruleId()).block(PATIENCE).materialisedUntil()).isEqualTo(clock.instant().plus(HORIZON));
        assertThat(horizonMetrics.lag()).isZero();
    }

    @Test
    void aBusyRuleIsCappedPerPassAndTheHorizonCatchesUpPassByPass() {
        RuleCreated everyMinute = RuleSamples.onCalendar(RuleSamples.everyMinute("rule-busy", ACTIVE_FROM), "cal-busy");

        long sent = System.nanoTime();
        send(codec.toRecord(RuleSamples.envelope(everyMinute), everyMinute));
        awaitMaterialisedUntil(everyMinute.ruleId(), ACTIVE_FROM.plus(Duration.ofMinutes(5000)));
        logRate("RuleCreated sent to first pass recorded (consumer poll included)", 5000, sent);
        occurrences.awaitRecords(TopicReader.keyed("cal-busy"), 5000);
        assertThat(occurrences.drainFor(Duration.ofMillis(500), TopicReader.keyed("cal-busy"))).as("capped").hasSize(5000);

        long advancing = System.nanoTime();
        AdvancePass pass = advancer.advance();
        logRate("horizon pass: planned, published, acknowledged and recorded", 5000, advancing);
        List<ConsumerRecord<String, byte[]>> records = occurrences.awaitRecords(TopicReader.keyed("cal-busy"), 10_000);

        assertThat(pass).isEqualTo(new AdvancePass(1, 5000, 0));
        List<OccurrenceMaterialized> events = records.stream().map(this::occurrence).toList();
        assertThat(events).hasSize(10_000);
        for (int minute = 0; minute < events.size(); minute++) {
            assertThat(events.get(minute).resolvedAt()).isEqualTo(ACTIVE_FROM.plus(Duration.ofMinutes(minute)));
        }
        assertThat(horizonMetrics.lag()).as("the rest of the 90 days follows on later passes")
                .isEqualTo(HORIZON.minus(Duration.ofMinutes(10_000)));
        assertThat(registry.get(HorizonMetrics.LAG).gauge().value()).isEqualTo(HORIZON.minus(Duration.ofMinutes(10_000)).toSeconds());
    }

    /**
     * A move published at once with the occurrence's id, a run report read from almanac.runs.v1, and a
     * missed-run check that any replica may run: the occurrence with no run is missed once, the one
     * that ran is not, and the moved one is not due where the series had it.
     */
    @Test
    void aMoveIsPublishedAtOnceAndAnOccurrenceWithNoRunReportedIsMissedOnce() {
        RuleCreated rule = RuleSamples.onCalendar(RuleSamples.nightly("rule-missed"), "cal-missed");
        Instant november21 = Instant.parse("2026-11-21T07:30:00Z");
        Instant november22 = november21.plus(Duration.ofDays(1));
        Instant november23 = november22.plus(Duration.ofDays(1));
        Instant movedTo = Instant.parse("2026-11-25T12:00:00Z");
        send(codec.toRecord(RuleSamples.envelope(rule), rule));
        occurrences.awaitRecords(TopicReader.keyed("cal-missed"), 90);
        RuleOccurrenceMoved moved = new RuleOccurrenceMoved(rule.ruleId(), OccurrenceId.of(rule.ruleId(), november22), november22, movedTo,
                ACTIVE_FROM, null);
        EventMetadata moveEnvelope = new EventMetadata(Identifiers.derive("rule-event", rule.ruleId().value(), "1"),
                EventCatalog.of(moved).ceType(), "/almanac/command-service", ACTIVE_FROM, rule.subject(), 1, "ops-lead", "corr-move", null);
        send(codec.toRecord(moveEnvelope, moved));
        send(codec.toRecord(moveEnvelope, moved));
        RunStarted ran = new RunStarted(RunId.of("run-missed-1"), rule.calendarId(), EntryKind.OCCURRENCE,
                OccurrenceId.of(rule.ruleId(), november21).value(), 1, november21.plusSeconds(2), "worker-1");
        send(codec.toRecord(new EventMetadata("evt-run-missed-1", EventCatalog.of(ran).ceType(), "/almanac/executor", november21, ran.subject(),
                0, "worker-1", "corr-run", null), ran));

        List<OccurrenceMaterialized> published = occurrences.awaitRecords(TopicReader.keyed("cal-missed"), 91).stream()
                .map(this::occurrence).toList();
        assertThat(published.get(90).occurrenceId()).isEqualTo(moved.occurrenceId());
        assertThat(published.get(90).start()).isEqualTo(movedTo);
        assertThat(published.get(90).movedFrom()).isEqualTo(november22);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(runReports.reported(List.of(OccurrenceId.of(rule.ruleId(), november21)))
                .block(PATIENCE)).hasSize(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(store.find(rule.ruleId()).block(PATIENCE).exceptionPending()).isFalse());

        clock.set(november23.plus(Duration.ofMinutes(6)));
        checker.check();
        checker.check();

        List<ConsumerRecord<String, byte[]>> all = occurrences.drainFor(Duration.ofSeconds(1), TopicReader.keyed("cal-missed"));
        assertThat(all).as("the redelivered move published nothing again").hasSize(92);
        assertThat(codec.fromRecord(all.get(91)).event()).isInstanceOfSatisfying(OccurrenceMissed.class, missed -> {
            assertThat(missed.occurrenceId()).isEqualTo(OccurrenceId.of(rule.ruleId(), november23));
            assertThat(missed.ruleVersion()).isEqualTo(1);
        });
        // The services that compute rule occurrences read the missed run from its copy, and none of the series (ADR 0072).
        List<ConsumerRecord<String, byte[]>> copies = missedRuns.awaitRecords(TopicReader.keyed("cal-missed"), 1);
        assertThat(missedRuns.drainFor(Duration.ofSeconds(1), TopicReader.keyed("cal-missed"))).hasSize(1);
        assertThat(copies.get(0).value()).isEqualTo(all.get(91).value());
        assertThat(codec.fromRecord(copies.get(0)).event()).isEqualTo(codec.fromRecord(all.get(91)).event());
    }

    /**
     * OPS-HEARTBEAT over Kafka (ADR 0073): a heartbeat's report of the rule accounts for its beats, a beat without one is
     * missed with the reason no_heartbeat, and a report of a rule that is no heartbeat is dead-lettered with the reason.
     */
    @Test
    void aHeartbeatsReportAccountsForItsBeatsAMissedBeatSaysNoHeartbeatAndAStrayRuleReportIsDeadLettered() {
        Instant from = ACTIVE_FROM.truncatedTo(ChronoUnit.MINUTES);
        // Every 12 hours with 10 minutes' grace: 180 beats over the horizon.
        RuleCreated heartbeat = RuleSamples.onCalendar(RuleSamples.heartbeat("rule-heartbeat", ZoneOffset.UTC, from, 43_200, 600),
                "cal-heartbeat");
        RuleCreated dispatched = RuleSamples.onCalendar(RuleSamples.nightly("rule-heartbeat-not"), "cal-heartbeat-not");
        send(codec.toRecord(RuleSamples.envelope(heartbeat), heartbeat));
        send(codec.toRecord(RuleSamples.envelope(dispatched), dispatched));
        await().atMost(PATIENCE).until(() -> store.find(heartbeat.ruleId()).blockOptional(PATIENCE).isPresent()
                && store.find(dispatched.ruleId()).blockOptional(PATIENCE).isPresent());

        send(report(heartbeat, "run-heartbeat-1", from.plusSeconds(30)));
        send(report(dispatched, "run-heartbeat-stray", from.plusSeconds(30)));

        List<OccurrenceId> firstTwo = List.of(OccurrenceId.of(heartbeat.ruleId(), from),
                OccurrenceId.of(heartbeat.ruleId(), from.plus(Duration.ofHours(12))));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(runReports.reported(firstTwo).block(PATIENCE)).hasSize(2));
        try (TopicReader deadLetters = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                Topics.deadLetter(Topics.RUNS))) {
            assertThat(deadLetters.awaitRecords(TopicReader.keyed("cal-heartbeat-not"), 1)).singleElement()
                    .satisfies(record -> assertThat(header(record, "kafka_dlt-exception-message")).contains("no heartbeat"));
        }

        clock.set(from.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(11)));
        checker.check();

        List<OccurrenceMissed> missed = occurrences.drainFor(Duration.ofSeconds(2), TopicReader.keyed("cal-heartbeat")).stream()
                .map(record -> codec.fromRecord(record).event())
                .filter(OccurrenceMissed.class::isInstance).map(OccurrenceMissed.class::cast).toList();
        assertThat(missed).singleElement().satisfies(beat -> {
            assertThat(beat.start()).isEqualTo(from.plus(Duration.ofHours(24)));
            assertThat(beat.reason()).isEqualTo(MissedReason.NO_HEARTBEAT);
            assertThat(beat.catchUpRun()).isNull();
        });
    }

    private ProducerRecord<String, byte[]> report(RuleCreated rule, String runId, Instant at) {
        RunSucceeded report = new RunSucceeded(RunId.of(runId), rule.calendarId(), EntryKind.RULE, rule.ruleId().value(), 1, at,
                "billing-sync", null);
        return codec.toRecord(new EventMetadata("evt-" + runId, EventCatalog.of(report).ceType(), "/billing", at, report.subject(), 0,
                "billing-sync", "corr-" + runId, null), report);
    }

    /**
     * Rules written one after the other to one partition come in one poll and run side by side: a rule that can never be
     * expanded goes to the DLT with the reason, the rules before and after it are materialised, and a rule's events
     * beside them are applied in their order (deleted after created, it ends deleted with nothing left to publish).
     */
    @Test
    void aPollsRulesRunSideBySideAPoisonRuleIsDeadLetteredAndEachRulesEventsKeepTheirOrder() {
        RuleCreated before = RuleSamples.onCalendar(RuleSamples.nightly("rule-beside-1"), "cal-beside-1");
        RuleCreated neverFires = RuleSamples.onCalendar(
                RuleSamples.withCron(RuleSamples.nightly("rule-beside-30-february"), "0 0 30 2 *"), "cal-beside-poison");
        RuleCreated after = RuleSamples.onCalendar(RuleSamples.nightly("rule-beside-2"), "cal-beside-2");
        RuleCreated deletedAtOnce = RuleSamples.onCalendar(RuleSamples.nightly("rule-beside-deleted"), "cal-beside-deleted");
        RuleDeleted deleted = new RuleDeleted(deletedAtOnce.ruleId(), ACTIVE_FROM);
        EventMetadata deletion = RuleSamples.envelope(deleted, 1, ACTIVE_FROM);
        List<ProducerRecord<String, byte[]>> records = List.of(
                codec.toRecord(RuleSamples.envelope(deletedAtOnce), deletedAtOnce), codec.toRecord(RuleSamples.envelope(before), before),
                codec.toRecord(RuleSamples.envelope(neverFires), neverFires), codec.toRecord(deletion, deleted),
                codec.toRecord(RuleSamples.envelope(after), after));
        // Paused while they are written, so that they come in one poll.
        MessageListenerContainer intake = listeners.getListenerContainer("rule-expander-rules");
        intake.pause();
        await().atMost(PATIENCE).until(intake::isContainerPaused);
        List<SendResult<String, byte[]>> sent = records.stream()
                .map(record -> template.send(new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers())))
                .toList().stream().map(CompletableFuture::join).toList();
        intake.resume();

        occurrences.awaitRecords(TopicReader.keyed("cal-beside-1"), 90);
        occurrences.awaitRecords(TopicReader.keyed("cal-beside-2"), 90);
        awaitMaterialisedUntil(before.ruleId(), before.activeFrom().plus(HORIZON));
        awaitMaterialisedUntil(after.ruleId(), after.activeFrom().plus(HORIZON));
        awaitCommittedPast(sent.get(sent.size() - 1));
        List<String> keys = records.stream().map(ProducerRecord::key).toList();
        try (TopicReader deadLetters = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                Topics.deadLetter(Topics.RULES))) {
            deadLetters.awaitRecords(TopicReader.keyed(neverFires.ruleId().value()), 1);
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.drainFor(Duration.ofSeconds(1), record -> keys.contains(record.key()));
            assertThat(dead).as("the poison rule alone is dead-lettered").singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo(neverFires.ruleId().value());
                assertThat(header(record, "kafka_dlt-exception-message")).contains("cannot be expanded");
            });
        }
        assertThat(store.find(neverFires.ruleId()).blockOptional(PATIENCE)).as("the poison rule is not stored").isEmpty();
        assertThat(store.find(deletedAtOnce.ruleId()).blockOptional(PATIENCE)).hasValueSatisfying(rule -> {
            assertThat(rule.status()).isEqualTo(RuleStatus.DELETED);
            assertThat(rule.version()).isEqualTo(1);
        });
    }

    /** Waits until rule-expander's group has committed an offset past {@code sent} on its partition. */
    private static void awaitCommittedPast(SendResult<String, byte[]> sent) {
        TopicPartition partition = new TopicPartition(sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers()))) {
            await().atMost(PATIENCE).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets("rule-expander").partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS).get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isGreaterThan(sent.getRecordMetadata().offset());
            });
        }
    }

    private SendResult<String, byte[]> send(ProducerRecord<String, byte[]> record) {
        return template.send(record).join();
    }

    private void awaitMaterialisedUntil(RuleId ruleId, Instant expected) {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(store.find(ruleId).map(StoredRule::materialisedUntil).blockOptional(PATIENCE)).contains(expected));
    }

    private double publishedOnCreation() {
        return registry.get(MaterialisationMetrics.MATERIALISED).tag("trigger", "rule_created").counter().count();
    }

    private OccurrenceMaterialized occurrence(ConsumerRecord<String, byte[]> record) {
        return (OccurrenceMaterialized) codec.fromRecord(record).event();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return TopicReader.header(record, name);
    }

    private static void logRate(String what, int occurrences, long sinceNanos) {
        double seconds = (System.nanoTime() - sinceNanos) / 1e9;
        log.info("{}: {} occurrences in {} s, {} occurrences/s",
                what, occurrences, String.format("%.2f", seconds), Math.round(occurrences / seconds));
    }
}

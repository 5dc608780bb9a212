package dev.almanac.dispatch.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.support.KafkaHeaders;

import dev.almanac.dispatch.due.DispatchSettings;
import dev.almanac.dispatch.routing.RoutedTopics;
import dev.almanac.dispatch.testing.MutableClock;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.dispatch.wakeup.Wakeups;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole topology on persistent RocksDB stores, without a broker: rule events and ticks in, dispatches out. */
class DispatchTopologyTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final CalendarId NIGHT = CalendarId.of("cal-night");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.500Z");
    private static final Duration TICK_GRACE = Duration.ofSeconds(10);

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(T0);
    private final MockProducer<byte[], byte[]> tickProducer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final Wakeups wakeups = new Wakeups(tickProducer, clock);
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rules;
    private TestInputTopic<String, byte[]> missedRuns;
    private TestInputTopic<String, byte[]> ticks;
    private TestOutputTopic<String, byte[]> dispatched;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(DispatchTopology.build(codec, DispatchSettings.DEFAULT, wakeups, clock, TICK_GRACE,
                new DispatchMetrics(new SimpleMeterRegistry())), properties, T0);
        rules = driver.createInputTopic(Topics.RULES, new StringSerializer(), new ByteArraySerializer());
        missedRuns = driver.createInputTopic(Topics.MISSED_RUNS, new StringSerializer(), new ByteArraySerializer());
        ticks = driver.createInputTopic(Wakeups.TOPIC, new StringSerializer(), new ByteArraySerializer());
        dispatched = driver.createOutputTopic(Topics.DISPATCH, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
        wakeups.close();
    }

    @Test
    void aRulesOccurrenceIsPublishedKeyedByItsCalendarWhenTheTickAtItsStartArrives() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        send(rule.created(T0));
        Instant start = Instant.parse("2026-12-01T10:01:00Z");
        assertThat(wakeups.armedAt(0)).isEqualTo(start);

        tick(start.minusMillis(1));
        assertThat(dispatched.isEmpty()).isTrue();
        tick(start.plusMillis(3));

        TestRecord<String, byte[]> record = dispatched.readRecord();
        assertThat(record.key()).isEqualTo(OPS.value());
        OccurrenceDue due = (OccurrenceDue) decode(record).event();
        assertThat(due.occurrenceId()).isEqualTo(rule.occurrenceAt(start));
        assertThat(due.dueAt()).isEqualTo(start);
        assertThat(due.dispatchedAt()).isEqualTo(start.plusMillis(3));
        assertThat(record.timestamp()).isEqualTo(start.plusMillis(3).toEpochMilli());
        // The next wake-up: the attempt's timeout (the job's 30 s) comes before the next start.
        assertThat(wakeups.armedAt(0)).isEqualTo(start.plusMillis(3).plusSeconds(30));
        assertThat(dispatched.isEmpty()).isTrue();
    }

    @Test
    void aLostTickIsSentAgainAGraceAfterItsInstantAndTheTaskDoesNotLookBefore() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        send(rule.created(T0));
        Instant start = Instant.parse("2026-12-01T10:01:00Z");
        assertThat(wakeups.armedAt(0)).isEqualTo(start);
        // The timer fired, and its tick never reached the broker.
        wakeups.disarm(0);

        // A task that looked every 10 s (the old re-arm) had armed the timer again at the first step.
        for (Instant at = T0.plusSeconds(10); at.isBefore(start.plus(TICK_GRACE)); at = at.plusSeconds(10)) {
            advanceWallClockTo(at);
            assertThat(wakeups.armedAt(0)).as("armed at %s", at).isNull();
        }
        assertThat(tickProducer.history()).isEmpty();

        advanceWallClockTo(start.plus(TICK_GRACE));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tickProducer.history().size() == 1);
        assertThat(tickProducer.history().get(0).partition()).isZero();
        assertThat(new String(tickProducer.history().get(0).value(), StandardCharsets.UTF_8)).isEqualTo(start.toString());
    }

    @Test
    void aRunNowGoesThroughTheRouterAndIsDispatchedAsItArrivesAndARepeatOfItsEventIsNot() {
        RuleStory rule = RuleStory.of("0 3 * * *", OPS);
        send(rule.created(T0));
        Instant asked = T0.plusSeconds(10);
        RuleStory.Step runNow = rule.runNow(asked);

        send(runNow);
        // The same event again, as after a rebalance: the run is remembered as done.
        send(runNow);
        tick(asked.plusSeconds(1));

        List<OccurrenceDue> dues = dispatched.readRecordsToList().stream().map(record -> decode(record).event())
                .filter(OccurrenceDue.class::isInstance).map(OccurrenceDue.class::cast).toList();
        assertThat(dues).singleElement().satisfies(due -> {
            assertThat(due.occurrenceId()).isEqualTo(OccurrenceId.runNowOf(rule.ruleId(), 1));
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.RUN_NOW);
            assertThat(due.dueAt()).isEqualTo(asked);
            assertThat(due.dispatchedAt()).isEqualTo(asked);
        });
    }

    @Test
    void aRuleMovedToAnotherCalendarIsDispatchedOnItFromTheUpdateOn() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        send(rule.created(T0));
        tick(Instant.parse("2026-12-01T10:01:00Z"));
        send(rule.updated(Instant.parse("2026-12-01T10:01:30Z"), "* * * * *", NIGHT));
        tick(Instant.parse("2026-12-01T10:02:00Z"));
        tick(Instant.parse("2026-12-01T10:03:00Z"));

        List<TestRecord<String, byte[]>> records = dispatched.readRecordsToList().stream()
                .filter(record -> decode(record).event() instanceof OccurrenceDue).toList();
        assertThat(records).extracting(TestRecord::key).containsExactly(OPS.value(), NIGHT.value(), NIGHT.value());
        assertThat(records).extracting(record -> ((OccurrenceDue) decode(record).event()).dueAt()).containsExactly(
                Instant.parse("2026-12-01T10:01:00Z"), Instant.parse("2026-12-01T10:02:00Z"), Instant.parse("2026-12-01T10:03:00Z"));
    }

    @Test
    void aCatchUpRunIsPickedFromTheOccurrenceTopicAndDispatchedOnceAndOtherOccurrenceRecordsAreLeft() {
        RuleStory rule = RuleStory.of("0 * * * *", OPS);
        send(rule.created(T0));
        Instant missedAt = Instant.parse("2026-12-01T11:00:00Z");
        Instant detected = missedAt.plus(Duration.ofMinutes(6));
        tick(detected.minusSeconds(30));
        assertThat(dispatched.readRecordsToList()).hasSize(1);
        OccurrenceMissed missed = new OccurrenceMissed(rule.occurrenceAt(missedAt), rule.ruleId(), 0, OPS, missedAt, missedAt,
                missedAt.plusSeconds(60), detected, OccurrenceId.catchUpOf(rule.occurrenceAt(missedAt), missedAt));
        OccurrenceMissed withoutRun = new OccurrenceMissed(rule.occurrenceAt(missedAt), rule.ruleId(), 0, OPS, missedAt, missedAt,
                missedAt.plusSeconds(60), detected, null);

        clock.set(detected.plusMillis(20));
        publish(missedRuns, EventSamples.backfillRun(), 1, detected);
        publish(missedRuns, withoutRun, 0, detected);
        publish(missedRuns, missed, 0, detected);
        publish(missedRuns, missed, 0, detected);
        // Due already: the wake-up sends its tick at once.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> tickProducer.history().stream()
                .anyMatch(tick -> tick.partition() == 0 && new String(tick.value(), StandardCharsets.UTF_8).equals(detected.toString())));
        tick(detected.plusMillis(25));

        assertThat(dispatched.readRecordsToList()).singleElement().satisfies(record -> {
            OccurrenceDue due = (OccurrenceDue) decode(record).event();
            assertThat(due.trigger()).isEqualTo(DispatchTrigger.CATCH_UP);
            assertThat(due.occurrenceId()).isEqualTo(missed.catchUpRun());
        });
        assertThat(driver.createOutputTopic(Topics.deadLetter(Topics.MISSED_RUNS), new StringDeserializer(), new ByteArrayDeserializer())
                .isEmpty()).as("a readable occurrence record dead-lettered").isTrue();
    }

    @Test
    void aRuleEventThatCannotBeReadIsDeadLetteredWithItsReason() {
        rules.pipeInput(new TestRecord<>("rule-broken", "{}".getBytes(StandardCharsets.UTF_8), null, T0));

        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.deadLetter(Topics.RULES), new StringDeserializer(),
                new ByteArrayDeserializer());
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("rule-broken");
        assertThat(new String(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC).value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.RULES);
        assertThat(new String(dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8))
                .contains("ce_");
    }

    @Test
    void theRoutedRulesAreKeyedByCalendar() {
        RuleStory rule = RuleStory.of("* * * * *", OPS);
        send(rule.created(T0));

        TestOutputTopic<String, byte[]> routed = driver.createOutputTopic(RoutedTopics.RULES_BY_CALENDAR, new StringDeserializer(),
                new ByteArrayDeserializer());
        assertThat(routed.readRecordsToList()).extracting(TestRecord::key).containsExactly(OPS.value());
        assertThat(driver.createOutputTopic(Topics.deadLetter(Topics.RULES), new StringDeserializer(), new ByteArrayDeserializer())
                .isEmpty()).as("a readable rule event dead-lettered").isTrue();
    }

    private void send(RuleStory.Step step) {
        clock.set(step.envelope().time().isAfter(clock.instant()) ? step.envelope().time() : clock.instant());
        ProducerRecord<String, byte[]> record = codec.toRecord(step.envelope(), step.event());
        rules.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), step.envelope().time()));
    }

    private void publish(TestInputTopic<String, byte[]> topic, AlmanacEvent event, long version, Instant at) {
        EventMetadata envelope = RuleStory.envelope(event, version, at);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        topic.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), at));
    }

    private void advanceWallClockTo(Instant at) {
        Duration by = Duration.between(clock.instant(), at);
        clock.set(at);
        driver.advanceWallClockTime(by);
    }

    private void tick(Instant at) {
        clock.set(at);
        ticks.pipeInput(new TestRecord<>(null, new byte[0], null, at));
    }

    private dev.almanac.platform.kafka.ReceivedEvent decode(TestRecord<String, byte[]> record) {
        return codec.fromRecord(new org.apache.kafka.clients.consumer.ConsumerRecord<>(Topics.DISPATCH, 0, 0, record.timestamp(),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(),
                java.util.Optional.empty()));
    }
}

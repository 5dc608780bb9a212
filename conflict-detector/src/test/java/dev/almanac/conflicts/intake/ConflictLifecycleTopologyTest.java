package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/** The lifecycle through the real topology on RocksDB stores: commands, outcomes, the SCH-015 timer, and a clash that comes back. */
class ConflictLifecycleTopologyTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final ConflictId CONFLICT = ConflictId.of(Identifiers.derive("conflict", BALLROOM.value(), "item:item-gala",
            "item:item-review"));
    private static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(FACT_TIME);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> calendars;
    private TestInputTopic<String, byte[]> schedule;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> conflicts;
    private TestOutputTopic<String, byte[]> outcomes;
    private int sent;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        driver = new TopologyTestDriver(ConflictTopology.build(codec, new FactRouter(), new ConflictMetrics(registry),
                new LifecycleSettings(CHECK_INTERVAL, "venue-managers", clock)), properties, FACT_TIME);
        calendars = driver.createInputTopic(Topics.CALENDARS, new StringSerializer(), new ByteArraySerializer());
        schedule = driver.createInputTopic(Topics.SCHEDULE, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(CommandTopics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(CommandTopics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aDismissalIsPublishedAndAnsweredAndTheSecondCommandOnTheSameVersionIsRefused() {
        doubleBooking();

        send(command("cmd-dismiss", ConflictCommand.Kind.DISMISS, 0, null, "set-up overlaps on purpose"));
        send(command("cmd-escalate", ConflictCommand.Kind.ESCALATE, 0, "venue-managers", "both confirmed"));

        List<CommandOutcome> answers = outcomes.readRecordsToList().stream().map(record -> CommandTopics.decodeOutcome(record.value())).toList();
        assertThat(answers).extracting(CommandOutcome::commandId, CommandOutcome::result, CommandOutcome::status, CommandOutcome::version)
                .containsExactly(
                        tuple("cmd-dismiss", CommandOutcome.Result.APPLIED, ConflictStatus.DISMISSED, 1L),
                        tuple("cmd-escalate", CommandOutcome.Result.STALE_VERSION, ConflictStatus.DISMISSED, 1L));
        List<ReceivedEvent> published = published();
        assertThat(published).singleElement().satisfies(dismissed -> {
            assertThat(dismissed.event()).isEqualTo(new ConflictDismissed(CONFLICT, BALLROOM, "planner@example.com",
                    "set-up overlaps on purpose", FACT_TIME));
            assertThat(dismissed.metadata().aggregateVersion()).isEqualTo(1);
            assertThat(dismissed.metadata().correlationId()).isEqualTo("cmd-dismiss");
            assertThat(dismissed.metadata().id()).isEqualTo(Identifiers.derive("conflict-event", CONFLICT.value(), "1"));
        });
    }

    /** ADR 0027: the task that holds the conflict holds its calendar's grants too, and asks nothing of anyone. */
    @Test
    void onlyAManagerOfTheCalendarMayMoveItsConflictsOn() {
        doubleBooking();
        send(Topics.CALENDARS, new CalendarAccessGranted(BALLROOM, UserId.of("alice"), CalendarRole.MANAGER, null), 1);
        send(Topics.CALENDARS, new CalendarAccessGranted(BALLROOM, UserId.of("bob"), CalendarRole.SCHEDULER, null), 2);

        send(commandOf("bob", "cmd-bob", ConflictCommand.Kind.DISMISS, 0));
        send(commandOf("carol", "cmd-carol", ConflictCommand.Kind.DISMISS, 0));
        send(commandOf("alice", "cmd-alice", ConflictCommand.Kind.DISMISS, 0));

        List<CommandOutcome> answers = outcomes.readRecordsToList().stream().map(record -> CommandTopics.decodeOutcome(record.value())).toList();
        assertThat(answers).extracting(CommandOutcome::commandId, CommandOutcome::result, CommandOutcome::rule)
                .containsExactly(
                        tuple("cmd-bob", CommandOutcome.Result.FORBIDDEN, "role"),
                        // carol has no role on the calendar: its conflict does not exist for her (ADR 0086).
                        tuple("cmd-carol", CommandOutcome.Result.NOT_HERE, null),
                        tuple("cmd-alice", CommandOutcome.Result.APPLIED, null));
        assertThat(published()).singleElement().satisfies(dismissed -> assertThat(dismissed.event()).isInstanceOf(ConflictDismissed.class));
    }

    @Test
    void onAnOpenCalendarASchedulerMayNotMoveAConflictOnButItsStaffOwnerMay() {
        send(Topics.CALENDARS, new CalendarCreated(BALLROOM, "Ballroom", CalendarType.STAFF, EventSamples.NEW_YORK, 1,
                OverbookingPolicy.ALLOW, null, new CalendarOwner("dana", OwnerType.STAFF), null), 0);
        send(Topics.SCHEDULE, itemScheduled("item-review", "Quarterly review", "15:00", "16:00"), 0);
        send(Topics.SCHEDULE, itemScheduled("item-gala", "Gala", "15:30", "18:00"), 0);
        published();

        send(commandOf("bob", "cmd-bob", ConflictCommand.Kind.DISMISS, 0));
        send(commandOf("dana", "cmd-dana", ConflictCommand.Kind.DISMISS, 0));

        assertThat(outcomes.readRecordsToList().stream().map(record -> CommandTopics.decodeOutcome(record.value())))
                .extracting(CommandOutcome::result)
                .containsExactly(CommandOutcome.Result.FORBIDDEN, CommandOutcome.Result.APPLIED);
    }

    @Test
    void aCommandTheTaskCannotHandleIsDeadLetteredAndAnsweredAsFailedWithNothingChanged() {
        doubleBooking();
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.deadLetter(CommandTopics.COMMANDS),
                new StringDeserializer(), new ByteArrayDeserializer());

        send(command("cmd-resolve-without-method", ConflictCommand.Kind.RESOLVE, 0, null, null));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result()).isEqualTo(CommandOutcome.Result.FAILED);
        assertThat(deadLetters.readKeyValue().key).isEqualTo("cmd-resolve-without-method");
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", CommandTopics.COMMANDS, "outcome", "dead_lettered").count())
                .as("counted for the dead-letter alert").isEqualTo(1.0);
        assertThat(conflicts.isEmpty()).isTrue();
        send(command("cmd-dismiss", ConflictCommand.Kind.DISMISS, 0, null, "fine"));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result()).as("the conflict is still at version 0")
                .isEqualTo(CommandOutcome.Result.APPLIED);
    }

    @Test
    void aCommandForAConflictThisPartitionDoesNotHoldIsAnsweredNotHere() {
        send(command("cmd-unknown", ConflictCommand.Kind.DISMISS, 0, null, "why"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result()).isEqualTo(CommandOutcome.Result.NOT_HERE);
        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void aCriticalConflictLeftDetectedFor24HoursEscalatesByItselfOnTheNextCheck() {
        doubleBooking();

        clock.set(FACT_TIME.plus(Escalations.DEADLINE).minusSeconds(1));
        driver.advanceWallClockTime(CHECK_INTERVAL);
        assertThat(conflicts.isEmpty()).as("not yet due").isTrue();

        clock.set(FACT_TIME.plus(Escalations.DEADLINE));
        driver.advanceWallClockTime(CHECK_INTERVAL);

        ReceivedEvent escalated = published().get(0);
        assertThat(escalated.event()).isEqualTo(new ConflictEscalated(CONFLICT, BALLROOM, "venue-managers", Escalations.REASON,
                Escalations.ACTOR, FACT_TIME.plus(Escalations.DEADLINE), true));
        assertThat(escalated.metadata().aggregateVersion()).isEqualTo(1);
        assertThat(escalated.metadata().actor()).isEqualTo(Escalations.ACTOR);

        send(command("cmd-escalate", ConflictCommand.Kind.ESCALATE, 1, "ceo", "again"));
        CommandOutcome refused = CommandTopics.decodeOutcome(outcomes.readValue());
        assertThat(refused.result()).isEqualTo(CommandOutcome.Result.INVALID_TRANSITION);
        assertThat(refused.rule()).isEqualTo("escalated");
    }

    @Test
    void aDismissedClashThatClearsAndComesBackIsDetectedAfreshAndCanBeActedOnAgain() {
        doubleBooking();
        send(command("cmd-dismiss", ConflictCommand.Kind.DISMISS, 0, null, "fine"));
        published();

        reschedule("15:30", "18:00", "16:00", "18:30", 1);
        reschedule("16:00", "18:30", "15:30", "18:00", 2);

        assertThat(published()).extracting(received -> received.metadata().aggregateVersion(),
                        received -> received.event().getClass().getSimpleName())
                .containsExactly(tuple(2L, "ConflictCleared"),
                        tuple(3L, "ConflictDetected"));
        send(command("cmd-dismiss-again", ConflictCommand.Kind.DISMISS, 3, null, "still fine"));
        assertThat(CommandTopics.decodeOutcome(outcomes.readRecordsToList().get(1).value()).result())
                .isEqualTo(CommandOutcome.Result.APPLIED);
    }

    @Test
    void aRescanOfAConsistentStatePublishesNothingAndRepairsAStateThatLostAConflict() {
        doubleBooking();
        send(command("cmd-dismiss", ConflictCommand.Kind.DISMISS, 0, null, "fine"));
        outcomes.readRecordsToList();
        published();

        send(rescan("rescan-1"));
        send(rescan("rescan-2"));

        assertThat(outcomes.readRecordsToList()).extracting(record -> CommandTopics.decodeOutcome(record.value()).rescan())
                .as("the same answer twice: the re-scan agrees with the live state")
                .containsExactly(new CommandOutcome.Rescan(1, 0, 1, 0, 0), new CommandOutcome.Rescan(1, 0, 1, 0, 0));
        assertThat(conflicts.isEmpty()).isTrue();

        driver.<Bytes, byte[]>getKeyValueStore(ConflictStore.CONFLICTS).delete(conflictKey(CONFLICT));
        send(rescan("rescan-3"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).rescan()).isEqualTo(new CommandOutcome.Rescan(1, 0, 1, 1, 0));
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));
    }

    private ConflictCommand rescan(String id) {
        return new ConflictCommand(id, null, ConflictCommand.Kind.DETECT, -1, null, null, null, null, "planner@example.com", FACT_TIME, null,
                true);
    }

    private void doubleBooking() {
        send(Topics.CALENDARS, new CalendarCreated(BALLROOM, "Ballroom", CalendarType.VENUE, EventSamples.NEW_YORK, 1,
                OverbookingPolicy.ALLOW), 0);
        send(Topics.SCHEDULE, itemScheduled("item-review", "Quarterly review", "15:00", "16:00"), 0);
        send(Topics.SCHEDULE, itemScheduled("item-gala", "Gala", "15:30", "18:00"), 0);
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));
    }

    private void reschedule(String fromStart, String fromEnd, String start, String end, long version) {
        ItemRescheduled moved = new ItemRescheduled(ItemId.of("item-gala"), BALLROOM, at(fromStart), at(fromEnd), at(start), at(end), null);
        send(Topics.SCHEDULE, moved, version);
    }

    /** A command of an admin, who is manager of every calendar. */
    private ConflictCommand command(String id, ConflictCommand.Kind kind, long version, String escalateTo, String reason) {
        return new ConflictCommand(id, CONFLICT.value(), kind, version, null, null, escalateTo, reason, "planner@example.com",
                FACT_TIME, null, true);
    }

    private ConflictCommand commandOf(String actor, String id, ConflictCommand.Kind kind, long version) {
        return new ConflictCommand(id, CONFLICT.value(), kind, version, null, null, null, "not ours", actor, FACT_TIME, null, false);
    }

    private void send(ConflictCommand command) {
        commands.pipeInput(new TestRecord<>(command.commandId(), CommandTopics.encode(command), FACT_TIME));
    }

    /** The key of a conflict in the conflicts store. */
    private static Bytes conflictKey(ConflictId id) {
        return OrderedKey.builder().text(id.value()).build();
    }

    private void send(String topic, AlmanacEvent event, long version) {
        int fact = ++sent;
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME, event.subject(), version, "planner@example.com", "corr-" + fact, null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        (topic.equals(Topics.CALENDARS) ? calendars : schedule)
                .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), FACT_TIME));
    }

    private List<ReceivedEvent> published() {
        return conflicts.readRecordsToList().stream()
                .map(record -> codec.fromRecord(new ConsumerRecord<>(Topics.CONFLICTS, 0, 0, record.timestamp(), TimestampType.CREATE_TIME,
                        ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                        new RecordHeaders(record.headers().toArray()), Optional.empty())))
                .toList();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    private static ItemScheduled itemScheduled(String itemId, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(itemId), BALLROOM, title, "meeting", at(start), at(end), EventSamples.NEW_YORK,
                Priority.NORMAL, List.of());
    }
}

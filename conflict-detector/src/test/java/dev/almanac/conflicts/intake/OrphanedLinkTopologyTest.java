package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.link.LinkPairStore;
import dev.almanac.conflicts.link.OrphanedLinks;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Orphaned links through the real topology on RocksDB stores (ADR 0061): a primary on one calendar and
 * its follower, two hours later, on another. Each item's calendar's task sends its side of the link to
 * the partition of the primary's id, where the two sides are compared; sides that disagree wait out a
 * grace of 30 seconds on the task's clock before the pair is published as an orphaned link, and sides
 * that agree again clear it at once, with the reason.
 */
class OrphanedLinkTopologyTest {

    private static final CalendarId CORE = CalendarId.of("cal-core");
    private static final CalendarId SUPERVISORS = CalendarId.of("cal-supervisors");
    private static final ItemId PRIMARY = ItemId.of("item-core");
    private static final ItemId FOLLOWER = ItemId.of("item-super");
    private static final long OFFSET = 7_200;
    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ConflictId ORPHAN = OrphanedLinks.conflictId(PRIMARY, FOLLOWER);
    private static final Duration ESCALATION_CHECK = Duration.ofMinutes(1);
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration ORPHAN_CHECK = Duration.ofSeconds(1);

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(FACT_TIME);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> calendars;
    private TestInputTopic<String, byte[]> schedule;
    private TestInputTopic<String, byte[]> sidesIn;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> sides;
    private TestOutputTopic<String, byte[]> conflicts;
    private TestOutputTopic<String, byte[]> outcomes;
    private final List<TestRecord<String, byte[]>> scheduleSent = new ArrayList<>();
    private long timestamp = 1_000;
    private int facts;

    @BeforeEach
    void startDriver() {
        startDriver(ORPHAN_CHECK);
    }

    private void startDriver(Duration orphanCheck) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        driver = new TopologyTestDriver(ConflictTopology.build(codec, new FactRouter(), new ConflictMetrics(registry),
                new LifecycleSettings(ESCALATION_CHECK, "managers", clock, GRACE, orphanCheck)), properties, FACT_TIME);
        calendars = driver.createInputTopic(Topics.CALENDARS, new StringSerializer(), new ByteArraySerializer());
        schedule = driver.createInputTopic(Topics.SCHEDULE, new StringSerializer(), new ByteArraySerializer());
        sidesIn = driver.createInputTopic(LinkSides.TOPIC, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(CommandTopics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        sides = driver.createOutputTopic(LinkSides.TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(CommandTopics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aPairMovedTogetherIsNoOrphanThoughItsSidesDisagreeUntilTheSecondArrives() {
        link();
        assertThat(sides.readRecordsToList()).extracting(TestRecord::key)
                .containsExactly("item-core/item-super/primary", "item-core/item-super/follower");

        send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);
        assertThat(pairsWaitingOutTheirGrace()).as("the primary's side alone disagrees with the follower's").isEqualTo(1);
        send(move(FOLLOWER, SUPERVISORS, "12:00", "13:00", "16:00", "17:00", PRIMARY), 2);
        assertThat(pairsWaitingOutTheirGrace()).as("the follower's side agrees again, within the grace").isZero();

        graceRunsOut();

        assertThat(published()).isEmpty();
    }

    @Test
    void theOrphanCheckIsArmedForTheEndOfTheGraceRatherThanTicking() {
        driver.close();
        // Its longest wait an hour: only the grace's end can make it publish within the minute (ADR 0098).
        startDriver(Duration.ofHours(1));
        link();
        send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);

        Duration almost = GRACE.minusMillis(1);
        clock.advance(almost);
        driver.advanceWallClockTime(almost);
        assertThat(published()).as("a millisecond before the grace runs out").isEmpty();

        clock.advance(Duration.ofMillis(1));
        driver.advanceWallClockTime(Duration.ofMillis(1));
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event())
                .isInstanceOfSatisfying(ConflictDetected.class, detected -> assertThat(detected.conflictId()).isEqualTo(ORPHAN)));

        clock.advance(Duration.ofMinutes(59));
        driver.advanceWallClockTime(Duration.ofMinutes(59));
        assertThat(published()).as("nothing more is due").isEmpty();
    }

    @Test
    void aPrimaryMovedAloneIsAnOrphanedLinkOnceTheGraceRunsOutAndTheFollowerMovingToTheOffsetClearsIt() {
        link();
        EventMetadata cause = send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);

        clock.advance(GRACE.minusSeconds(1));
        driver.advanceWallClockTime(ORPHAN_CHECK);
        assertThat(published()).as("within the grace, the follower's move may still be on its way").isEmpty();

        clock.advance(Duration.ofSeconds(2));
        driver.advanceWallClockTime(ORPHAN_CHECK);

        List<TestRecord<String, byte[]>> records = conflicts.readRecordsToList();
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).as("keyed by the primary's calendar").isEqualTo(CORE.value());
            assertThat(record.timestamp()).as("the cause's time").isEqualTo(cause.time().toEpochMilli());
        });
        ReceivedEvent received = decode(records.get(0));
        ConflictDetected expected = new ConflictDetected(ORPHAN, CORE, ConflictType.ORPHANED_LINK, ConflictLevel.SEVERE, at("12:00"),
                at("16:00"), 1, 2, List.of(new ConflictingEntry(ConflictEntryKind.ITEM, PRIMARY.value(), "Core visit", at("14:00"), at("16:00")),
                new ConflictingEntry(ConflictEntryKind.ITEM, FOLLOWER.value(), "Supervisor visit", at("12:00"), at("13:00"))), null, null,
                List.of(), new ConflictLink(PRIMARY, CORE, FOLLOWER, SUPERVISORS, OFFSET, LinkProblem.OFFSET_BROKEN));
        assertThat(received.event()).isEqualTo(expected);
        assertThat(received.metadata()).isEqualTo(ConflictEventMetadata.of(new ConflictChange.Detection(expected, 0), cause));

        EventMetadata repair = send(move(FOLLOWER, SUPERVISORS, "12:00", "13:00", "16:00", "17:00", PRIMARY), 2);

        assertThat(published()).as("agreeing sides clear it at once").singleElement().satisfies(clearance -> {
            assertThat(clearance.event()).isEqualTo(new ConflictCleared(ORPHAN, CORE, "follower item-super starts 7200 s after its "
                    + "primary item-core again, as the link says, after item item-super was rescheduled"));
            assertThat(clearance.metadata().correlationId()).isEqualTo(repair.correlationId());
            assertThat(clearance.metadata().aggregateVersion()).isEqualTo(1);
        });
        graceRunsOut();
        assertThat(published()).isEmpty();
    }

    @Test
    void aCancelledPrimaryOrphansItsFollowerAndEndingTheLinkOnBothSidesClearsIt() {
        link();
        send(new ItemCancelled(PRIMARY, CORE, at("10:00"), at("12:00"), "client cancelled"), 2);
        graceRunsOut();
        assertThat(published()).singleElement().extracting(received -> ((ConflictDetected) received.event()).link())
                .isEqualTo(new ConflictLink(PRIMARY, CORE, FOLLOWER, SUPERVISORS, OFFSET, LinkProblem.PRIMARY_CANCELLED));

        send(new ItemUnlinked(PRIMARY, CORE, at("10:00"), at("12:00"), LinkRole.PRIMARY, FOLLOWER), 3);
        assertThat(published()).as("ended on one side only, it is not repaired yet").isEmpty();
        send(new ItemUnlinked(FOLLOWER, SUPERVISORS, at("12:00"), at("13:00"), LinkRole.FOLLOWER, PRIMARY), 2);

        assertThat(published()).singleElement().extracting(ReceivedEvent::event).isEqualTo(new ConflictCleared(ORPHAN, CORE,
                "primary item-core and follower item-super are no longer linked, after item item-super was unlinked from item item-core"));
        graceRunsOut();
        assertThat(published()).isEmpty();
    }

    /** ADR 0030: the API cancels the follower of a cancelled primary on its own; the pair is then cancelled on both sides. */
    @Test
    void aCancelledPrimarysOrphanClearsWhenItsFollowerIsCancelledOnItsOwn() {
        link();
        send(new ItemCancelled(PRIMARY, CORE, at("10:00"), at("12:00"), "cancelled outside the API"), 2);
        graceRunsOut();
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));

        send(new ItemCancelled(FOLLOWER, SUPERVISORS, at("12:00"), at("13:00"), "the core visit was called off"), 2);

        assertThat(published()).singleElement().extracting(ReceivedEvent::event).isEqualTo(new ConflictCleared(ORPHAN, CORE,
                "primary item-core and follower item-super are both cancelled, after item item-super was cancelled"));
        graceRunsOut();
        assertThat(published()).isEmpty();
    }

    @Test
    void aFollowerCancelledWithoutItsPrimaryIsAnOrphanAndAPairCancelledTogetherIsNot() {
        link();
        send(new ItemCancelled(PRIMARY, CORE, at("10:00"), at("12:00"), "client cancelled"), 2);
        send(new ItemCancelled(FOLLOWER, SUPERVISORS, at("12:00"), at("13:00"), "client cancelled", PRIMARY), 2);
        graceRunsOut();
        assertThat(published()).as("cancelled together").isEmpty();

        ItemId primary = ItemId.of("item-core-2");
        ItemId follower = ItemId.of("item-super-2");
        link(primary, follower);
        send(new ItemCancelled(follower, SUPERVISORS, at("12:00"), at("13:00"), "supervisor ill"), 2);
        graceRunsOut();

        assertThat(published()).singleElement().extracting(received -> ((ConflictDetected) received.event()).link().problem())
                .isEqualTo(LinkProblem.FOLLOWER_CANCELLED);
    }

    /** ADR 0061: events that say which linked items their transaction changed too. */
    @Test
    void aPairMovedTogetherWaitsForItsSecondSideInEitherOrderAndIsNeverAnOrphan() {
        linkSaying(PRIMARY, FOLLOWER);

        send(moveSaying(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null, FOLLOWER, 2), 2);
        assertThat(pairsWaitingOutTheirGrace()).as("the follower's side of the same move is on its way").isEqualTo(1);
        assertThat(published()).isEmpty();
        send(moveSaying(FOLLOWER, SUPERVISORS, "12:00", "13:00", "16:00", "17:00", PRIMARY, PRIMARY, 2), 2);
        assertThat(pairsWaitingOutTheirGrace()).isZero();

        send(moveSaying(FOLLOWER, SUPERVISORS, "16:00", "17:00", "18:00", "19:00", PRIMARY, PRIMARY, 3), 3);
        assertThat(pairsWaitingOutTheirGrace()).as("the primary's side of the same move is on its way").isEqualTo(1);
        send(moveSaying(PRIMARY, CORE, "14:00", "16:00", "16:00", "18:00", null, FOLLOWER, 3), 3);

        nothingWaitsAndNothingIsPublishedOnceTheGraceRunsOut();
    }

    @Test
    void aLinkThatMovesTheFollowerToItsOffsetWaitsForTheFollowersLastEventOfTheTransaction() {
        send(new ItemScheduled(PRIMARY, CORE, "Core visit", "visit", at("10:00"), at("12:00"), NEW_YORK, Priority.NORMAL, List.of()), 0);
        send(new ItemScheduled(FOLLOWER, SUPERVISORS, "Supervisor visit", "visit", at("09:00"), at("10:00"), NEW_YORK, Priority.NORMAL,
                List.of()), 0);
        // The follower gets two events in the link's transaction: its ItemLinked (1) and its move to the offset (2).
        send(new ItemLinked(FOLLOWER, SUPERVISORS, at("09:00"), at("10:00"), LinkRole.FOLLOWER, PRIMARY, CORE, OFFSET,
                List.of(new LinkedChange(PRIMARY, 1))), 1);
        send(new ItemLinked(PRIMARY, CORE, at("10:00"), at("12:00"), LinkRole.PRIMARY, FOLLOWER, SUPERVISORS, OFFSET,
                List.of(new LinkedChange(FOLLOWER, 2))), 1);
        assertThat(published()).as("the follower at version 1 is not yet where the link puts it, but its move is on its way").isEmpty();
        assertThat(pairsWaitingOutTheirGrace()).isEqualTo(1);

        send(moveSaying(FOLLOWER, SUPERVISORS, "09:00", "10:00", "12:00", "13:00", PRIMARY, PRIMARY, 1), 2);

        nothingWaitsAndNothingIsPublishedOnceTheGraceRunsOut();
    }

    @Test
    void aPrimaryMovedAloneIsAnOrphanedLinkAtOnceWhenItsEventSaysSoAndTheRepairClearsItAtOnce() {
        linkSaying(PRIMARY, FOLLOWER);

        EventMetadata cause = send(new ItemRescheduled(PRIMARY, CORE, at("10:00"), at("12:00"), at("14:00"), at("16:00"), null, null,
                null, List.of()), 2);

        List<TestRecord<String, byte[]>> records = conflicts.readRecordsToList();
        assertThat(records).as("published with no wall-clock time passing").singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(CORE.value());
            ReceivedEvent received = decode(record);
            assertThat(((ConflictDetected) received.event()).link().problem()).isEqualTo(LinkProblem.OFFSET_BROKEN);
            assertThat(received.metadata().correlationId()).as("the cause is the primary's move").isEqualTo(cause.correlationId());
        });
        assertThat(pairsWaitingOutTheirGrace()).isZero();
        assertThat(escalationsDue()).as("severe: SCH-015's clock starts when it is published").isEqualTo(1);

        send(moveSaying(FOLLOWER, SUPERVISORS, "12:00", "13:00", "16:00", "17:00", PRIMARY, PRIMARY, 2), 2);

        assertThat(published()).singleElement().extracting(ReceivedEvent::event).isInstanceOf(ConflictCleared.class);
        graceRunsOut();
        assertThat(published()).isEmpty();
    }

    @Test
    void aCancelledPrimaryThatSaysItCancelledNoFollowerOrphansItAtOnce() {
        linkSaying(PRIMARY, FOLLOWER);

        send(new ItemCancelled(PRIMARY, CORE, at("10:00"), at("12:00"), "cancelled by an import", null, List.of()), 2);

        assertThat(published()).singleElement().extracting(received -> ((ConflictDetected) received.event()).link().problem())
                .isEqualTo(LinkProblem.PRIMARY_CANCELLED);

        send(new ItemCancelled(FOLLOWER, SUPERVISORS, at("12:00"), at("13:00"), "the core visit was called off", null, List.of()), 2);

        assertThat(published()).singleElement().extracting(ReceivedEvent::event).isInstanceOf(ConflictCleared.class);
    }

    @Test
    void aSideThatSaidItsPartnerChangedButWhoseSideNeverCameIsPublishedWhenTheGraceRunsOut() {
        linkSaying(PRIMARY, FOLLOWER);
        EventMetadata cause = send(moveSaying(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null, FOLLOWER, 2), 2);

        clock.advance(GRACE.minusSeconds(1));
        driver.advanceWallClockTime(ORPHAN_CHECK);
        assertThat(published()).isEmpty();
        graceRunsOut();

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(((ConflictDetected) received.event()).link().problem()).isEqualTo(LinkProblem.OFFSET_BROKEN);
            assertThat(received.metadata().correlationId()).isEqualTo(cause.correlationId());
        });
    }

    @Test
    void aSideOfAnOlderChangeArrivingLateKeepsThePairWaitingForTheSideItsPartnerSaidWasComing() {
        linkSaying(PRIMARY, FOLLOWER);
        // The pair moves twice; the primary's second move arrives before the follower's first.
        send(moveSaying(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null, FOLLOWER, 2), 2);
        send(moveSaying(PRIMARY, CORE, "14:00", "16:00", "15:00", "17:00", null, FOLLOWER, 3), 3);
        send(moveSaying(FOLLOWER, SUPERVISORS, "12:00", "13:00", "16:00", "17:00", PRIMARY, PRIMARY, 2), 2);
        assertThat(published()).as("the follower at 2 is behind the 3 the primary's last move took it to").isEmpty();
        assertThat(pairsWaitingOutTheirGrace()).isEqualTo(1);

        send(moveSaying(FOLLOWER, SUPERVISORS, "16:00", "17:00", "17:00", "18:00", PRIMARY, PRIMARY, 3), 3);

        nothingWaitsAndNothingIsPublishedOnceTheGraceRunsOut();
    }

    @Test
    void redeliveredFactsAndSidesPublishNothingAndABrokenSideIsDeadLetteredWithNothingWritten() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.deadLetter(LinkSides.TOPIC),
                new StringDeserializer(), new ByteArrayDeserializer());
        link();
        send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);
        graceRunsOut();
        assertThat(published()).hasSize(1);
        List<TestRecord<String, byte[]>> sent = sides.readRecordsToList();
        assertThat(sent).hasSize(3);

        scheduleSent.forEach(record -> schedule.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp)));
        sent.forEach(record -> sidesIn.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp)));
        sidesIn.pipeInput(new TestRecord<>("item-core/item-x/primary", "{\"primary_id\": 42".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), timestamp));
        graceRunsOut();

        assertThat(sides.isEmpty()).as("a redelivered fact is not applied again, so it tells its pair nothing").isTrue();
        assertThat(published()).isEmpty();
        assertThat(pairsWaitingOutTheirGrace()).isZero();
        assertThat(deadLetters.readRecord().key()).isEqualTo("item-core/item-x/primary");
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", LinkSides.TOPIC, "outcome", "dead_lettered").count()).isEqualTo(1.0);
    }

    @Test
    void anOrphanedLinkIsSevereEscalatesByItselfAfterTwentyFourHoursAndAnAdminMovesItOn() {
        link();
        EventMetadata cause = send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);
        graceRunsOut();
        published();

        clock.set(cause.time().plus(Escalations.DEADLINE).plusSeconds(1));
        driver.advanceWallClockTime(ESCALATION_CHECK);

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOfSatisfying(ConflictEscalated.class, escalated -> {
                assertThat(escalated.conflictId()).isEqualTo(ORPHAN);
                assertThat(escalated.automatic()).isTrue();
            });
            assertThat(received.metadata().aggregateVersion()).isEqualTo(1);
        });

        send(new ConflictCommand("cmd-by-manager", ORPHAN.value(), ConflictCommand.Kind.RESOLVE, 1, ResolutionMethod.RESCHEDULED, null,
                null, null, "manager@example.com", FACT_TIME, null));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::rule)
                .containsExactly(CommandOutcome.Result.FORBIDDEN, "role");

        send(new ConflictCommand("cmd-by-admin", ORPHAN.value(), ConflictCommand.Kind.RESOLVE, 1, ResolutionMethod.RESCHEDULED, null,
                null, null, "admin@example.com", FACT_TIME, null, true));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::calendarId, CommandOutcome::status, CommandOutcome::version)
                .containsExactly(CommandOutcome.Result.APPLIED, CORE.value(), ConflictStatus.RESOLVED, 2L);
    }

    /** ADR 0030: the pair lives on the primary's partition; the grants of both sides' calendars reach it through the global copy. */
    @Test
    void theManagerOfTheFollowersCalendarMayMoveAnOrphanedLinkOnAndAViewerOfThePrimarysMayNot() {
        link();
        send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);
        graceRunsOut();
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));
        grant(CORE, "victor", CalendarRole.VIEWER, 1);
        grant(SUPERVISORS, "sue", CalendarRole.MANAGER, 1);

        send(new ConflictCommand("cmd-by-viewer", ORPHAN.value(), ConflictCommand.Kind.DISMISS, 0, null, null, null, "not ours",
                "victor", FACT_TIME, null));
        CommandOutcome refused = CommandTopics.decodeOutcome(outcomes.readValue());
        assertThat(refused).extracting(CommandOutcome::result, CommandOutcome::rule).containsExactly(CommandOutcome.Result.FORBIDDEN, "role");
        assertThat(refused.message()).isEqualTo("resolving, escalating or dismissing conflict " + ORPHAN
                + " of the link from item item-core to item item-super needs the manager role on calendar cal-core or cal-supervisors"
                + " (the calendars of its items), or the admin role; victor has neither");

        send(new ConflictCommand("cmd-by-follower-manager", ORPHAN.value(), ConflictCommand.Kind.DISMISS, 0, null, null, null,
                "the supervisors follow by hand this week", "sue", FACT_TIME, null));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::calendarId, CommandOutcome::status, CommandOutcome::version)
                .containsExactly(CommandOutcome.Result.APPLIED, CORE.value(), ConflictStatus.DISMISSED, 1L);
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.metadata().actor()).isEqualTo("sue"));
    }

    private void grant(CalendarId calendar, String user, CalendarRole role, long version) {
        int fact = ++facts;
        CalendarAccessGranted granted = new CalendarAccessGranted(calendar, UserId.of(user), role, null);
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(granted).ceType(), "/almanac/command-service",
                FACT_TIME.plusSeconds(fact), granted.subject(), version, "admin@example.com", "corr-" + fact, null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, granted);
        timestamp += 1_000;
        calendars.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp));
    }

    @Test
    void theRescanComparesEveryPairLeavesAGraceToRunAndFindsALostOrphanAgain() {
        link();
        ItemId otherPrimary = ItemId.of("item-core-2");
        link(otherPrimary, ItemId.of("item-super-2"));
        send(move(PRIMARY, CORE, "10:00", "12:00", "14:00", "16:00", null), 2);
        graceRunsOut();
        published();

        send(rescan("rescan-1"));
        send(rescan("rescan-2"));
        assertThat(outcomes.readRecordsToList()).extracting(record -> CommandTopics.decodeOutcome(record.value()).rescan())
                .as("two calendars heard of through their entries, two pairs, one orphaned link")
                .containsExactly(new CommandOutcome.Rescan(2, 0, 1, 0, 0, 2), new CommandOutcome.Rescan(2, 0, 1, 0, 0, 2));
        assertThat(published()).isEmpty();

        driver.<Bytes, byte[]>getKeyValueStore(ConflictStore.CONFLICTS).delete(OrderedKey.builder().text(ORPHAN.value()).build());
        send(move(otherPrimary, CORE, "10:00", "12:00", "11:00", "13:00", null), 2);
        send(rescan("rescan-3"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).rescan())
                .as("the lost orphan is found again; the pair within its grace is left to it")
                .isEqualTo(new CommandOutcome.Rescan(2, 0, 1, 1, 0, 2));
        assertThat(published()).singleElement().satisfies(received -> assertThat(((ConflictDetected) received.event()).conflictId())
                .isEqualTo(ORPHAN));
        graceRunsOut();
        assertThat(published()).singleElement().satisfies(received -> assertThat(((ConflictDetected) received.event()).link().primaryId())
                .isEqualTo(otherPrimary));
    }

    @Test
    void aSideGoesToThePartitionOfItsPrimaryAsKafkaWouldPartitionThePrimarysId() {
        LinkSides.ByPrimary partitioner = new LinkSides.ByPrimary();
        for (String primary : List.of("item-core", "item-1", "a", "room:12")) {
            for (int partitions : List.of(1, 3, 12)) {
                int expected = BuiltInPartitioner.partitionForKey(primary.getBytes(StandardCharsets.UTF_8), partitions);
                for (String side : List.of("primary", "follower")) {
                    assertThat(partitioner.partitions(LinkSides.TOPIC, primary + "/item-f/" + side, new byte[0], partitions))
                            .as("%s over %d partitions", primary, partitions).contains(Set.of(expected));
                }
            }
        }
    }

    /** Schedules the primary (10:00 to 12:00) and the follower (12:00 to 13:00), and links them: both sides at version 1. */
    private void link() {
        link(PRIMARY, FOLLOWER);
    }

    private void link(ItemId primary, ItemId follower) {
        send(new ItemScheduled(primary, CORE, "Core visit", "visit", at("10:00"), at("12:00"), NEW_YORK, Priority.NORMAL, List.of()), 0);
        send(new ItemScheduled(follower, SUPERVISORS, "Supervisor visit", "visit", at("12:00"), at("13:00"), NEW_YORK, Priority.NORMAL,
                List.of()), 0);
        send(new ItemLinked(primary, CORE, at("10:00"), at("12:00"), LinkRole.PRIMARY, follower, SUPERVISORS, OFFSET), 1);
        send(new ItemLinked(follower, SUPERVISORS, at("12:00"), at("13:00"), LinkRole.FOLLOWER, primary, CORE, OFFSET), 1);
    }

    /** Schedules and links the pair as command-service does: each ItemLinked names the other item at version 1. */
    private void linkSaying(ItemId primary, ItemId follower) {
        send(new ItemScheduled(primary, CORE, "Core visit", "visit", at("10:00"), at("12:00"), NEW_YORK, Priority.NORMAL, List.of()), 0);
        send(new ItemScheduled(follower, SUPERVISORS, "Supervisor visit", "visit", at("12:00"), at("13:00"), NEW_YORK, Priority.NORMAL,
                List.of()), 0);
        send(new ItemLinked(primary, CORE, at("10:00"), at("12:00"), LinkRole.PRIMARY, follower, SUPERVISORS, OFFSET,
                List.of(new LinkedChange(follower, 1))), 1);
        send(new ItemLinked(follower, SUPERVISORS, at("12:00"), at("13:00"), LinkRole.FOLLOWER, primary, CORE, OFFSET,
                List.of(new LinkedChange(primary, 1))), 1);
    }

    /** A move that says its transaction took {@code partner} to {@code partnerVersion}. */
    private static ItemRescheduled moveSaying(ItemId item, CalendarId calendar, String fromStart, String fromEnd, String toStart,
                                              String toEnd, @Nullable ItemId alongWith, ItemId partner, long partnerVersion) {
        return new ItemRescheduled(item, calendar, at(fromStart), at(fromEnd), at(toStart), at(toEnd), null, null, alongWith,
                List.of(new LinkedChange(partner, partnerVersion)));
    }

    /** The pair's second side arrived: no grace runs, and none publishes anything once it would have run out. */
    private void nothingWaitsAndNothingIsPublishedOnceTheGraceRunsOut() {
        assertThat(pairsWaitingOutTheirGrace()).isZero();
        graceRunsOut();
        assertThat(published()).isEmpty();
    }

    private int escalationsDue() {
        int due = 0;
        try (KeyValueIterator<Bytes, byte[]> clocks = driver.<Bytes, byte[]>getKeyValueStore(ConflictStore.ESCALATIONS).all()) {
            while (clocks.hasNext()) {
                clocks.next();
                due++;
            }
        }
        return due;
    }

    private static ItemRescheduled move(ItemId item, CalendarId calendar, String fromStart, String fromEnd, String toStart, String toEnd,
                                        ItemId alongWith) {
        return new ItemRescheduled(item, calendar, at(fromStart), at(fromEnd), at(toStart), at(toEnd), null, null, alongWith, null);
    }

    /** The task's clock passes the grace, and the check runs. */
    private void graceRunsOut() {
        clock.advance(GRACE.plusSeconds(1));
        driver.advanceWallClockTime(ORPHAN_CHECK);
    }

    private int pairsWaitingOutTheirGrace() {
        int waiting = 0;
        try (KeyValueIterator<Bytes, byte[]> due = driver.<Bytes, byte[]>getKeyValueStore(LinkPairStore.DUE).all()) {
            while (due.hasNext()) {
                KeyValue<Bytes, byte[]> ignored = due.next();
                waiting++;
            }
        }
        return waiting;
    }

    private ConflictCommand rescan(String id) {
        return new ConflictCommand(id, null, ConflictCommand.Kind.DETECT, -1, null, null, null, null, "admin@example.com", FACT_TIME, null,
                true);
    }

    private void send(ConflictCommand command) {
        commands.pipeInput(new TestRecord<>(command.commandId(), CommandTopics.encode(command), FACT_TIME));
    }

    private EventMetadata send(AlmanacEvent event, long version) {
        int fact = ++facts;
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME.plusSeconds(fact), event.subject(), version, "planner@example.com", "corr-" + fact, null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        timestamp += 1_000;
        TestRecord<String, byte[]> sent = new TestRecord<>(record.key(), record.value(), record.headers(), timestamp);
        scheduleSent.add(sent);
        schedule.pipeInput(sent);
        return metadata;
    }

    private List<ReceivedEvent> published() {
        return conflicts.readRecordsToList().stream().map(this::decode).toList();
    }

    private ReceivedEvent decode(TestRecord<String, byte[]> record) {
        return codec.fromRecord(new ConsumerRecord<>(Topics.CONFLICTS, 0, 0, record.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), Optional.empty()));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }
}

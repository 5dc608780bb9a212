package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import dev.almanac.conflicts.detection.CapacityBreaches;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.conflicts.testing.Rules;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.Heartbeat;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Conflicts of rule occurrences through the real topology on RocksDB stores (ADR 0069): rule events are taken by rule
 * id, sent to the partition of each calendar and resource the rule names, folded into timelines there, and the
 * occurrences they change are swept among the items, bookings and other rules. Of rule-expander's records only the
 * missed and backfill runs reach it, on the missed-runs topic (ADR 0072).
 */
class RuleConflictTopologyTest {

    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-11-22T00:00:00Z");
    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final CalendarId STUDIO = CalendarId.of("cal-studio");
    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final RuleId SETUP = RuleId.of("rule-setup");
    private static final RuleId CLEANUP = RuleId.of("rule-cleanup");
    private static final RuleId ALIVE = RuleId.of("rule-executor-alive");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(FACT_TIME);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> calendars;
    private TestInputTopic<String, byte[]> schedule;
    private TestInputTopic<String, byte[]> rules;
    private TestInputTopic<String, byte[]> missedRuns;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> conflicts;
    private TestOutputTopic<String, byte[]> outcomes;
    private TestOutputTopic<String, byte[]> ruleDeadLetters;
    private long timestamp = 1_000;
    private int facts;

    @BeforeEach
    void startDriver() {
        start();
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    private void start() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        LifecycleSettings lifecycle = new LifecycleSettings(Duration.ofMinutes(1), "managers", clock);
        driver = new TopologyTestDriver(ConflictTopology.build(codec, new FactRouter(), new ConflictMetrics(registry), lifecycle,
                new OccurrencesYield(OccurrencesYield.DEFAULT_LEAD), new RuleSettings(Duration.ofMinutes(10), clock)), properties, FACT_TIME);
        calendars = driver.createInputTopic(Topics.CALENDARS, new StringSerializer(), new ByteArraySerializer());
        schedule = driver.createInputTopic(Topics.SCHEDULE, new StringSerializer(), new ByteArraySerializer());
        rules = driver.createInputTopic(Topics.RULES, new StringSerializer(), new ByteArraySerializer());
        missedRuns = driver.createInputTopic(Topics.MISSED_RUNS, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(CommandTopics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(CommandTopics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
        ruleDeadLetters = driver.createOutputTopic(Topics.deadLetter(Topics.RULES), new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void aRuleOccurrenceOverlappingAnItemIsAConflictWithTheOccurrencesIdStampedWithTheRuleEventsEnvelope() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        assertThat(conflicts.isEmpty()).isTrue();

        EventMetadata created = send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);

        OccurrenceId occurrence = OccurrenceId.of(SETUP, Instant.parse("2026-12-01T09:30:00Z"));
        ConflictId expected = CapacityBreaches.conflictId(BALLROOM,
                List.of(EntryKey.item("item-review"), EntryKey.occurrence(occurrence.value())));
        List<ReceivedEvent> published = published();
        assertThat(published).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOfSatisfying(ConflictDetected.class, detected -> {
                assertThat(detected.conflictId()).as("the id of the conflict the materialised occurrence made").isEqualTo(expected);
                assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
                assertThat(detected.start()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
                assertThat(detected.end()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
                assertThat(detected.entries()).extracting(entry -> entry.kind() + "/" + entry.entryId() + "/" + entry.title())
                        .containsExactly("ITEM/item-review/Review", "OCCURRENCE/" + occurrence + "/Setup");
            });
            assertThat(received.metadata().correlationId()).isEqualTo(created.correlationId());
            assertThat(received.metadata().time()).isEqualTo(created.time());
        });
    }

    @Test
    void aRedeliveredRuleEventChangesNothingAndOneThatCannotBeReadIsDeadLetteredFromTheRulesTopic() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        RuleCreated rule = daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1));
        send(rule, 0);
        assertThat(published()).hasSize(1);

        send(rule, 0);
        rules.pipeInput(new TestRecord<>(SETUP.value(), "{\"rule_id\": 7".getBytes(StandardCharsets.UTF_8),
                codec.toRecord(metadataFor(rule, 0), rule).headers(), ++timestamp));

        assertThat(conflicts.isEmpty()).as("a redelivered creation folds nothing new").isTrue();
        assertThat(ruleDeadLetters.readRecordsToList()).singleElement()
                .satisfies(dead -> assertThat(dead.key()).isEqualTo(SETUP.value()));
    }

    @Test
    void aRuleMovedToAnotherCalendarLeavesTheOldOnesConflictsAndFindsTheNewOnes() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(calendar(STUDIO, CalendarType.STAFF, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        send(item(STUDIO, "item-shoot", "Shoot", "2026-12-10T09:00:00Z", "2026-12-10T10:00:00Z"), 0);
        RuleCreated rule = daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1));
        send(rule, 0);
        ConflictDetected onBallroom = (ConflictDetected) published().get(0).event();

        send(Rules.updated(rule, Instant.parse("2026-11-25T00:00:00Z"), "Setup", "30 9 * * *", STUDIO, Duration.ofHours(1), List.of()), 1);

        List<ReceivedEvent> published = published();
        assertThat(published).extracting(ReceivedEvent::event).hasSize(2).anySatisfy(event ->
                assertThat(event).isEqualTo(new ConflictCleared(onBallroom.conflictId(), BALLROOM,
                        "entries no longer overlap, after rule rule-setup was updated")));
        assertThat(published).extracting(ReceivedEvent::event).filteredOn(ConflictDetected.class::isInstance).singleElement()
                .satisfies(event -> {
                    ConflictDetected detected = (ConflictDetected) event;
                    assertThat(detected.calendarId()).isEqualTo(STUDIO);
                    assertThat(detected.type()).isEqualTo(ConflictType.STAFF_CONFLICT);
                    assertThat(detected.start()).isEqualTo(Instant.parse("2026-12-10T09:30:00Z"));
                });
    }

    @Test
    void pausingARuleClearsItsConflictsAndResumingFindsThemAgain() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);
        ConflictDetected detected = (ConflictDetected) published().get(0).event();

        send(new RulePaused(SETUP, Instant.parse("2026-11-23T08:00:00Z"), null, "Venue closed"), 1);

        assertThat(published()).extracting(ReceivedEvent::event).containsExactly(new ConflictCleared(detected.conflictId(), BALLROOM,
                "entries no longer overlap, after rule rule-setup was paused"));

        send(new RuleResumed(SETUP, Instant.parse("2026-11-24T08:00:00Z")), 2);

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(received.event()).isEqualTo(detected);
            assertThat(received.metadata().aggregateVersion()).as("the conflict's third event").isEqualTo(2);
        });
    }

    @Test
    void anUpdateRenamingTheRuleRenamesItsOccurrencesInTheirConflictsAndOneMovingItAwayClearsThem() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        RuleCreated rule = daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1));
        send(rule, 0);
        ConflictDetected first = (ConflictDetected) published().get(0).event();

        send(Rules.updated(rule, Instant.parse("2026-11-25T00:00:00Z"), "Stage setup", "30 9 * * *", BALLROOM, Duration.ofHours(1),
                List.of()), 1);

        assertThat(published()).singleElement().satisfies(received -> {
            ConflictDetected renamed = (ConflictDetected) received.event();
            assertThat(renamed.conflictId()).isEqualTo(first.conflictId());
            assertThat(renamed.entries()).extracting(entry -> entry.title()).containsExactly("Review", "Stage setup");
        });

        send(Rules.updated(rule, Instant.parse("2026-11-26T00:00:00Z"), "Stage setup", "0 11 * * *", BALLROOM, Duration.ofHours(1),
                List.of()), 2);

        assertThat(published()).extracting(ReceivedEvent::event).containsExactly(new ConflictCleared(first.conflictId(), BALLROOM,
                "entries no longer overlap, after rule rule-setup was updated"));
    }

    @Test
    void twoRulesOnACalendarOfCapacityTwoWarnAtTwoAndBreachWithAnItem() {
        send(calendar(BALLROOM, CalendarType.DEPARTMENT, 2), 0);
        // Once a year, on the first of December, so that the window holds one occurrence of each.
        send(Rules.created(SETUP, "Setup", "0 9 1 12 *", ZoneOffset.UTC, BALLROOM, Duration.ofHours(2), ACTIVE_FROM), 0);
        assertThat(conflicts.isEmpty()).isTrue();

        send(Rules.created(CLEANUP, "Cleanup", "0 10 1 12 *", ZoneOffset.UTC, BALLROOM, Duration.ofHours(2), ACTIVE_FROM), 0);

        assertThat(published()).singleElement().satisfies(received -> {
            ConflictDetected warning = (ConflictDetected) received.event();
            assertThat(warning.type()).isEqualTo(ConflictType.CAPACITY_WARNING);
            assertThat(warning.level()).isEqualTo(ConflictLevel.MINOR);
            assertThat(warning.start()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
            assertThat(warning.end()).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        });

        send(item(BALLROOM, "item-audit", "Audit", "2026-12-01T10:30:00Z", "2026-12-01T12:00:00Z"), 0);

        assertThat(published()).extracting(ReceivedEvent::event).filteredOn(ConflictDetected.class::isInstance)
                .extracting(event -> ((ConflictDetected) event).type() + " " + ((ConflictDetected) event).start() + "/"
                        + ((ConflictDetected) event).end())
                .containsExactlyInAnyOrder("CAPACITY_WARNING 2026-12-01T10:00:00Z/2026-12-01T12:00:00Z",
                        "TIME_OVERLAP 2026-12-01T10:30:00Z/2026-12-01T11:00:00Z");
    }

    @Test
    void aRuleBookingAResourceDoubleBooksItWithAnItemOfAnotherCalendarUntilItNoLongerBooksIt() {
        send(new ResourceCreated(HALL, "Hall", ResourceType.VENUE, ZoneId.of("America/New_York"), null), 0);
        send(new ItemScheduled(ItemId.of("item-wedding"), STUDIO, "Wedding", "meeting", Instant.parse("2026-12-01T15:00:00Z"),
                Instant.parse("2026-12-01T18:00:00Z"), ZoneId.of("America/New_York"), Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)), null, null), 0);
        RuleCreated rule = Rules.created(SETUP, "Setup", "0 17 1 12 *", ZoneOffset.UTC, BALLROOM, Duration.ofHours(2), ACTIVE_FROM,
                List.of(new ResourceBooking(HALL, ResourceRole.SECONDARY)));

        EventMetadata created = send(rule, 0);

        OccurrenceId occurrence = OccurrenceId.of(SETUP, Instant.parse("2026-12-01T17:00:00Z"));
        ConflictId doubleBooking = ConflictId.of(Identifiers.derive("resource-conflict", HALL.value(), "item:item-wedding",
                "occurrence:" + occurrence.value()));
        List<ReceivedEvent> published = published();
        assertThat(published).singleElement().satisfies(received -> {
            ConflictDetected detected = (ConflictDetected) received.event();
            assertThat(detected.conflictId()).as("the id the per-occurrence booking made").isEqualTo(doubleBooking);
            assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(detected.bookings()).containsExactlyInAnyOrder(
                    new ConflictBooking(EntryKind.ITEM, "item-wedding", STUDIO, ResourceRole.PRIMARY),
                    new ConflictBooking(EntryKind.OCCURRENCE, occurrence.value(), BALLROOM, ResourceRole.SECONDARY));
            assertThat(received.metadata().correlationId()).isEqualTo(created.correlationId());
        });

        send(Rules.updated(rule, Instant.parse("2026-11-25T00:00:00Z"), "Setup", "0 17 1 12 *", BALLROOM, Duration.ofHours(2),
                List.of()), 1);

        CalendarId keyedBy = ((ConflictDetected) published.get(0).event()).calendarId();
        assertThat(published()).extracting(ReceivedEvent::event).containsExactly(new ConflictCleared(doubleBooking, keyedBy,
                "resource res-hall is no longer booked twice at once, after rule rule-setup was updated"));
    }

    @Test
    void aRuleOccurrenceInARangeItsResourceIsUnavailableIsAConflictUntilTheRuleStopsBookingTheResource() {
        send(new ResourceCreated(HALL, "Hall", ResourceType.VENUE, ZoneId.of("America/New_York"), null), 0);
        send(new ResourceMarkedUnavailable(HALL, Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-01T20:00:00Z"),
                "Floor sanding"), 1);
        RuleCreated rule = Rules.created(SETUP, "Setup", "0 17 1 12 *", ZoneOffset.UTC, BALLROOM, Duration.ofHours(2), ACTIVE_FROM,
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)));

        send(rule, 0);

        ConflictDetected detected = (ConflictDetected) published().get(0).event();
        assertThat(detected.type()).isEqualTo(ConflictType.RESOURCE_UNAVAILABLE);
        assertThat(detected.resourceId()).isEqualTo(HALL);
        assertThat(detected.entries().get(0).entryId()).isEqualTo(OccurrenceId.of(SETUP, Instant.parse("2026-12-01T17:00:00Z")).value());

        send(Rules.updated(rule, Instant.parse("2026-11-25T00:00:00Z"), "Setup", "0 17 1 12 *", BALLROOM, Duration.ofHours(2),
                List.of()), 1);

        assertThat(published()).extracting(ReceivedEvent::event).containsExactly(new ConflictCleared(detected.conflictId(),
                detected.calendarId(), "the booking no longer falls in a range where resource res-hall is unavailable, after rule "
                + "rule-setup was updated"));
    }

    @Test
    void aBackfillRunOnTheMissedRunsTopicIsAnEntryAsAnItemIs() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2027-03-14T07:00:00Z", "2027-03-14T08:00:00Z"), 0);
        Instant start = Instant.parse("2027-03-14T07:30:00Z");

        OccurrenceId missed = OccurrenceId.of(SETUP, start.minus(Duration.ofDays(1)));
        send(occurrence(OccurrenceId.backfillOf(missed, start), start, missed), 0);

        assertThat(published()).singleElement().satisfies(received ->
                assertThat(((ConflictDetected) received.event()).entries()).extracting(entry -> entry.kind()).contains(
                        dev.almanac.events.conflict.ConflictEntryKind.OCCURRENCE));
    }

    @Test
    void aRuleArrivingBeforeItsCalendarIsCheckedWhenTheCalendarArrives() {
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);
        assertThat(conflicts.isEmpty()).isTrue();

        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);

        assertThat(published()).singleElement().satisfies(received ->
                assertThat(((ConflictDetected) received.event()).entries()).hasSize(2));
    }

    @Test
    void theHorizonMovesOnWithTheWallClockAndBringsTheNextOccurrencesIntoDetection() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        // Beyond the horizon of the first rule event, 90 days and an hour ahead.
        send(item(BALLROOM, "item-far", "Far ahead", "2027-02-21T09:00:00Z", "2027-02-21T10:00:00Z"), 0);
        send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);
        assertThat(conflicts.isEmpty()).as("the occurrence of 21 February is beyond the horizon").isTrue();

        clock.advance(Duration.ofDays(2));
        driver.advanceWallClockTime(Duration.ofMinutes(10));

        assertThat(published()).singleElement().satisfies(received -> {
            ConflictDetected detected = (ConflictDetected) received.event();
            assertThat(detected.start()).isEqualTo(Instant.parse("2027-02-21T09:30:00Z"));
            assertThat(received.metadata().actor()).isEqualTo(Escalations.ACTOR);
            assertThat(received.metadata().time()).isEqualTo(clock.instant());
        });

        driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(conflicts.isEmpty()).as("within the same hour the horizon stays").isTrue();
    }

    @Test
    void aRescanAgreesWithTheRulesAndFindsALostConflictAgain() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        send(item(BALLROOM, "item-retro", "Retro", "2026-12-05T09:00:00Z", "2026-12-05T10:00:00Z"), 0);
        send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);
        assertThat(published()).hasSize(2);

        send(rescan("rescan-1"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).rescan()).isEqualTo(new CommandOutcome.Rescan(1, 0, 2, 0, 0));
        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void occurrencesInZonesHalfAndAQuarterHourOffTheHourClashAtTheirOwnInstants() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        // 15:00 in Kathmandu (+5:45) is 09:15 UTC; 15:00 in Kolkata (+5:30) is 09:30 UTC.
        send(Rules.created(SETUP, "Setup", "0 15 1 12 *", ZoneId.of("Asia/Kathmandu"), BALLROOM, Duration.ofMinutes(30), ACTIVE_FROM), 0);
        send(Rules.created(CLEANUP, "Cleanup", "0 15 1 12 *", ZoneId.of("Asia/Kolkata"), BALLROOM, Duration.ofMinutes(30), ACTIVE_FROM), 0);

        assertThat(published()).singleElement().satisfies(received -> {
            ConflictDetected detected = (ConflictDetected) received.event();
            assertThat(detected.start()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
            assertThat(detected.end()).isEqualTo(Instant.parse("2026-12-01T09:45:00Z"));
        });
    }

    @Test
    void aHeartbeatsBeatsTakeNoPlaceOnTheCalendarNorOnTheResourceTheyBook() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(new ResourceCreated(HALL, "Hall", ResourceType.VENUE, ZoneId.of("America/New_York"), null), 0);
        send(new ItemScheduled(ItemId.of("item-review"), BALLROOM, "Review", "meeting", Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T10:00:00Z"), ZoneId.of("America/New_York"), Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)), null, null), 0);

        send(Rules.heartbeat(ALIVE, "Executor alive", BALLROOM, ACTIVE_FROM, new Heartbeat(60, 30),
                List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY))), 0);

        assertThat(conflicts.isEmpty()).as("a beat every minute, none of them against the review or its hall").isTrue();

        send(daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1)), 0);

        assertThat(published()).singleElement().satisfies(received ->
                assertThat(((ConflictDetected) received.event()).entries()).as("the review and the setup, no beat")
                        .extracting(entry -> entry.entryId())
                        .containsExactly("item-review", OccurrenceId.of(SETUP, Instant.parse("2026-12-01T09:30:00Z")).value()));
    }

    @Test
    void aRuleTurnedIntoAHeartbeatClearsItsConflictsAndTurnedBackFindsThemAgain() {
        send(calendar(BALLROOM, CalendarType.VENUE, 1), 0);
        send(item(BALLROOM, "item-review", "Review", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"), 0);
        RuleCreated rule = daily(SETUP, "Setup", "30 9", BALLROOM, Duration.ofHours(1));
        send(rule, 0);
        ConflictDetected detected = (ConflictDetected) published().get(0).event();

        send(Rules.updatedToHeartbeat(rule, Instant.parse("2026-11-25T00:00:00Z"), new Heartbeat(3600, 600)), 1);

        assertThat(published()).extracting(ReceivedEvent::event).containsExactly(new ConflictCleared(detected.conflictId(), BALLROOM,
                "entries no longer overlap, after rule rule-setup was updated"));

        send(Rules.updatedToCron(rule, Instant.parse("2026-11-26T00:00:00Z"), "30 9 * * *", Duration.ofHours(1)), 2);

        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isEqualTo(detected));
    }

    private static CalendarCreated calendar(CalendarId id, CalendarType type, int capacity) {
        return new CalendarCreated(id, "Calendar " + id, type, ZoneId.of("America/New_York"), capacity, OverbookingPolicy.ALLOW);
    }

    private static ItemScheduled item(CalendarId calendarId, String itemId, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(itemId), calendarId, title, "meeting", Instant.parse(start), Instant.parse(end),
                ZoneId.of("America/New_York"), Priority.NORMAL, List.of());
    }

    /** Every day at {@code hourAndMinute} ("minute hour") UTC, from the day after the facts. */
    private static RuleCreated daily(RuleId ruleId, String name, String minuteHour, CalendarId calendarId, Duration duration) {
        return Rules.created(ruleId, name, minuteHour + " * * *", ZoneOffset.UTC, calendarId, duration, ACTIVE_FROM);
    }

    private static OccurrenceMaterialized occurrence(OccurrenceId id, Instant start, OccurrenceId backfillOf) {
        return new OccurrenceMaterialized(id, SETUP, 0, BALLROOM, "Setup", "setup", start, start, start.plusSeconds(1800), ZoneOffset.UTC,
                LocalDateTime.ofInstant(start, ZoneOffset.UTC), DstPolicy.DEFAULT, DstResolution.EXACT, "2025b", null, backfillOf,
                List.of());
    }

    private ConflictCommand rescan(String id) {
        return new ConflictCommand(id, null, ConflictCommand.Kind.DETECT, -1, null, null, null, null, "planner@example.com", FACT_TIME, null);
    }

    private void send(ConflictCommand command) {
        commands.pipeInput(new TestRecord<>(command.commandId(), CommandTopics.encode(command), FACT_TIME));
    }

    private EventMetadata metadataFor(AlmanacEvent event, long version) {
        int fact = ++facts;
        return new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME.plusSeconds(fact), event.subject(), version, "planner@example.com", "corr-" + fact, null);
    }

    private EventMetadata send(AlmanacEvent event, long version) {
        EventMetadata metadata = metadataFor(event, version);
        timestamp += 1_000;
        // As rule-expander publishes: an occurrence reaches the detector only as its copy on the missed-runs topic, if it has one.
        for (ProducerRecord<String, byte[]> record : codec.toRecords(metadata, event)) {
            TestInputTopic<String, byte[]> input = switch (record.topic()) {
                case Topics.CALENDARS -> calendars;
                case Topics.RULES -> rules;
                case Topics.MISSED_RUNS -> missedRuns;
                case Topics.OCCURRENCES -> null;
                default -> schedule;
            };
            if (input != null) {
                input.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp));
            }
        }
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
}

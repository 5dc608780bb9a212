package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

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
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.command.CommandOutcome;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.lifecycle.Escalations;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Resource conflicts through the real topology on RocksDB stores: items on two calendars, and rule
 * occurrences (ADR 0029), book one resource, the bookings travel the booking topic to the resource's task, and its conflicts come out
 * with the envelope of the fact that caused them, take lifecycle commands, escalate by themselves and
 * are re-scanned like a calendar's.
 */
class ResourceConflictTopologyTest {

    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final CalendarId WEDDINGS = CalendarId.of("cal-weddings");
    private static final CalendarId GALAS = CalendarId.of("cal-galas");
    private static final CalendarId CONCERTS = CalendarId.of("cal-concerts");
    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ConflictId DOUBLE_BOOKING = ConflictId.of(Identifiers.derive("resource-conflict", HALL.value(),
            "item:item-gala", "item:item-wedding"));
    private static final Duration CHECK_INTERVAL = Duration.ofMinutes(1);

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(FACT_TIME);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> calendars;
    private TestInputTopic<String, byte[]> schedule;
    private TestInputTopic<String, byte[]> missedRuns;
    private TestInputTopic<String, byte[]> bookingsIn;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> bookings;
    private TestOutputTopic<String, byte[]> conflicts;
    private TestOutputTopic<String, byte[]> outcomes;
    private TestOutputTopic<String, byte[]> accessCopies;
    private long timestamp = 1_000;
    private int facts;

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
        missedRuns = driver.createInputTopic(Topics.MISSED_RUNS, new StringSerializer(), new ByteArraySerializer());
        bookingsIn = driver.createInputTopic(ResourceBookings.TOPIC, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(CommandTopics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        bookings = driver.createOutputTopic(ResourceBookings.TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(), new ByteArrayDeserializer());
        outcomes = driver.createOutputTopic(CommandTopics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
        accessCopies = driver.createOutputTopic(CalendarAccessCopies.TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void itemsOnTwoCalendarsBookingOneVenueAreACriticalConflictStampedWithTheSecondBookingsEnvelope() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        EventMetadata cause = send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.SECONDARY), 0);
        long causeTimestamp = timestamp;

        assertThat(bookings.readRecordsToList()).extracting(TestRecord::key)
                .containsExactly("res-hall/item:item-wedding", "res-hall/item:item-gala");
        TestRecord<String, byte[]> record = conflicts.readRecord();
        ReceivedEvent received = decode(record);
        assertThat(record.key()).as("keyed by the calendar of its first booking").isEqualTo(GALAS.value());
        assertThat(record.timestamp()).isEqualTo(causeTimestamp);
        assertThat(received.event()).isInstanceOfSatisfying(ConflictDetected.class, detected -> {
            assertThat(detected.conflictId()).isEqualTo(DOUBLE_BOOKING);
            assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
            assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
            assertThat(detected.resourceId()).isEqualTo(HALL);
            assertThat(detected.bookings()).containsExactly(
                    new ConflictBooking(EntryKind.ITEM, "item-gala", GALAS, ResourceRole.SECONDARY),
                    new ConflictBooking(EntryKind.ITEM, "item-wedding", WEDDINGS, ResourceRole.PRIMARY));
        });
        assertThat(received.metadata()).isEqualTo(ConflictEventMetadata.of(
                new dev.almanac.conflicts.lifecycle.ConflictChange.Detection((ConflictDetected) received.event(), 0), cause));
        assertThat(conflicts.isEmpty()).isTrue();
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", ResourceBookings.TOPIC, "outcome", "handled").count())
                .isEqualTo(2.0);
    }

    @Test
    void aRescheduleAndACancellationReachTheResourceThroughTheBookingsTheEntryKept() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        send(new ItemRescheduled(ItemId.of("item-gala"), GALAS, at("17:00"), at("20:00"), at("18:00"), at("21:00"), "clash"), 1);

        assertThat(published()).extracting(ReceivedEvent::event).last().isEqualTo(new ConflictCleared(DOUBLE_BOOKING, GALAS,
                "resource res-hall is no longer booked twice at once, after item item-gala was rescheduled"));

        send(resourceUnavailable(HALL, "17:30", "19:00", "Floor sanding"), 1);
        assertThat(published()).extracting(received -> ((ConflictDetected) received.event()).entries().get(0).entryId())
                .containsExactly("item-wedding", "item-gala");

        send(new ItemCancelled(ItemId.of("item-gala"), GALAS, at("18:00"), at("21:00"), null), 2);

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOf(ConflictCleared.class);
            assertThat(((ConflictCleared) received.event()).reason())
                    .isEqualTo("the booking no longer falls in a range where resource res-hall is unavailable, after item item-gala "
                            + "was cancelled");
        });
        send(resourceAvailable(HALL, "17:00", "20:00", "17:30", "19:00", "Floor sanding"), 2);
        assertThat(published()).singleElement().extracting(received -> ((ConflictCleared) received.event()).reason())
                .isEqualTo("the booking no longer falls in a range where resource res-hall is unavailable, after resource res-hall "
                        + "was marked available from 2026-12-01T17:00:00Z to 2026-12-01T20:00:00Z");
    }

    @Test
    void aBackfillRunDoubleBookingAVenueWithAnItemIsCriticalAndTheItemsCancellationClearsIt() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        // A backfill run is an occurrence record the rules do not determine: it books its rule's resources as an item does.
        OccurrenceMaterialized setup = backfillRun("17:00", "19:00", List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)));
        ConflictId doubleBooking = ConflictId.of(Identifiers.derive("resource-conflict", HALL.value(), "item:item-wedding",
                "occurrence:" + setup.occurrenceId().value()));

        EventMetadata cause = send(setup, 0);

        assertThat(bookings.readRecordsToList()).extracting(TestRecord::key)
                .containsExactly("res-hall/item:item-wedding", "res-hall/occurrence:" + setup.occurrenceId().value());
        List<ReceivedEvent> detections = published();
        assertThat(detections).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOfSatisfying(ConflictDetected.class, detected -> {
                assertThat(detected.conflictId()).isEqualTo(doubleBooking);
                assertThat(detected.type()).isEqualTo(ConflictType.VENUE_CONFLICT);
                assertThat(detected.level()).isEqualTo(ConflictLevel.CRITICAL);
                assertThat(detected.bookings()).containsExactlyInAnyOrder(
                        new ConflictBooking(EntryKind.ITEM, "item-wedding", WEDDINGS, ResourceRole.PRIMARY),
                        new ConflictBooking(EntryKind.OCCURRENCE, setup.occurrenceId().value(), GALAS, ResourceRole.PRIMARY));
            });
            assertThat(received.metadata().correlationId()).isEqualTo(cause.correlationId());
        });

        send(setup, 0);
        assertThat(conflicts.isEmpty()).as("a redelivered occurrence changes nothing").isTrue();

        send(new ItemCancelled(ItemId.of("item-wedding"), WEDDINGS, at("15:00"), at("18:00"), "called off"), 1);

        CalendarId keyedBy = ((ConflictDetected) detections.get(0).event()).calendarId();
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isEqualTo(new ConflictCleared(
                doubleBooking, keyedBy, "resource res-hall is no longer booked twice at once, after item item-wedding was cancelled")));
    }

    @Test
    void bookingsThatArriveBeforeTheResourceAreCheckedWhenItArrives() {
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        assertThat(conflicts.isEmpty()).isTrue();

        EventMetadata created = send(resourceCreated(HALL, ResourceType.STAFF), 0);

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(((ConflictDetected) received.event()).type()).isEqualTo(ConflictType.STAFF_CONFLICT);
            assertThat(received.metadata().correlationId()).isEqualTo(created.correlationId());
        });
    }

    @Test
    void aRedeliveredBookingPublishesNothingAndABrokenOneIsDeadLetteredWithNothingWritten() {
        TestOutputTopic<String, byte[]> deadLetters = driver.createOutputTopic(Topics.deadLetter(ResourceBookings.TOPIC),
                new StringDeserializer(), new ByteArrayDeserializer());
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        List<TestRecord<String, byte[]>> sent = bookings.readRecordsToList();
        assertThat(published()).hasSize(1);

        sent.forEach(record -> bookingsIn.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp)));
        bookingsIn.pipeInput(new TestRecord<>("res-hall/item:item-x", "{\"resource_id\": 42".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders(), timestamp));

        assertThat(conflicts.isEmpty()).isTrue();
        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo("res-hall/item:item-x");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(ResourceBookings.TOPIC);
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", ResourceBookings.TOPIC, "outcome", "dead_lettered").count())
                .isEqualTo(1.0);
    }

    @Test
    void aResourceConflictTakesCommandsAndEscalatesByItselfAfterTwentyFourHoursLikeACalendars() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        published();

        clock.set(FACT_TIME.plus(Escalations.DEADLINE).plusSeconds(10));
        driver.advanceWallClockTime(CHECK_INTERVAL);

        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOfSatisfying(ConflictEscalated.class, escalated -> {
                assertThat(escalated.conflictId()).isEqualTo(DOUBLE_BOOKING);
                assertThat(escalated.calendarId()).isEqualTo(GALAS);
                assertThat(escalated.automatic()).isTrue();
            });
            assertThat(received.metadata().aggregateVersion()).isEqualTo(1);
        });

        send(new ConflictCommand("cmd-resolve-by-manager", DOUBLE_BOOKING.value(), ConflictCommand.Kind.RESOLVE, 1,
                dev.almanac.events.conflict.ResolutionMethod.RESOURCE_CHANGED, null, null, null, "owner@example.com", FACT_TIME, null));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::rule)
                .containsExactly(CommandOutcome.Result.FORBIDDEN, "role");
        assertThat(published()).isEmpty();

        send(new ConflictCommand("cmd-resolve", DOUBLE_BOOKING.value(), ConflictCommand.Kind.RESOLVE, 1,
                dev.almanac.events.conflict.ResolutionMethod.RESOURCE_CHANGED, null, null, null, "admin@example.com", FACT_TIME, null, true));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::calendarId, CommandOutcome::status, CommandOutcome::version)
                .containsExactly(CommandOutcome.Result.APPLIED, GALAS.value(), ConflictStatus.RESOLVED, 2L);
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.metadata().aggregateVersion()).isEqualTo(2));
    }

    /**
     * ADR 0030: the managers of a booking's calendar may move a resource's conflict on. Their grants reach the
     * resource's task through the global copy of every calendar's access, whatever partition the calendar is on.
     */
    @Test
    void aManagerOfABookingsCalendarMayResolveTheResourcesConflictAndNobodyElseBesidesAnAdmin() {
        doubleBooking();
        send(new CalendarAccessGranted(WEDDINGS, UserId.of("alice"), CalendarRole.MANAGER, null), 1);
        send(new CalendarAccessGranted(GALAS, UserId.of("victor"), CalendarRole.VIEWER, null), 1);
        send(new CalendarAccessGranted(GALAS, UserId.of("sam"), CalendarRole.SCHEDULER, null), 2);
        send(new CalendarAccessGranted(CONCERTS, UserId.of("carol"), CalendarRole.MANAGER, null), 1);

        assertThat(accessCopies.readRecordsToList()).extracting(TestRecord::key)
                .as("every grant copies its calendar's access, keyed by calendar")
                .containsExactly(WEDDINGS.value(), GALAS.value(), GALAS.value(), CONCERTS.value());

        send(resolveBy("carol", "cmd-carol", 0));
        send(resolveBy("victor", "cmd-victor", 0));
        send(resolveBy("sam", "cmd-sam", 0));
        List<CommandOutcome> refusals = outcomes.readRecordsToList().stream().map(record -> CommandTopics.decodeOutcome(record.value()))
                .toList();
        assertThat(refusals).extracting(CommandOutcome::commandId, CommandOutcome::result, CommandOutcome::rule)
                .as("a manager of an unrelated calendar, to whom it does not exist (ADR 0086), a viewer and a scheduler of a booking's calendar")
                .containsExactly(tuple("cmd-carol", CommandOutcome.Result.NOT_HERE, null),
                        tuple("cmd-victor", CommandOutcome.Result.FORBIDDEN, "role"),
                        tuple("cmd-sam", CommandOutcome.Result.FORBIDDEN, "role"));
        assertThat(refusals.get(1).message()).isEqualTo("resolving, escalating or dismissing conflict " + DOUBLE_BOOKING
                + " of resource res-hall needs the manager role on calendar cal-galas or cal-weddings (booking it), or the admin role;"
                + " victor has neither");
        assertThat(published()).isEmpty();

        send(resolveBy("alice", "cmd-alice", 0));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::calendarId, CommandOutcome::status, CommandOutcome::version)
                .containsExactly(CommandOutcome.Result.APPLIED, GALAS.value(), ConflictStatus.RESOLVED, 1L);
        assertThat(published()).singleElement().satisfies(received -> {
            assertThat(received.event()).isInstanceOf(ConflictResolved.class);
            assertThat(received.metadata().actor()).isEqualTo("alice");
        });
    }

    @Test
    void aGrantRevokedOnTheCalendarTopicIsHonouredAndAnOwnerOfStaffManagesLikeAGrant() {
        doubleBooking();
        send(new CalendarAccessGranted(WEDDINGS, UserId.of("alice"), CalendarRole.MANAGER, null), 1);
        send(new CalendarAccessRevoked(WEDDINGS, UserId.of("alice"), "moved to another team"), 2);

        send(resolveBy("alice", "cmd-after-revoke", 0));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()))
                .extracting(CommandOutcome::result, CommandOutcome::rule)
                .containsExactly(CommandOutcome.Result.FORBIDDEN, "role");

        send(new CalendarCreated(GALAS, "Galas", CalendarType.STAFF, NEW_YORK, 1, OverbookingPolicy.ALLOW, null,
                new CalendarOwner("dana", OwnerType.STAFF), null), 0);
        send(resolveBy("dana", "cmd-owner", 0));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result()).isEqualTo(CommandOutcome.Result.APPLIED);
    }

    @Test
    void theRescanCopiesEveryCalendarsAccessAgainSoACopyLostFromTheGlobalStoreComesBack() {
        doubleBooking();
        send(new CalendarAccessGranted(WEDDINGS, UserId.of("alice"), CalendarRole.MANAGER, null), 1);
        accessCopies.readRecordsToList();
        driver.<org.apache.kafka.common.utils.Bytes, byte[]>getKeyValueStore(CalendarAccessCopies.STORE)
                .delete(OrderedKey.builder().text(WEDDINGS.value()).build());

        send(resolveBy("alice", "cmd-without-copy", 0));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result())
                .as("the resource's task decides from the global copy alone").isEqualTo(CommandOutcome.Result.FORBIDDEN);

        send(rescan("rescan-copies"));
        outcomes.readRecordsToList();
        assertThat(accessCopies.readRecordsToList()).extracting(record -> CalendarAccessCopies.decode(record.value()))
                .containsExactly(new CalendarAccessCopies.AccessRecord(WEDDINGS, 1, null,
                        List.of(new CalendarAccessCopies.Grant(UserId.of("alice"), CalendarRole.MANAGER))));
        assertThat(published()).as("the re-scan found nothing new to publish").isEmpty();

        send(resolveBy("alice", "cmd-with-copy", 0));
        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).result()).isEqualTo(CommandOutcome.Result.APPLIED);
    }

    private void doubleBooking() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        published();
    }

    private static ConflictCommand resolveBy(String actor, String commandId, long version) {
        return new ConflictCommand(commandId, DOUBLE_BOOKING.value(), ConflictCommand.Kind.RESOLVE, version,
                dev.almanac.events.conflict.ResolutionMethod.RESOURCE_CHANGED, null, null, null, actor, FACT_TIME, null);
    }

    @Test
    void theRescanCountsResourcesAgreesWithTheLiveStateAndFindsALostResourceConflictAgain() {
        send(resourceCreated(HALL, ResourceType.VENUE), 0);
        send(itemScheduled(WEDDINGS, "item-wedding", "Wedding", "15:00", "18:00", ResourceRole.PRIMARY), 0);
        send(itemScheduled(GALAS, "item-gala", "Gala", "17:00", "20:00", ResourceRole.PRIMARY), 0);
        published();

        send(rescan("rescan-1"));
        send(rescan("rescan-2"));

        assertThat(outcomes.readRecordsToList()).extracting(record -> CommandTopics.decodeOutcome(record.value()).rescan())
                .as("calendars are only heard of through their entries here; the resource holds one conflict")
                .containsExactly(new CommandOutcome.Rescan(2, 1, 1, 0, 0), new CommandOutcome.Rescan(2, 1, 1, 0, 0));
        assertThat(conflicts.isEmpty()).isTrue();

        driver.<org.apache.kafka.common.utils.Bytes, byte[]>getKeyValueStore(ConflictStore.CONFLICTS)
                .delete(OrderedKey.builder().text(DOUBLE_BOOKING.value()).build());
        send(rescan("rescan-3"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).rescan()).isEqualTo(new CommandOutcome.Rescan(2, 1, 1, 1, 0));
        assertThat(published()).singleElement().satisfies(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));
    }

    @Test
    void aBookingGoesToThePartitionOfItsResourceAsKafkaPartitionsTheResourcesOwnEvents() {
        ResourceBookings.ByResource partitioner = new ResourceBookings.ByResource();
        for (String resource : List.of("res-hall", "res-alex", "projector-7", "a", "room:12")) {
            for (int partitions : List.of(1, 3, 12)) {
                int expected = BuiltInPartitioner.partitionForKey(resource.getBytes(StandardCharsets.UTF_8), partitions);
                assertThat(partitioner.partitions(ResourceBookings.TOPIC, resource + "/item:item-x", new byte[0], partitions))
                        .as("%s over %d partitions", resource, partitions).contains(java.util.Set.of(expected));
            }
        }
    }

    private ConflictCommand rescan(String id) {
        return new ConflictCommand(id, null, ConflictCommand.Kind.DETECT, -1, null, null, null, null, "planner@example.com", FACT_TIME, null);
    }

    private void send(ConflictCommand command) {
        commands.pipeInput(new TestRecord<>(command.commandId(), CommandTopics.encode(command), FACT_TIME));
    }

    private EventMetadata send(AlmanacEvent event, long version) {
        int fact = ++facts;
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME.plusSeconds(fact), event.subject(), version, "planner@example.com", "corr-" + fact, null);
        timestamp += 1_000;
        // As rule-expander publishes: an occurrence reaches the detector only as its copy on the missed-runs topic, if it has one.
        for (ProducerRecord<String, byte[]> record : codec.toRecords(metadata, event)) {
            if (!record.topic().equals(Topics.OCCURRENCES)) {
                (record.topic().equals(Topics.CALENDARS) ? calendars : record.topic().equals(Topics.MISSED_RUNS) ? missedRuns : schedule)
                        .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp));
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

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    private static ResourceCreated resourceCreated(ResourceId id, ResourceType type) {
        return new ResourceCreated(id, "Resource " + id, type, NEW_YORK, null);
    }

    private static ResourceMarkedUnavailable resourceUnavailable(ResourceId id, String start, String end, String reason) {
        return new ResourceMarkedUnavailable(id, at(start), at(end), reason);
    }

    private static ResourceMarkedAvailable resourceAvailable(ResourceId id, String start, String end, String releasedStart,
                                                             String releasedEnd, String reason) {
        return new ResourceMarkedAvailable(id, at(start), at(end),
                List.of(new UnavailableRange(at(releasedStart), at(releasedEnd), reason)), null);
    }

    /** A backfill run of the galas' setup rule, with what it books. */
    private static OccurrenceMaterialized backfillRun(String start, String end, List<ResourceBooking> resources) {
        RuleId rule = RuleId.of("rule-setup");
        OccurrenceId missed = OccurrenceId.of(rule, at(start).minusSeconds(86_400));
        return new OccurrenceMaterialized(OccurrenceId.backfillOf(missed, at(start)), rule, 0, GALAS, "Setup", "setup", at(start),
                at(start), at(end), NEW_YORK, LocalDateTime.ofInstant(at(start), NEW_YORK), DstPolicy.DEFAULT, DstResolution.EXACT, "2025b",
                null, missed, resources);
    }

    private static ItemScheduled itemScheduled(CalendarId calendarId, String itemId, String title, String start, String end,
                                               ResourceRole role) {
        return new ItemScheduled(ItemId.of(itemId), calendarId, title, "meeting", at(start), at(end), NEW_YORK, Priority.NORMAL,
                List.of(), null, List.of(new ResourceBooking(HALL, role)), null, null);
    }
}

package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * ADR 0102 in the task that holds a conflict: a command of a caller of another tenant than the conflict's calendar's is
 * answered as one for a conflict no partition holds, before any role is read, an admin's and a grantee's included; a
 * tenant's re-scan detects, publishes and counts that tenant's calendars, resources and conflicts only.
 */
class TenantConflictCommandsTest {

    private static final CalendarId BALLROOM = CalendarId.of("globex:ballroom");
    private static final CalendarId HALL = CalendarId.of("acme:hall");
    private static final ResourceId PROJECTOR = ResourceId.of("globex:projector");
    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final String CONFLICT = Identifiers.derive("conflict", BALLROOM.value(), "item:globex:gala", "item:globex:review");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> calendars;
    private TestInputTopic<String, byte[]> schedule;
    private TestInputTopic<String, byte[]> commands;
    private TestOutputTopic<String, byte[]> outcomes;
    private TestOutputTopic<String, byte[]> conflicts;
    private int sent;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        driver = new TopologyTestDriver(ConflictTopology.build(codec, new FactRouter(), new ConflictMetrics(new SimpleMeterRegistry()),
                new LifecycleSettings(Duration.ofMinutes(1), "venue-managers", new MutableClock(FACT_TIME))), properties, FACT_TIME);
        calendars = driver.createInputTopic(Topics.CALENDARS, new StringSerializer(), new ByteArraySerializer());
        schedule = driver.createInputTopic(Topics.SCHEDULE, new StringSerializer(), new ByteArraySerializer());
        commands = driver.createInputTopic(CommandTopics.COMMANDS, new StringSerializer(), new ByteArraySerializer());
        outcomes = driver.createOutputTopic(CommandTopics.OUTCOMES, new StringDeserializer(), new ByteArrayDeserializer());
        conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void anotherTenantsAdminAndGranteeFindTheConflictNotHereAndItsOwnAdminMovesItOn() {
        send(new CalendarCreated(BALLROOM, "Ballroom", CalendarType.VENUE, EventSamples.NEW_YORK, 1, OverbookingPolicy.ALLOW), 0);
        // Refused by command-service in a multi-tenant deployment (ADR 0102); here to show the tenant is read before any role.
        send(new CalendarAccessGranted(BALLROOM, UserId.of("acme:alice"), CalendarRole.MANAGER, null), 1);
        send(itemScheduled("globex:review", "15:00", "16:00"), 0);
        send(itemScheduled("globex:gala", "15:30", "18:00"), 0);

        send(dismissal("cmd-acme-admin", "acme:anna", true, "acme"));
        send(dismissal("cmd-acme-grantee", "acme:alice", false, "acme"));
        send(dismissal("cmd-globex-admin", "globex:gina", true, "globex"));

        assertThat(outcomes.readRecordsToList().stream().map(record -> CommandTopics.decodeOutcome(record.value())).toList())
                .extracting(CommandOutcome::commandId, CommandOutcome::result, CommandOutcome::calendarId)
                .containsExactly(
                        tuple("cmd-acme-admin", CommandOutcome.Result.NOT_HERE, null),
                        tuple("cmd-acme-grantee", CommandOutcome.Result.NOT_HERE, null),
                        tuple("cmd-globex-admin", CommandOutcome.Result.APPLIED, BALLROOM.value()));
    }

    @Test
    void aTenantsRescanDetectsItsOwnMissedConflictAndLeavesAnotherTenantsMissedConflictsUndetectedAndUncounted() {
        send(new CalendarCreated(BALLROOM, "Ballroom", CalendarType.VENUE, EventSamples.NEW_YORK, 1, OverbookingPolicy.ALLOW), 0);
        send(new ResourceCreated(PROJECTOR, "Projector", ResourceType.EQUIPMENT, EventSamples.NEW_YORK, null), 0);
        send(itemScheduled(BALLROOM, "globex:review", "15:00", "16:00", PROJECTOR), 0);
        send(itemScheduled(BALLROOM, "globex:gala", "15:30", "18:00", PROJECTOR), 0);
        send(new CalendarCreated(HALL, "Hall", CalendarType.VENUE, EventSamples.NEW_YORK, 1, OverbookingPolicy.ALLOW), 0);
        send(itemScheduled(HALL, "acme:lecture", "09:00", "11:00", null), 0);
        send(itemScheduled(HALL, "acme:workshop", "10:00", "12:00", null), 0);
        assertThat(conflicts.readRecordsToList()).extracting(TestRecord::key)
                .as("live: globex's calendar and projector, acme's hall").hasSize(3).contains(HALL.value(), BALLROOM.value());
        loseEveryStoredConflict();

        send(rescan("rescan-acme", "acme:anna", "acme"));

        assertThat(CommandTopics.decodeOutcome(outcomes.readValue()).rescan())
                .as("acme's hall only: globex's calendar, projector and two conflicts are neither read nor counted")
                .isEqualTo(new CommandOutcome.Rescan(1, 0, 1, 1, 0, 0));
        assertThat(conflicts.readRecordsToList()).as("acme's missed conflict is published, globex's two stay missed")
                .extracting(TestRecord::key).containsExactly(HALL.value());

        send(rescan("rescan-globex", "support:carol", "globex"));
        send(rescan("rescan-acme-again", "acme:anna", "acme"));

        assertThat(outcomes.readRecordsToList()).extracting(record -> CommandTopics.decodeOutcome(record.value()).rescan())
                .containsExactly(new CommandOutcome.Rescan(1, 1, 2, 2, 0, 0), new CommandOutcome.Rescan(1, 0, 1, 0, 0, 0));
        assertThat(conflicts.readRecordsToList()).as("globex's own re-scan finds its two; acme's again finds nothing new")
                .extracting(TestRecord::key).containsOnly(BALLROOM.value()).hasSize(2);
    }

    /** As a state that lost its conflicts would be: the facts hold clashes that no stored conflict says. */
    private void loseEveryStoredConflict() {
        KeyValueStore<Bytes, byte[]> stored = driver.getKeyValueStore(ConflictStore.CONFLICTS);
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = stored.all()) {
            all.forEachRemaining(row -> keys.add(row.key));
        }
        assertThat(keys).hasSize(3);
        keys.forEach(stored::delete);
    }

    private static ConflictCommand rescan(String id, String actor, String tenant) {
        return new ConflictCommand(id, null, ConflictCommand.Kind.DETECT, -1, null, null, null, null, actor, FACT_TIME, null, true,
                UngrantedCalendars.CLOSED, tenant);
    }

    private ConflictCommand dismissal(String id, String actor, boolean admin, String tenant) {
        return new ConflictCommand(id, CONFLICT, ConflictCommand.Kind.DISMISS, 0, null, null, null, "fine as it is", actor, FACT_TIME, null,
                admin, UngrantedCalendars.CLOSED, tenant);
    }

    private void send(ConflictCommand command) {
        commands.pipeInput(new TestRecord<>(command.commandId(), CommandTopics.encode(command), FACT_TIME));
    }

    private void send(AlmanacEvent event, long version) {
        int fact = ++sent;
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME, event.subject(), version, "globex:planner", "corr-" + fact, null);
        for (ProducerRecord<String, byte[]> record : codec.toRecords(metadata, event)) {
            if (record.topic().equals(Topics.CALENDARS) || record.topic().equals(Topics.SCHEDULE)) {
                (record.topic().equals(Topics.CALENDARS) ? calendars : schedule)
                        .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), FACT_TIME));
            }
        }
    }

    private static ItemScheduled itemScheduled(String itemId, String start, String end) {
        return itemScheduled(BALLROOM, itemId, start, end, null);
    }

    private static ItemScheduled itemScheduled(CalendarId calendar, String itemId, String start, String end, ResourceId booked) {
        return new ItemScheduled(ItemId.of(itemId), calendar, itemId, "meeting", Instant.parse("2026-12-01T" + start + ":00Z"),
                Instant.parse("2026-12-01T" + end + ":00Z"), EventSamples.NEW_YORK, Priority.NORMAL, List.of(), null,
                booked == null ? null : List.of(new ResourceBooking(booked, ResourceRole.PRIMARY)), null, null);
    }
}

package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
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
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
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
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * ADR 0102 in the task that holds a conflict: a command of a caller of another tenant than the conflict's calendar's is
 * answered as one for a conflict no partition holds, before any role is read, an admin's and a grantee's included.
 */
class TenantConflictCommandsTest {

    private static final CalendarId BALLROOM = CalendarId.of("globex:ballroom");
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
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        (record.topic().equals(Topics.CALENDARS) ? calendars : schedule)
                .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), FACT_TIME));
    }

    private static ItemScheduled itemScheduled(String itemId, String start, String end) {
        return new ItemScheduled(ItemId.of(itemId), BALLROOM, itemId, "meeting", Instant.parse("2026-12-01T" + start + ":00Z"),
                Instant.parse("2026-12-01T" + end + ":00Z"), EventSamples.NEW_YORK, Priority.NORMAL, List.of());
    }
}

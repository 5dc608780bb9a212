package dev.almanac.dispatch.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Multi-tenant mode (ADR 0102): a notification reaches only users of its calendar's tenant, whoever the facts name; the
 * same facts in a single-tenant deployment tell everyone they name, as before.
 */
class TenantNotificationsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    private static final CalendarId BALLROOM = CalendarId.of("acme:ballroom");
    private static final UserId MIA = UserId.of("acme:mia");
    /** Of another tenant: a grant to them is refused when made (ADR 0102), and the notifier does not rely on it. */
    private static final UserId MAX = UserId.of("globex:max");
    private static final UserId GUS = UserId.of("globex:gus");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aRunFailureOnATenantsCalendarTellsOnlyThatTenantsUsers() {
        assertThat(recipientsOfAFailedRun(true)).containsExactly(MIA);
    }

    @Test
    void aSingleTenantDeploymentTellsEveryoneTheFactsName() {
        assertThat(recipientsOfAFailedRun(false)).containsExactly(GUS, MIA, MAX);
    }

    /** Gus scheduled the item, Mia and Max manage its calendar; Gus and Max are of another tenant than the calendar. */
    private List<UserId> recipientsOfAFailedRun(boolean multiTenant) {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-notifier");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.resolve(String.valueOf(multiTenant)).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(NotifierTopology.build(codec, Clock.fixed(T0, ZoneOffset.UTC),
                Duration.ofDays(2), multiTenant), properties, T0)) {
            TestOutputTopic<String, byte[]> notifications = driver.createOutputTopic(Topics.NOTIFICATIONS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            pipe(driver, new CalendarAccessGranted(BALLROOM, MIA, CalendarRole.MANAGER, null), "acme:admin", 1);
            pipe(driver, new CalendarAccessGranted(BALLROOM, MAX, CalendarRole.MANAGER, null), "acme:admin", 2);
            ItemScheduled item = new ItemScheduled(ItemId.of("acme:review"), BALLROOM, "Quarterly review", "meeting",
                    Instant.parse("2026-12-02T15:00:00Z"), Instant.parse("2026-12-02T16:00:00Z"), EventSamples.NEW_YORK, Priority.NORMAL,
                    List.of());
            pipe(driver, item, GUS.value(), 1);
            pipe(driver, new RunFailed(RunId.of("acme:run-review-1"), BALLROOM, EntryKind.ITEM, item.itemId().value(), 1, T0,
                    "executor-1", "HTTP 503"), "executor-1", 2);

            return notifications.readRecordsToList().stream().map(record -> UserId.of(record.key())).toList();
        }
    }

    private void pipe(TopologyTestDriver driver, AlmanacEvent event, String actor, long version) {
        EventType type = EventCatalog.of(event);
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type.ceType() + event.subject() + version).getBytes()).toString(),
                type.ceType(), "/almanac/test", T0, event.subject(), version, actor, "corr-test", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        driver.createInputTopic(record.topic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), T0));
    }
}

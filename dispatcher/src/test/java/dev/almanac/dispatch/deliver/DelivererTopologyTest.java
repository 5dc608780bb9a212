package dev.almanac.dispatch.deliver;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.dispatch.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.QuietHours;
import dev.almanac.events.notification.SuppressionRule;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

import static org.assertj.core.api.Assertions.assertThat;

/** The deliverer's policies in its stream, without a broker: suppression, quiet hours, digests, channels, and once per notification. */
class DelivererTopologyTest {

    private static final Instant NOON = Instant.parse("2026-12-02T11:00:00Z");
    private static final UserId USER = UserId.of("user-123");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final JsonMapper json = AlmanacJson.eventMapper();
    private final MutableClock clock = new MutableClock(NOON);
    private TopologyTestDriver driver;
    private TestOutputTopic<String, byte[]> due;
    private TestOutputTopic<String, byte[]> history;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-deliverer");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(DelivererTopology.build(codec, clock, Duration.ofDays(2)), properties, NOON);
        due = driver.createOutputTopic(DeliverTopics.DUE, new StringDeserializer(), new ByteArrayDeserializer());
        history = driver.createOutputTopic(Topics.NOTIFICATION_DELIVERIES, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aNotificationGoesByEmailAndWebhookOnceEvenWhenReadAgain() {
        pipe(preferences(null, 0, List.of(), List.of()));
        NotificationRaised notification = notification("fact-1", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL);
        pipe(notification);
        pipe(notification);
        List<Delivery> deliveries = deliveries();
        assertThat(deliveries).extracting(Delivery::channel).containsExactlyInAnyOrder(DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK);
        assertThat(deliveries).extracting(Delivery::deliveryId).doesNotHaveDuplicates();
        assertThat(deliveries.get(0).email()).isEqualTo("user-123@example.com");
    }

    @Test
    void withoutPreferencesOnlyTheCentreHearsOfIt() {
        pipe(notification("fact-1", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        assertThat(due.isEmpty()).isTrue();
        assertThat(history.isEmpty()).isTrue();
    }

    @Test
    void aSuppressionRuleKeepsItFromEveryChannelAndSaysWhich() {
        pipe(preferences(null, 0, List.of(new SuppressionRule(NotificationCategory.LOW, CalendarId.of("cal-ballroom"))), List.of()));
        pipe(notification("fact-1", NotificationKind.CONFLICT_DETECTED, NotificationCategory.LOW));
        assertThat(due.isEmpty()).isTrue();
        NotificationDeliveryRecorded line = lines().get(0);
        assertThat(line.outcome()).isEqualTo(DeliveryOutcome.SUPPRESSED);
        assertThat(line.policy()).isEqualTo("suppress category=low calendar=cal-ballroom");
    }

    @Test
    void aCalendarsPolicyKeepsItsCategoryFromEveryonesChannelsUntilLifted() {
        pipe(preferences(null, 0, List.of(), List.of()));
        NotificationRaised first = notification("fact-1", NotificationKind.CONFLICT_DETECTED, NotificationCategory.LOW);
        pipe(new CalendarNotificationPolicySet(first.calendarId(), List.of(NotificationCategory.LOW), "read in the console"));
        pipe(first);
        assertThat(due.isEmpty()).isTrue();
        NotificationDeliveryRecorded line = lines().get(0);
        assertThat(line.outcome()).isEqualTo(DeliveryOutcome.SUPPRESSED);
        assertThat(line.policy()).isEqualTo("calendar policy: suppress category=low calendar=" + first.calendarId().value());

        pipe(new CalendarNotificationPolicySet(first.calendarId(), List.of(), null));
        pipe(notification("fact-2", NotificationKind.CONFLICT_DETECTED, NotificationCategory.LOW));
        assertThat(deliveries()).extracting(Delivery::channel).containsExactlyInAnyOrder(DeliveryChannel.EMAIL, DeliveryChannel.WEBHOOK);
    }

    @Test
    void channelsPerCategoryChooseWhereItGoes() {
        pipe(preferences(null, 0, List.of(), List.of(new ChannelChoice(NotificationCategory.NORMAL, List.of(DeliveryChannel.CENTRE,
                DeliveryChannel.WEBHOOK)))));
        pipe(notification("fact-1", NotificationKind.RULE_CHANGE_PROPOSED, NotificationCategory.NORMAL));
        assertThat(deliveries()).extracting(Delivery::channel).containsExactly(DeliveryChannel.WEBHOOK);
    }

    @Test
    void quietHoursHoldItUntilTheyEndInTheUsersZone() {
        // 23:30 in Berlin: held until 07:00 Berlin, 06:00Z.
        clock.set(Instant.parse("2026-12-02T22:30:00Z"));
        pipe(preferences(new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)), 0, List.of(),
                List.of(new ChannelChoice(NotificationCategory.CRITICAL, List.of(DeliveryChannel.EMAIL)))));
        pipe(notification("fact-1", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        assertThat(due.isEmpty()).isTrue();
        NotificationDeliveryRecorded held = lines().get(0);
        assertThat(held.outcome()).isEqualTo(DeliveryOutcome.HELD);
        assertThat(held.until()).isEqualTo(Instant.parse("2026-12-03T06:00:00Z"));
        assertThat(held.policy()).isEqualTo("quiet_hours 22:00-07:00 Europe/Berlin");

        advanceTo(Instant.parse("2026-12-03T05:59:00Z"));
        assertThat(due.isEmpty()).isTrue();
        advanceTo(Instant.parse("2026-12-03T06:00:01Z"));
        assertThat(deliveries()).hasSize(1);
    }

    @Test
    void manyOfOneKindWithinTheWindowBecomeOneDigestAfterTheFirst() {
        pipe(preferences(null, 10, List.of(), List.of(new ChannelChoice(NotificationCategory.CRITICAL, List.of(DeliveryChannel.EMAIL)))));
        pipe(notification("fact-1", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        assertThat(deliveries()).hasSize(1);
        pipe(notification("fact-2", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        pipe(notification("fact-3", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        pipe(notification("fact-4", NotificationKind.RUN_MISSED, NotificationCategory.CRITICAL));
        // Another kind opens a digest of its own, its first sent at once.
        assertThat(deliveries()).extracting(delivery -> delivery.notifications().get(0).kind()).containsExactly(NotificationKind.RUN_MISSED);

        advanceTo(NOON.plus(Duration.ofMinutes(10)).plusSeconds(1));
        List<Delivery> digests = deliveries();
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0).isDigest()).isTrue();
        assertThat(digests.get(0).notifications()).extracting(n -> n.notificationId().value())
                .containsExactly(id("fact-2"), id("fact-3"));
        assertThat(lines()).filteredOn(line -> line.outcome() == DeliveryOutcome.DIGESTED)
                .extracting(NotificationDeliveryRecorded::digestId).containsOnly(digests.get(0).digestId()).hasSize(2);

        // The window closed: the next one is sent at once and opens a new window.
        pipe(notification("fact-5", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL));
        assertThat(deliveries()).hasSize(1);
    }

    @Test
    void aNotificationOlderThanTheMaximumAgeIsNotSent() {
        pipe(preferences(null, 0, List.of(), List.of()));
        NotificationRaised old = notification("fact-old", NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL);
        pipe(old, NOON.minus(Duration.ofDays(3)));
        assertThat(due.isEmpty()).isTrue();
    }

    private void advanceTo(Instant instant) {
        Duration by = Duration.between(clock.instant(), instant);
        clock.set(instant);
        driver.advanceWallClockTime(by);
    }

    private static String id(String fact) {
        return NotificationId.of(fact, USER).value();
    }

    private List<Delivery> deliveries() {
        return due.readValuesToList().stream().map(value -> json.readValue(value, Delivery.class)).toList();
    }

    private List<NotificationDeliveryRecorded> lines() {
        return history.readRecordsToList().stream().map(record -> {
            ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>(Topics.NOTIFICATION_DELIVERIES, 0, 0, record.key(), record.value());
            record.headers().forEach(header -> consumed.headers().add(header));
            return (NotificationDeliveryRecorded) codec.fromRecord(consumed).event();
        }).toList();
    }

    private static NotificationPreferencesSet preferences(QuietHours quiet, int digestMinutes, List<SuppressionRule> suppress,
                                                          List<ChannelChoice> channels) {
        NotificationPreferencesSet sample = EventSamples.notificationPreferencesSet();
        return new NotificationPreferencesSet(USER, "Europe/Berlin", "user-123@example.com", sample.webhook(), channels, quiet, digestMinutes,
                suppress);
    }

    private static NotificationRaised notification(String fact, NotificationKind kind, NotificationCategory category) {
        NotificationRaised sample = EventSamples.notificationRaised();
        return new NotificationRaised(NotificationId.of(fact, USER), USER, kind, category, sample.title(), sample.summary(), sample.source(),
                sample.owner(), sample.calendarId(), sample.links(), sample.actions(), NOON);
    }

    private void pipe(AlmanacEvent event) {
        pipe(event, clock.instant());
    }

    private void pipe(AlmanacEvent event, Instant timestamp) {
        String type = EventCatalog.of(event).ceType();
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type + event.subject()).getBytes()).toString(), type,
                "/almanac/test", timestamp, event.subject(), 1, "test", "corr-test", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        driver.createInputTopic(record.topic(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp));
    }
}

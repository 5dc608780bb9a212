package dev.almanac.dispatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.dispatch.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.ChannelChoice;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * When the deliverer wakes (issue 75: nothing spins at rest): its release punctuation is armed for the earliest
 * notification that waits, counted here on a mock context, rather than firing every 250 ms and scanning the store.
 */
class ReleasePunctuationTest {

    private static final Instant NOON = Instant.parse("2026-12-02T11:00:00Z");
    private static final UserId USER = UserId.of("user-123");

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final MutableClock clock = new MutableClock(NOON);
    private final MockProcessorContext<String, byte[]> context = new MockProcessorContext<>(properties());
    private final DeliverProcessor processor = new DeliverProcessor(codec, clock, Duration.ofDays(2));
    private long offset;

    @BeforeEach
    void startTheTask() {
        for (String name : List.of(DeliverProcessor.PREFERENCES, DeliverProcessor.SEEN, DeliverProcessor.PENDING,
                DeliverProcessor.OPEN_DIGESTS, CalendarPolicies.STORE)) {
            KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
                    Serdes.ByteArray()).withLoggingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
        }
        processor.init(context);
    }

    @Test
    void atRestItWakesOnlyAfterTheLongestWait() {
        assertThat(live()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
            assertThat(punctuator.getInterval()).isEqualTo(DeliverProcessor.LONGEST_WAIT).isEqualTo(Duration.ofMinutes(5));
        });

        clock.advance(DeliverProcessor.LONGEST_WAIT);
        fire();

        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(live()).singleElement().extracting(CapturedPunctuator::getInterval).isEqualTo(DeliverProcessor.LONGEST_WAIT);
    }

    @Test
    void aDigestsWindowWakesItAtTheWindowsEndAndNotBefore() {
        process(preferences(2));
        process(notification("fact-1"));
        assertThat(context.forwarded(DeliverProcessor.DUE_SINK)).hasSize(1);
        assertThat(live()).singleElement().extracting(CapturedPunctuator::getInterval).isEqualTo(Duration.ofMinutes(2));

        // Another joins the open digest: the wake-up stays where it is.
        clock.advance(Duration.ofSeconds(30));
        process(notification("fact-2"));
        assertThat(context.scheduledPunctuators()).hasSize(2);

        clock.set(NOON.plus(Duration.ofMinutes(2)));
        context.resetForwards();
        fire();

        assertThat(context.forwarded(DeliverProcessor.DUE_SINK)).hasSize(1);
        // Nothing waits any more: back to the longest wait. Three punctuations in two minutes, where a 250 ms tick fired 480 times.
        assertThat(live()).singleElement().extracting(CapturedPunctuator::getInterval).isEqualTo(DeliverProcessor.LONGEST_WAIT);
        assertThat(context.scheduledPunctuators()).hasSize(3);
    }

    @Test
    void aTaskThatStartsWithNotificationsWaitingWakesForTheEarliest() {
        process(preferences(3));
        process(notification("fact-1"));
        process(notification("fact-2"));

        DeliverProcessor restarted = new DeliverProcessor(codec, clock, Duration.ofDays(2));
        MockProcessorContext<String, byte[]> fresh = new MockProcessorContext<>(properties());
        for (String name : List.of(DeliverProcessor.PREFERENCES, DeliverProcessor.SEEN, DeliverProcessor.PENDING,
                DeliverProcessor.OPEN_DIGESTS, CalendarPolicies.STORE)) {
            fresh.addStateStore(context.getStateStore(name));
        }
        clock.advance(Duration.ofMinutes(1));
        restarted.init(fresh);

        assertThat(fresh.scheduledPunctuators()).singleElement().extracting(CapturedPunctuator::getInterval)
                .isEqualTo(Duration.ofMinutes(2));
    }

    private List<CapturedPunctuator> live() {
        return context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled()).toList();
    }

    private void fire() {
        live().forEach(punctuator -> punctuator.getPunctuator().punctuate(clock.millis()));
    }

    private void process(AlmanacEvent event) {
        String type = EventCatalog.of(event).ceType();
        EventMetadata envelope = new EventMetadata(UUID.nameUUIDFromBytes((type + event.subject()).getBytes()).toString(), type,
                "/almanac/test", clock.instant(), event.subject(), 1, "test", "corr-test", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(envelope, event);
        context.setRecordMetadata(record.topic(), 0, offset++);
        processor.process(new Record<>(record.key(), record.value(), clock.millis(), record.headers()));
    }

    private static NotificationPreferencesSet preferences(int digestMinutes) {
        NotificationPreferencesSet sample = EventSamples.notificationPreferencesSet();
        return new NotificationPreferencesSet(USER, "Europe/Berlin", "user-123@example.com", sample.webhook(),
                List.of(new ChannelChoice(NotificationCategory.CRITICAL, List.of(DeliveryChannel.EMAIL))), null, digestMinutes, List.of());
    }

    private NotificationRaised notification(String fact) {
        NotificationRaised sample = EventSamples.notificationRaised();
        return new NotificationRaised(NotificationId.of(fact, USER), USER, NotificationKind.RUN_FAILED, NotificationCategory.CRITICAL,
                sample.title(), sample.summary(), sample.source(), sample.owner(), sample.calendarId(), sample.links(), sample.actions(),
                clock.instant());
    }

    private static Properties properties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "dispatcher-deliverer");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return properties;
    }
}

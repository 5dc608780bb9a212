package dev.almanac.query.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.almanac.events.Topics;

/**
 * The live stream in a {@code QueryApiTest} slice, without Kafka: the controller, and a hub started at once on one partition
 * of the schedule topic, to which {@link ScheduleChanges} hands records as the reader would once the store holds them.
 * Import it beside {@code @QueryApiTest}; the slice already holds {@link StreamSlotGuard}, a web filter.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(LiveStreamController.class)
public class LiveStreamSlice {

    private static final TopicPartition SCHEDULE = new TopicPartition(Topics.SCHEDULE, 0);

    @Bean
    StreamHub streamHub() {
        StreamHub hub = new StreamHub(10, 100, 1000, 100, Duration.ofMinutes(10), new SimpleMeterRegistry(), Clock.systemUTC());
        hub.started(Map.of(SCHEDULE, 0L));
        return hub;
    }

    @Bean
    ScheduleChanges scheduleChanges(StreamHub hub) {
        return new ScheduleChanges(hub);
    }

    /** Hands the hub changes of the schedule topic, each already held by the store, so that it sends them at once. */
    public static final class ScheduleChanges {

        private final StreamHub hub;
        private long nextOffset;

        ScheduleChanges(StreamHub hub) {
            this.hub = hub;
        }

        /**
         * A change of {@code itemId} whose record carries {@code value}, the event itself, as the topic holds it: what a stream
         * tells of it comes from its headers alone.
         */
        public synchronized void held(String calendarId, String itemId, byte[] value) {
            long offset = nextOffset++;
            ConsumerRecord<String, byte[]> shaped = StreamHubTest.record(Topics.SCHEDULE, offset, calendarId, itemId);
            ConsumerRecord<String, byte[]> carrying = new ConsumerRecord<>(shaped.topic(), shaped.partition(), shaped.offset(),
                    shaped.key(), value);
            shaped.headers().forEach(header -> carrying.headers().add(header));
            hub.read(List.of(carrying), Map.of(SCHEDULE, offset + 1));
            hub.raise(Map.of(SCHEDULE, offset));
        }

        /** A change of {@code itemId}, keyed by {@code calendarId}: what reaches that calendar's streams. */
        public synchronized void held(String calendarId, String itemId) {
            long offset = nextOffset++;
            hub.read(List.of(StreamHubTest.record(Topics.SCHEDULE, offset, calendarId, itemId)), Map.of(SCHEDULE, offset + 1));
            hub.raise(Map.of(SCHEDULE, offset));
        }
    }
}

package dev.almanac.conflicts.intake;

import java.time.Duration;

import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Consumes the three topics that place entries and calendars, all keyed by calendar id. One
 * listener takes all three, and the consumer uses the range assignor, so the same consumer
 * owns partition p of each topic: one calendar's facts from every topic are handled one at
 * a time, never concurrently. The listener returns only after the resulting writes and
 * publications are done, so offsets are committed only after them.
 */
@Component
class CalendarFactsListener {

    static final String LISTENER_ID = "conflict-detector-facts";

    private final EventCodec codec;
    private final FactRouter router;
    private final ConflictMetrics metrics;
    private final Duration timeout;

    CalendarFactsListener(EventCodec codec, FactRouter router, ConflictMetrics metrics,
                          @Value("${almanac.conflicts.handling-timeout:30s}") Duration timeout) {
        this.codec = codec;
        this.router = router;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = {Topics.CALENDARS, Topics.SCHEDULE, Topics.OCCURRENCES})
    void on(ConsumerRecord<String, byte[]> record) {
        Timer.Sample sample = metrics.startHandling();
        try {
            router.route(codec.fromRecord(record)).block(timeout);
        } finally {
            metrics.stopHandling(sample, record.topic());
        }
    }
}

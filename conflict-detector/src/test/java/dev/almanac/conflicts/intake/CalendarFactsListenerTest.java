package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.TransientFailures;

class CalendarFactsListenerTest {

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FactRouter router = mock(FactRouter.class);
    private final CalendarFactsListener listener =
            new CalendarFactsListener(codec, router, new ConflictMetrics(registry), Duration.ofMillis(50));

    @Test
    void handlingThatOutlastsTheTimeoutIsRetriedAsAnOutageNotDeadLettered() {
        when(router.route(any())).thenReturn(Mono.never());

        assertThatThrownBy(() -> listener.on(scheduledRecord()))
                .satisfies(failure -> assertThat(TransientFailures.isTransient(failure)).isTrue());
    }

    @Test
    void aRecordThatCannotBeReadIsPoison() {
        ConsumerRecord<String, byte[]> valid = scheduledRecord();
        ConsumerRecord<String, byte[]> broken = new ConsumerRecord<>(valid.topic(), 0, 1, 0L, TimestampType.CREATE_TIME, 0,
                0, valid.key(), "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8), valid.headers(), Optional.empty());

        assertThatThrownBy(() -> listener.on(broken)).isInstanceOf(PoisonMessageException.class);
    }

    @Test
    void everyRecordIsTimedByTopicWhetherItSucceedsOrFails() {
        when(router.route(any())).thenReturn(Mono.empty());
        listener.on(scheduledRecord());
        when(router.route(any())).thenReturn(Mono.error(new IllegalStateException("store down")));
        assertThatThrownBy(() -> listener.on(scheduledRecord())).hasMessageContaining("store down");

        assertThat(registry.timer(ConflictMetrics.HANDLING, "topic", Topics.SCHEDULE).count()).isEqualTo(2);
    }

    private ConsumerRecord<String, byte[]> scheduledRecord() {
        ItemScheduled event = EventSamples.itemScheduled();
        EventMetadata metadata = new EventMetadata("evt-1", EventCatalog.of(event).ceType(), "/almanac/test",
                Instant.parse("2026-11-21T10:00:00Z"), event.subject(), 0, "planner@example.com", "corr-1", null);
        ProducerRecord<String, byte[]> produced = codec.toRecord(metadata, event);
        return new ConsumerRecord<>(produced.topic(), 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), produced.headers(), Optional.empty());
    }
}

package dev.almanac.commands.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * How far the relay is behind the event store, for SREs: {@code almanac.relay.lag.events}, the store's head index
 * less the relay's position (the lowest of its segments'), and {@code almanac.relay.lag.seconds}, how long the oldest
 * event not yet relayed has waited (0 when none). Read when scraped, at most once a second: the head is one query of
 * the index, and the age one read of a single event, only while the relay is behind. The position is the relay's as
 * this instance last held its segments (NaN before it first did): with replicas, the instance that holds them reports
 * the lag, and the least of the instances' figures is the relay's.
 */
@Component
class RelayLag {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final EventStorageEngine engine;
    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private volatile @Nullable Reading last;
    /**
     * The relay's position when this instance last held its segments: a stopped relay (shut down, or its thread dead)
     * holds none, and its lag must still grow. Null until it first held them; empty for "before the first event".
     */
    private volatile @Nullable Optional<TrackingToken> lastPosition;

    RelayLag(EventStorageEngine engine, EventProcessingConfiguration processing, MeterRegistry meters) {
        this.engine = engine;
        this.processing = processing;
        this.clock = Clock.systemUTC();
        Gauge.builder("almanac.relay.lag.events", this, lag -> lag.reading().events())
                .description("Stored events the relay has not yet published to Kafka: the event store's head index less the relay's position")
                .register(meters);
        Gauge.builder("almanac.relay.lag.seconds", this, lag -> lag.reading().seconds())
                .description("How long the oldest stored event not yet published to Kafka has waited; 0 when the relay is caught up")
                .baseUnit("seconds")
                .register(meters);
    }

    /** The lag now: NaN for both while the relay has no position (not started, or its segments not claimed here). */
    Reading reading() {
        Reading current = last;
        Instant now = clock.instant();
        if (current != null && Duration.between(current.at(), now).compareTo(FRESH) < 0) {
            return current;
        }
        Reading read = read(now);
        last = read;
        return read;
    }

    private Reading read(Instant now) {
        Optional<StreamingEventProcessor> relay = processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, StreamingEventProcessor.class);
        List<EventTrackerStatus> segments = relay.map(processor -> List.copyOf(processor.processingStatus().values())).orElse(List.of());
        if (!segments.isEmpty()) {
            // A segment without a token has read nothing yet: it starts before the first event.
            lastPosition = Optional.ofNullable(segments.stream().min(Comparator.comparingLong(status -> position(status.getTrackingToken())))
                    .orElseThrow().getTrackingToken());
        }
        Optional<TrackingToken> position = lastPosition;
        if (position == null) {
            return new Reading(now, Double.NaN, Double.NaN);
        }
        TrackingToken relayed = position.orElse(null);
        long events = Math.max(0, position(engine.createHeadToken()) - position(relayed));
        if (events == 0) {
            return new Reading(now, 0, 0);
        }
        try (Stream<? extends TrackedEventMessage<?>> unread = engine.readEvents(relayed, false)) {
            double seconds = unread.findFirst()
                    .map(oldest -> Math.max(0, Duration.between(oldest.getTimestamp(), now).toMillis() / 1000.0))
                    .orElse(0.0);
            return new Reading(now, events, seconds);
        }
    }

    /** The index of the last event a token has passed; -1 before the first (no token: nothing read, or an empty store). */
    private static long position(@Nullable TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** One reading of both gauges. */
    record Reading(Instant at, double events, double seconds) {
    }
}

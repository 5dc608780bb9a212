package dev.almanac.query.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.projection.RecordPosition;

/**
 * Writes test events through the projection as its listener does, each read at the next offset of partition 0 of its topic,
 * so that the projection's followers (the change feed, the audit trail) see them; each entity at its next version.
 */
public final class FeedFixture {

    private final Projections projections;
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Long> offsets = new HashMap<>();

    public FeedFixture(Projections projections) {
        this.projections = projections;
    }

    public void given(AlmanacEvent... events) {
        for (AlmanacEvent event : events) {
            long version = versions.merge(event.subject(), 1L, Long::sum) - 1;
            given(Received.of(event, version));
        }
    }

    /** The event with this envelope, as the next record of its topic. */
    public void given(ReceivedEvent received) {
        projections.applyNow(List.of(decided(received)));
    }

    /** The events as the next records of their topics, applied as one batch, as the listener hands a poll over. */
    public void givenInOneBatch(List<? extends AlmanacEvent> events) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (AlmanacEvent event : events) {
            long version = versions.merge(event.subject(), 1L, Long::sum) - 1;
            batch.add(decided(Received.of(event, version)));
        }
        projections.applyNow(batch);
    }

    private DecidedEvent decided(ReceivedEvent received) {
        String topic = EventCatalog.of(received.event()).topic();
        long offset = offsets.merge(topic, 1L, Long::sum) - 1;
        return projections.decide(received, new RecordPosition(topic, 0, offset));
    }

    /** An envelope as {@link Received#metadata} makes it, with another actor. */
    public static EventMetadata by(String actor, AlmanacEvent event, long version) {
        EventMetadata metadata = Received.metadata(event, version, Received.TIME);
        return new EventMetadata(metadata.id(), metadata.type(), metadata.source(), metadata.time(), metadata.subject(),
                metadata.aggregateVersion(), actor, metadata.correlationId(), null, "cmd-" + event.subject() + "-v" + version);
    }
}

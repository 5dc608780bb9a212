package dev.almanac.query.readmodel;

import java.util.List;

import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.envelope.EventMetadata;

/**
 * An event the projection applied, the topic partition and offset it was read at, and what it did to each entity's
 * document: only the changes that were newer than the state they met (a redelivered event has none).
 */
public record ProjectedEvent(String topic, int partition, long offset, EventMetadata metadata, AlmanacEvent event,
                             List<StateChange> changes) {

    public ProjectedEvent {
        changes = List.copyOf(changes);
    }

    /** One entity's document before one event (null when the event created it) and after it, as its codec writes it. */
    public record StateChange(String collection, String id, @Nullable Document before, Document after) {
    }
}

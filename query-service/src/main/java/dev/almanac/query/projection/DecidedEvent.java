package dev.almanac.query.projection;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.readmodel.EntityChange;

/**
 * An event with the entity changes every projector that reads its topic decided for it; no
 * changes when each of them ignored its type.
 *
 * @param position where the listener read it; null for an event applied without a record (tests), which the projection's
 *                 followers (the change feed, the audit trail) do not see
 */
public record DecidedEvent(ReceivedEvent received, List<EntityChange<?>> changes, @Nullable RecordPosition position) {

    public DecidedEvent {
        changes = List.copyOf(changes);
    }

    public DecidedEvent(ReceivedEvent received, List<EntityChange<?>> changes) {
        this(received, changes, null);
    }
}

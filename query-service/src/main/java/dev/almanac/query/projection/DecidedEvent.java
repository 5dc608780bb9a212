package dev.almanac.query.projection;

import java.util.List;

import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.readmodel.EntityChange;

/**
 * An event with the entity changes every projector that reads its topic decided for it; no
 * changes when each of them ignored its type.
 */
public record DecidedEvent(ReceivedEvent received, List<EntityChange<?>> changes) {

    public DecidedEvent {
        changes = List.copyOf(changes);
    }
}

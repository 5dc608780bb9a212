package dev.almanac.events.conflict;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#CONFLICTS}, keyed by calendar id. The hierarchy is closed: a
 * consumer decides each type through {@link Handler}, and a new type added here fails to
 * compile in every consumer until it decides what to do with it.
 */
public sealed interface ConflictEvent extends AlmanacEvent permits ConflictDetected, ConflictCleared, ConflictResolved,
        ConflictEscalated, ConflictDismissed {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#CONFLICTS}. */
    interface Handler<R> {

        R on(ConflictDetected event, EventMetadata envelope);

        R on(ConflictCleared event, EventMetadata envelope);

        R on(ConflictResolved event, EventMetadata envelope);

        R on(ConflictEscalated event, EventMetadata envelope);

        R on(ConflictDismissed event, EventMetadata envelope);
    }
}

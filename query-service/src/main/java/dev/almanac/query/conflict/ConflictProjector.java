package dev.almanac.query.conflict;

import java.util.List;

import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects the conflict lifecycle into {@link Conflicts}. A detection (first or repeated with a
 * new window) makes the conflict active; a clearing marks it cleared. The lists by calendar and
 * status are derived from these states by {@link ConflictListPlacements}.
 */
public final class ConflictProjector implements Projector, ConflictEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "conflicts";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictDetected detected, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Conflicts.KIND, detected.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.detected(before, detected, envelope)));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictCleared cleared, EventMetadata envelope) {
        return Projector.changes(new EntityChange<>(Conflicts.KIND, cleared.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.cleared(before, cleared, envelope)));
    }
}

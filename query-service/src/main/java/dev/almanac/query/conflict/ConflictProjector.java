package dev.almanac.query.conflict;

import java.util.List;

import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects the conflict lifecycle into {@link Conflicts}: detection, clearing, escalation,
 * resolution and dismissal, each folded into the conflict's status as
 * {@link dev.almanac.events.conflict.ConflictStatus} describes. The lists by calendar and status
 * are derived from these states by {@link ConflictListPlacements}.
 */
public final class ConflictProjector implements Projector, ConflictEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "conflicts";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictDetected detected, EventMetadata envelope) {
        return Projector.change(Conflicts.KIND, detected.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.detected(before, detected, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictCleared cleared, EventMetadata envelope) {
        return Projector.change(Conflicts.KIND, cleared.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.cleared(before, cleared, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictEscalated escalated, EventMetadata envelope) {
        return Projector.change(Conflicts.KIND, escalated.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.escalated(before, escalated, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictResolved resolved, EventMetadata envelope) {
        return Projector.change(Conflicts.KIND, resolved.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.resolved(before, resolved, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ConflictDismissed dismissed, EventMetadata envelope) {
        return Projector.change(Conflicts.KIND, dismissed.conflictId().value(), envelope.aggregateVersion(),
                before -> ConflictView.dismissed(before, dismissed, envelope));
    }
}

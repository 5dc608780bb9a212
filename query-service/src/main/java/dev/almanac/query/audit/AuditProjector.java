package dev.almanac.query.audit;

import java.util.List;

import dev.almanac.events.audit.AuditEvent;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.events.audit.PlatformAdminActed;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Reads {@code almanac.audit.v1} for the projection, so that its listener subscribes to it: a refused command and a platform
 * admin's request change no entity, and the audit trail ({@link AuditTrail}) records them from the batch as it records every
 * other event, a platform admin's request under the tenant it acted in (ADR 0102).
 */
public final class AuditProjector implements Projector, AuditEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CommandRefused refused, EventMetadata envelope) {
        return Decision.ignore("a refused command changed nothing; the audit trail records it as it is");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(PlatformAdminActed acted, EventMetadata envelope) {
        return Decision.ignore("a platform admin's request changed nothing; the audit trail records it under its tenant as it is");
    }
}

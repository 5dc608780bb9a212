package dev.almanac.events.audit;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#AUDIT}: a refused command keyed by its target (the aggregate it named), a platform admin's
 * request keyed by its tenant. Closed: a consumer decides each type through {@link Handler}.
 */
public sealed interface AuditEvent extends AlmanacEvent permits CommandRefused, PlatformAdminActed {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#AUDIT}. */
    interface Handler<R> {

        R on(CommandRefused event, EventMetadata envelope);

        R on(PlatformAdminActed event, EventMetadata envelope);
    }
}

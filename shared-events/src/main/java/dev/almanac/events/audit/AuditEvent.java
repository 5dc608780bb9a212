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

        /**
         * A default only because this topic's two consumers, command-service's relay and query-service's audit projection,
         * are changed on other branches (ADR 0102, step 4): until each decides, a record of this type is refused by them and
         * dead-lettered ({@code EventDecider} names the missing decision). Remove it once both decide.
         */
        default R on(PlatformAdminActed event, EventMetadata envelope) {
            throw new UnsupportedOperationException(getClass().getName() + " has no decision for PlatformAdminActed yet");
        }
    }
}

package dev.almanac.conflicts.lifecycle;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.command.ConflictCommand;
import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * The envelope of conflict-detector's events, derived only from the conflict, its version and
 * the fact that caused the change. A replay of the same facts therefore produces identical
 * records, and consumers can drop the duplicate by its id or version.
 */
public final class ConflictEventMetadata {

    public static final String SOURCE = "/almanac/conflict-detector";

    private ConflictEventMetadata() {
    }

    public static String eventId(ConflictId conflictId, long version) {
        return Identifiers.derive("conflict-event", conflictId.value(), String.valueOf(version));
    }

    /** The envelope of a change a command caused: time, actor and trace are the command's, correlated by its id. */
    public static EventMetadata of(ConflictChange change, ConflictCommand command) {
        return of(change, command.requestedAt(), command.actor(), command.commandId(), command.traceparent());
    }

    /** The envelope of an escalation the SCH-015 timer caused at {@code now}. */
    public static EventMetadata ofTimer(ConflictChange change, Instant now) {
        return of(change, now, Escalations.ACTOR, eventId(change.conflictId(), change.version()), null);
    }

    private static EventMetadata of(ConflictChange change, Instant time, String actor, String correlationId,
                                    @Nullable String traceparent) {
        return new EventMetadata(eventId(change.conflictId(), change.version()), EventCatalog.of(change.event()).ceType(), SOURCE,
                time, change.conflictId().value(), change.version(), actor, correlationId, traceparent);
    }

    /** The envelope of {@code change}: time, actor, correlation and trace come from {@code cause}. */
    public static EventMetadata of(ConflictChange change, EventMetadata cause) {
        return new EventMetadata(
                eventId(change.conflictId(), change.version()),
                EventCatalog.of(change.event()).ceType(),
                SOURCE,
                cause.time(),
                change.conflictId().value(),
                change.version(),
                cause.actor(),
                cause.correlationId(),
                cause.traceparent());
    }
}

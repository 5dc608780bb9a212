package dev.almanac.conflicts.command;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.events.conflict.ResolutionMethod;

/**
 * A request to move a conflict on, as it travels the command topic to the task that owns the
 * conflict. Everything the outcome depends on is in it, the time included, so that a task that
 * handles it again after an aborted transaction decides the same way.
 *
 * @param commandId        unique per request; the outcome carries it back, and events caused by it are correlated by it
 * @param conflictId       the conflict moved on; null for {@link Kind#DETECT}
 * @param expectedVersion  the conflict version the caller saw (its {@code If-Match}); any other version refuses the command
 * @param method           for {@link Kind#RESOLVE}
 * @param note             for {@link Kind#RESOLVE}; required with {@link ResolutionMethod#OVERRIDE_APPLIED} (SCH-024)
 * @param escalateTo       for {@link Kind#ESCALATE}
 * @param reason           for {@link Kind#ESCALATE} and {@link Kind#DISMISS}
 * @param actor            who asks; a resolve, escalate or dismiss needs the manager role on the conflict's calendar
 * @param actorAdmin       whether the actor is an admin, and so manager of every calendar (ADR 0027)
 * @param actorUngranted   what a calendar without grants lets the actor do, by the identity mode of the service they asked
 *                         (ADR 0086); null, as from a command written before it, reads as denied by default
 * @param actorTenant      the tenant the actor acts in (ADR 0102); null in a single-tenant deployment. A conflict that
 *                         involves a calendar of another tenant answers as one that does not exist, before any role is read;
 *                         a re-scan detects only that tenant's calendars, resources and linked pairs afresh
 */
public record ConflictCommand(
        String commandId,
        @Nullable String conflictId,
        Kind kind,
        long expectedVersion,
        @Nullable ResolutionMethod method,
        @Nullable String note,
        @Nullable String escalateTo,
        @Nullable String reason,
        String actor,
        Instant requestedAt,
        @Nullable String traceparent,
        boolean actorAdmin,
        @Nullable UngrantedCalendars actorUngranted,
        @Nullable String actorTenant) {

    /** A command of a single-tenant deployment. */
    public ConflictCommand(String commandId, @Nullable String conflictId, Kind kind, long expectedVersion,
                           @Nullable ResolutionMethod method, @Nullable String note, @Nullable String escalateTo,
                           @Nullable String reason, String actor, Instant requestedAt, @Nullable String traceparent, boolean actorAdmin,
                           @Nullable UngrantedCalendars actorUngranted) {
        this(commandId, conflictId, kind, expectedVersion, method, note, escalateTo, reason, actor, requestedAt, traceparent, actorAdmin,
                actorUngranted, null);
    }

    /** A command of an actor who is not an admin, in development mode. */
    public ConflictCommand(String commandId, @Nullable String conflictId, Kind kind, long expectedVersion,
                           @Nullable ResolutionMethod method, @Nullable String note, @Nullable String escalateTo,
                           @Nullable String reason, String actor, Instant requestedAt, @Nullable String traceparent) {
        this(commandId, conflictId, kind, expectedVersion, method, note, escalateTo, reason, actor, requestedAt, traceparent, false);
    }

    /** A command in development mode, where calendars without grants are open (ADR 0086). */
    public ConflictCommand(String commandId, @Nullable String conflictId, Kind kind, long expectedVersion,
                           @Nullable ResolutionMethod method, @Nullable String note, @Nullable String escalateTo,
                           @Nullable String reason, String actor, Instant requestedAt, @Nullable String traceparent, boolean actorAdmin) {
        this(commandId, conflictId, kind, expectedVersion, method, note, escalateTo, reason, actor, requestedAt, traceparent, actorAdmin,
                UngrantedCalendars.OPEN);
    }

    /** Whether the actor may know of {@code calendar}: always in a single-tenant deployment, else only of their tenant's. */
    public boolean mayKnow(CalendarId calendar) {
        return actorTenant == null || Tenant.of(actorTenant).owns(calendar.value());
    }

    /** The tenant whose ids the command may touch, a re-scan's scope (ADR 0102); null in a single-tenant deployment: every id. */
    public @Nullable Tenant tenant() {
        return actorTenant == null ? null : Tenant.of(actorTenant);
    }

    /** What a calendar without grants lets the actor do; denied by default when the command does not say. */
    public UngrantedCalendars ungranted() {
        return actorUngranted == null ? UngrantedCalendars.CLOSED : actorUngranted;
    }

    public enum Kind {
        RESOLVE,
        ESCALATE,
        DISMISS,
        /**
         * The re-scan of every calendar of every partition ({@code POST /api/v1/conflicts/detect}), of the actor's tenant's
         * only in a multi-tenant deployment; it names no conflict.
         */
        DETECT
    }
}

package dev.almanac.query.access;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

/**
 * Who may read a calendar and what is on it (ADR 0060): the viewer role by the rule commands use
 * ({@link dev.almanac.events.calendar.CalendarAccess}). A calendar without grants is open to every user; once it has
 * a grant, only its viewers, schedulers, managers, staff owner and the admins read it. An admin needs no lookup; an
 * unknown calendar is left to the read's own answer.
 */
@Component
public class CalendarReaders {

    private final CalendarAccesses accesses;
    private final RestrictedCalendars restricted;

    public CalendarReaders(CalendarAccesses accesses, RestrictedCalendars restricted) {
        this.accesses = accesses;
        this.restricted = restricted;
    }

    /** Whether the request's caller may read {@code calendarId}; a request without a caller is not an API read. */
    public Mono<Boolean> allowed(ServerWebExchange exchange, String calendarId) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(true);
        }
        return accesses.find(calendarId)
                .map(view -> view.access().allows(caller.id(), false, CalendarRole.VIEWER))
                .defaultIfEmpty(true);
    }

    /**
     * The calendars a read across calendars shows the request's caller: all but those with grants on which the caller
     * has no role. An admin, or a request without a caller, sees every calendar without a lookup.
     */
    public Mono<CalendarVisibility> visibility(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(CalendarVisibility.EVERY_CALENDAR);
        }
        return restricted.current().map(calendars -> CalendarVisibility.hiding(calendars.entrySet().stream()
                .filter(calendar -> !calendar.getValue().allows(caller.id(), false, CalendarRole.VIEWER))
                .map(Map.Entry::getKey)
                .toList()));
    }

    /**
     * The role the request's caller holds on each calendar, by the rule every command applies: so that a client offers
     * only what the caller may do (UI-IDENTITY). An admin, or a request without a caller, manages every calendar.
     * Calendars with grants are read as {@link #visibility} reads them, at most a second old; on any other, the owner
     * the read passes counts.
     */
    public Mono<CallerRoles> roles(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(CallerRoles.admin());
        }
        return restricted.current().map(withGrants -> CallerRoles.of(caller.id(), withGrants));
    }

    /**
     * The caller's roles on {@code calendarIds} read exactly, grants and owner, in one lookup by {@code _id}: for a read
     * that offers what only a calendar's manager may do, who on a calendar without grants is its staff owner.
     */
    public Mono<CallerRoles> roles(ServerWebExchange exchange, Collection<String> calendarIds) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(CallerRoles.admin());
        }
        return accesses.findAll(calendarIds).collectMap(CalendarAccessView::calendarId, CalendarAccessView::access)
                .map(read -> CallerRoles.of(caller.id(), read));
    }

    /** The caller's role on one calendar, read exactly: its own grants, else its owner. */
    public Mono<Optional<CalendarRole>> role(ServerWebExchange exchange, String calendarId, @Nullable CalendarOwner owner) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(Optional.of(CalendarRole.MANAGER));
        }
        return accesses.find(calendarId).map(CalendarAccessView::access)
                .defaultIfEmpty(new CalendarAccess(owner, Map.of()))
                .map(access -> access.roleOf(caller.id(), false));
    }

    /** Completes empty when the caller may read {@code calendarId}, else fails with 403 naming the viewer role (field {@code field}). */
    public Mono<Void> requireViewer(ServerWebExchange exchange, String calendarId, String field) {
        return allowed(exchange, calendarId).flatMap(allowed -> allowed ? Mono.<Void>empty() : Mono.error(forbidden(exchange, calendarId, field)));
    }

    static ProblemException forbidden(ServerWebExchange exchange, String calendarId, String field) {
        return ProblemException.forbidden(field, "role", "viewer", "calendar " + calendarId + " is shown to those granted a role on it; "
                + Callers.of(exchange).actor() + " has none");
    }
}

package dev.almanac.query.access;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.UngrantedCalendars;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;

/**
 * Who may read a calendar and what is on it (ADR 0060, ADR 0086): viewer or more, by the rule commands use
 * ({@link dev.almanac.events.calendar.CalendarAccess}). Its viewers, schedulers, managers, staff owner and the admins read
 * it; a free/busy grantee only when it is busy ({@link #allowedBusy}, ADR 0096); in development mode a calendar without grants is open to every user. To anyone else it does not exist: a read answers
 * as it would for an unknown id, and no read across calendars shows anything of it. An admin needs no lookup; an unknown
 * calendar is left to the read's own answer. In multi-tenant mode every check here first asks whether the calendar is of
 * the caller's tenant ({@link Caller#mayKnow}), admins and platform admins included: one of another tenant is hidden from
 * everyone, before any other rule (ADR 0102).
 */
@Component
public class CalendarReaders {

    private final CalendarAccesses accesses;
    private final RestrictedCalendars restricted;
    private final ObjectProvider<PrivateRules.Source> rules;

    /** @param rules the rules as the read models hold them, which tell an occurrence private; a slice without rules has none */
    public CalendarReaders(CalendarAccesses accesses, RestrictedCalendars restricted, ObjectProvider<PrivateRules.Source> rules) {
        this.accesses = accesses;
        this.restricted = restricted;
        this.rules = rules;
    }

    /**
     * Whether the request's caller may read what is on {@code calendarId} in full (viewer or more); a request without a
     * caller is not an API read.
     */
    public Mono<Boolean> allowed(ServerWebExchange exchange, String calendarId) {
        return allowed(exchange, calendarId, Caller::readsDetails);
    }

    /**
     * Whether the request's caller may know when {@code calendarId} is busy: any role on it, free/busy included (ADR 0096).
     * Its free/busy, free slots and availability check ask this; everything else asks {@link #allowed}.
     */
    public Mono<Boolean> allowedBusy(ServerWebExchange exchange, String calendarId) {
        return allowed(exchange, calendarId, Caller::sees);
    }

    private Mono<Boolean> allowed(ServerWebExchange exchange, String calendarId, BiPredicate<Caller, CalendarAccess> reads) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller != null && !caller.mayKnow(calendarId)) {
            return Mono.just(false);
        }
        if (caller == null || caller.admin()) {
            return Mono.just(true);
        }
        return accesses.find(calendarId)
                .map(view -> reads.test(caller, view.access()))
                .defaultIfEmpty(true);
    }

    /**
     * The calendars a read across calendars shows the request's caller: all but those on which the caller has no role, or
     * only free/busy (ADR 0096). An
     * admin, or a request without a caller, sees every calendar without a lookup. Denied by default, every calendar without
     * a role of the caller's is hidden, so the list read is of every calendar, not only of those with grants.
     */
    public Mono<CalendarVisibility> visibility(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null) {
            return Mono.just(CalendarVisibility.EVERY_CALENDAR);
        }
        Tenant tenant = caller.tenant();
        if (tenant == null) {
            return visibilityInOneTenant(caller);
        }
        // Multi-tenant mode, admins included: every other tenant's calendar hidden, by the same read every caller denied
        // by default shares, so that what takes the hidden away (the window's totals) leaves them out too (ADR 0102).
        return Mono.zip(visibilityInOneTenant(caller), restricted.every())
                .map(read -> CalendarVisibility.withinTenant(tenant, read.getT2().keySet(), read.getT1()));
    }

    private Mono<CalendarVisibility> visibilityInOneTenant(Caller caller) {
        if (caller.admin()) {
            return Mono.just(CalendarVisibility.EVERY_CALENDAR);
        }
        if (caller.ungranted() == UngrantedCalendars.OPEN) {
            return restricted.current().map(calendars -> CalendarVisibility.hiding(calendars.entrySet().stream()
                    .filter(calendar -> !caller.readsDetails(calendar.getValue()))
                    .map(Map.Entry::getKey)
                    .toList()));
        }
        return restricted.every().map(calendars -> {
            Map<Boolean, List<String>> seen = calendars.entrySet().stream().collect(Collectors.partitioningBy(
                    calendar -> caller.readsDetails(calendar.getValue()), Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
            return CalendarVisibility.showingOnly(seen.get(true), seen.get(false));
        });
    }

    /**
     * The calendars on which the request's caller sees only when they are busy (a free/busy grant, ADR 0096), which
     * {@link #visibility} hides: for the window across calendars, which counts their entries by no type of their own. Read
     * as {@link #roles(ServerWebExchange)} reads them; none for an admin or a request without a caller.
     */
    public Mono<List<String>> busyOnly(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(List.of());
        }
        return restricted.current().map(calendars -> calendars.entrySet().stream()
                .filter(calendar -> caller.mayKnow(calendar.getKey()))
                .filter(calendar -> caller.sees(calendar.getValue()) && !caller.readsDetails(calendar.getValue()))
                .map(Map.Entry::getKey).sorted().toList());
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
            return Mono.just(CallerRoles.admin(caller));
        }
        return restricted.current().map(withGrants -> CallerRoles.of(caller, withGrants));
    }

    /**
     * The caller's roles on {@code calendarIds} read exactly, grants and owner, in one lookup by {@code _id}: for a read
     * that offers what only a calendar's manager may do, who on a calendar without grants is its staff owner.
     */
    public Mono<CallerRoles> roles(ServerWebExchange exchange, Collection<String> calendarIds) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(CallerRoles.admin(caller));
        }
        return accesses.findAll(calendarIds.stream().filter(caller::mayKnow).toList()).collectMap(CalendarAccessView::calendarId, CalendarAccessView::access)
                .map(read -> CallerRoles.of(caller, read));
    }

    /**
     * What the caller is shown of the entries on {@code calendarIds} (ADR 0096), their roles read exactly, each occurrence as
     * its rule is now.
     */
    public Mono<EntryDisclosure> disclosure(ServerWebExchange exchange, Collection<String> calendarIds) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(EntryDisclosure.inFull());
        }
        return Mono.zip(roles(exchange, calendarIds), privateRules()).map(read -> EntryDisclosure.of(read.getT1(), read.getT2()));
    }

    /**
     * As {@link #disclosure(ServerWebExchange, Collection)}, for a read across calendars that cannot name them first (a list,
     * a feed): the roles as {@link #roles(ServerWebExchange)} reads them. On a calendar without grants its staff owner is
     * then not known as its manager, and sees others' private entries there as busy blocks: shown less, never more.
     */
    public Mono<EntryDisclosure> disclosure(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller == null || caller.admin()) {
            return Mono.just(EntryDisclosure.inFull());
        }
        return Mono.zip(roles(exchange), privateRules()).map(read -> EntryDisclosure.of(read.getT1(), read.getT2()));
    }

    private Mono<PrivateRules> privateRules() {
        PrivateRules.Source source = rules.getIfAvailable();
        return source == null ? Mono.just(PrivateRules.NONE) : source.current().map(PrivateRules.class::cast);
    }

    /** The caller's role on one calendar, read exactly: its own grants, else its owner. */
    public Mono<Optional<CalendarRole>> role(ServerWebExchange exchange, String calendarId, @Nullable CalendarOwner owner) {
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if (caller != null && !caller.mayKnow(calendarId)) {
            return Mono.just(Optional.empty());
        }
        if (caller == null || caller.admin()) {
            return Mono.just(Optional.of(CalendarRole.MANAGER));
        }
        return accesses.find(calendarId).map(CalendarAccessView::access)
                .defaultIfEmpty(new CalendarAccess(owner, Map.of()))
                .map(caller::roleOn);
    }

    /**
     * Completes empty when the caller may read {@code calendarId}, else fails with {@code asIfAbsent}: the answer the read
     * gives when what it names does not exist, so that a hidden calendar's ids tell nothing (ADR 0086).
     */
    public Mono<Void> requireViewer(ServerWebExchange exchange, String calendarId, Supplier<ProblemException> asIfAbsent) {
        return allowed(exchange, calendarId).flatMap(allowed -> allowed ? Mono.<Void>empty() : Mono.error(asIfAbsent.get()));
    }

    /** The 404 of a calendar that does not exist, or is hidden from the caller, named by the path ({@code field} id) or a parameter. */
    public static ProblemException noSuchCalendar(String field, String calendarId) {
        return ProblemException.notFound(field, "no calendar has the id '" + calendarId + "'");
    }
}

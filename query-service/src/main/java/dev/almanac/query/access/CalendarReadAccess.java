package dev.almanac.query.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.ProblemResponses;

/**
 * Seed 003's row-level security for the reads of one calendar (ADR 0027's addendum): a read under
 * {@code /api/v1/calendars/{id}} (the calendar itself, its entries, day, week and month views, free
 * slots, free/busy and exports) needs the viewer role on that calendar, by the rule commands use
 * ({@link dev.almanac.events.calendar.CalendarAccess}). A calendar without grants is open to every
 * user, as before; once it has a grant, only its viewers, schedulers, managers, staff owner and the
 * admins read it, and anyone else gets 403 naming the role. One key lookup a read. The grants read
 * keeps its own, narrower check (managers); an unknown calendar is left to the read's own 404.
 * Reads across calendars (the window, the detailed day, the ops feed, the live stream) are not
 * filtered here.
 */
@Component
class CalendarReadAccess implements WebFilter {

    private static final Pattern ONE_CALENDAR = Pattern.compile("^/api/v1/calendars/([^/]+)(/.*)?$");

    private final CalendarAccesses accesses;

    CalendarReadAccess(CalendarAccesses accesses) {
        this.accesses = accesses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        Matcher path = ONE_CALENDAR.matcher(exchange.getRequest().getPath().value());
        Caller caller = exchange.getAttribute(Callers.ATTRIBUTE);
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !path.matches() || "/grants".equals(path.group(2))
                || caller == null || caller.admin()) {
            return chain.filter(exchange);
        }
        String calendarId = path.group(1);
        return accesses.find(calendarId)
                .map(view -> view.access().allows(caller.id(), false, CalendarRole.VIEWER))
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? chain.filter(exchange) : ProblemResponses.write(exchange, ProblemException.forbidden("id",
                        "role", "viewer", "calendar " + calendarId + " is shown to those granted a role on it; " + caller.actor()
                                + " has none")));
    }
}

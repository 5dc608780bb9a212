package dev.almanac.query.access;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.almanac.platform.problem.ProblemResponses;
import dev.almanac.query.web.FilterOrders;

/**
 * SCH-ROWS's row-level security for the reads of one calendar (ADR 0060): a read under
 * {@code /api/v1/calendars/{id}} (the calendar itself, its entries, day, week and month views, free
 * slots, free/busy and exports) needs a role on that calendar ({@link CalendarReaders}), or it is
 * answered 404 as an unknown calendar is (ADR 0086). Its free/busy, free slots, views and entries tell a free/busy
 * grantee only when it is busy, and they read them too (ADR 0096); every other read needs viewer or more. One key lookup a read. The grants read keeps its own, narrower
 * check (managers). Reads across calendars (the window, the detailed day, the ops feed, the live
 * stream, the lists) are not filtered here: each leaves out what {@link CalendarReaders#visibility}
 * hides from its caller.
 */
@Component
@Order(FilterOrders.BEFORE_CONSISTENCY)
class CalendarReadAccess implements WebFilter {

    private static final String CALENDARS = "/api/v1/calendars/";
    private static final Pattern ONE_CALENDAR = Pattern.compile("^/api/v1/calendars/([^/]+)(/.*)?$");
    /**
     * The reads of one calendar that tell a free/busy grantee only when it is busy: free/busy, free slots, and the views
     * and entries, whose every entry {@link EntryDisclosure} shows them as a busy block.
     */
    private static final Set<String> BUSY_ONLY = Set.of("/freebusy", "/availability/slots", "/entries", "/daily", "/weekly",
            "/monthly", "/view");

    private final CalendarReaders readers;

    CalendarReadAccess(CalendarReaders readers) {
        this.readers = readers;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        String calendarId = method == HttpMethod.GET || method == HttpMethod.HEAD ? calendarRead(exchange.getRequest().getPath().value()) : null;
        if (calendarId == null) {
            return chain.filter(exchange);
        }
        Mono<Boolean> allowed = busyOnly(exchange.getRequest().getPath().value()) ? readers.allowedBusy(exchange, calendarId)
                : readers.allowed(exchange, calendarId);
        return allowed.flatMap(shown -> shown ? chain.filter(exchange)
                : ProblemResponses.write(exchange, CalendarReaders.noSuchCalendar("id", calendarId)));
    }

    /** Whether a read of {@code path}, one {@link #calendarRead} checks, tells only when the calendar is busy. */
    static boolean busyOnly(String path) {
        Matcher read = ONE_CALENDAR.matcher(path);
        return read.matches() && read.group(2) != null && BUSY_ONLY.contains(read.group(2));
    }

    /**
     * The calendar a read of {@code path} (a path, or an OpenAPI path template) shows, when this filter checks it: any
     * path under {@code /api/v1/calendars/{id}} but the grants read.
     */
    static @Nullable String calendarRead(String path) {
        if (!path.startsWith(CALENDARS)) {
            return null;
        }
        Matcher read = ONE_CALENDAR.matcher(path);
        return read.matches() && !"/grants".equals(read.group(2)) ? read.group(1) : null;
    }
}

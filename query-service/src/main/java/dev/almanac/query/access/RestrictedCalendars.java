package dev.almanac.query.access;

import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarAccess;

/**
 * The calendars with grants, read at most once per {@code almanac.query.restricted-calendars-refresh} (1 s by
 * default) and shared by every read across calendars: such a read needs to know which calendars to leave out, and
 * reading them costs a scan of {@code calendar_access}, where a read of one calendar costs one key lookup. A grant
 * therefore reaches the reads across calendars up to that interval after it reaches the reads of its calendar
 * (ADR 0060). Requests arriving while a read is under way share it.
 */
@Component
public class RestrictedCalendars {

    private final Mono<Map<String, CalendarAccess>> current;
    private final Mono<Map<String, CalendarAccess>> every;

    public RestrictedCalendars(CalendarAccesses accesses,
                               @Value("${almanac.query.restricted-calendars-refresh:1s}") Duration refresh) {
        // Folded once a read, not once a request: every read across calendars by a user who is not an admin asks.
        this.current = accesses.restricted().collectMap(CalendarAccessView::calendarId, CalendarAccessView::access)
                .map(Map::copyOf)
                .cache(found -> refresh, failure -> Duration.ZERO, () -> refresh);
        // Read only once a caller denied by default asks (JWT mode): every calendar, the ones without grants hidden too.
        this.every = accesses.all().collectMap(CalendarAccessView::calendarId, CalendarAccessView::access)
                .map(Map::copyOf)
                .cache(found -> refresh, failure -> Duration.ZERO, () -> refresh);
    }

    /**
     * Every calendar with who may do what on it, as last read: what a caller denied by default needs, to whom a calendar
     * without grants is hidden too (ADR 0086). A scan of every calendar's access, at most once per refresh.
     */
    public Mono<Map<String, CalendarAccess>> every() {
        return every;
    }

    /** Every calendar with at least one grant, with who may do what on it, as last read. */
    public Mono<Map<String, CalendarAccess>> current() {
        return current;
    }
}

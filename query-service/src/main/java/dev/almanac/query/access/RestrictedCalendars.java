package dev.almanac.query.access;

import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The calendars with grants, read at most once per {@code almanac.query.restricted-calendars-refresh} (1 s by
 * default) and shared by every read across calendars: such a read needs to know which calendars to leave out, and
 * reading them costs a scan of {@code calendar_access}, where a read of one calendar costs one key lookup. A grant
 * therefore reaches the reads across calendars up to that interval after it reaches the reads of its calendar
 * (ADR 0027's second addendum). Requests arriving while a read is under way share it.
 */
@Component
public class RestrictedCalendars {

    private final Mono<List<CalendarAccessView>> current;

    public RestrictedCalendars(CalendarAccesses accesses,
                               @Value("${almanac.query.restricted-calendars-refresh:1s}") Duration refresh) {
        this.current = accesses.restricted().collectList()
                .cache(found -> refresh, failure -> Duration.ZERO, () -> refresh);
    }

    /** Every calendar with at least one grant, with its access, as last read. */
    public Mono<List<CalendarAccessView>> current() {
        return current;
    }
}

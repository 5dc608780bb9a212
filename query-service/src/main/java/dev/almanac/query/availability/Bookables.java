package dev.almanac.query.availability;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;

/**
 * Calendars or resources, as the availability engine ({@link AvailabilityEngine}) sees them: found by id, loaded with
 * what runs on them over a range, and occupied by that. Everything else about availability is the same for both.
 *
 * @param <S> a calendar or a resource
 * @param <O> what keeps one from being free: for a calendar the intervals at its capacity, for a resource its
 *            bookings and unavailable ranges
 */
interface Bookables<S, O> {

    /** One, by id, or a 404 problem naming the id. */
    Mono<S> require(String id);

    /** Those of these ids that exist, by id. */
    Mono<Map<String, S>> findAll(Collection<String> ids);

    /** Per id asked for, what runs on it overlapping {@code range}, as intervals; one with nothing maps to an empty list. */
    Mono<Map<String, List<TimeRange>>> load(Collection<String> ids, TimeRange range);

    /** What keeps {@code bookable} from being free within {@code range}, given what runs on it there. */
    O occupancy(S bookable, List<TimeRange> load, TimeRange range);

    /** The merged intervals in which {@code occupancy} leaves no room. */
    List<TimeRange> blocked(O occupancy);

    /** The zone of its wall clock, on which its free slots are laid out unless a request names another. */
    ZoneId zone(S bookable);
}

package dev.almanac.query.availability;

import java.util.ArrayList;
import java.util.List;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.UnavailableRange;

/**
 * When a resource cannot be booked in a checked range: where an item books it (a resource is one
 * thing, so one booking makes it busy) or where it is marked unavailable. Pure; the intervals are
 * merged and clipped to the range, and tell nothing of the items behind them.
 *
 * @param busy        merged intervals in the range during which items book the resource
 * @param unavailable the unavailable ranges that overlap the range, whole, by start
 * @param blocked     merged intervals in the range that are busy or unavailable: a free slot meets none of them
 */
public record ResourceOccupancy(List<TimeRange> busy, List<UnavailableRange> unavailable, List<TimeRange> blocked) {

    public ResourceOccupancy {
        busy = List.copyOf(busy);
        unavailable = List.copyOf(unavailable);
        blocked = List.copyOf(blocked);
    }

    /**
     * @param bookings        the intervals of the items booking the resource around {@code checked}
     * @param unavailableRanges the resource's unavailable ranges, by start
     */
    public static ResourceOccupancy of(List<TimeRange> bookings, List<UnavailableRange> unavailableRanges, TimeRange checked) {
        List<UnavailableRange> overlapping = unavailableRanges.stream()
                .filter(range -> range.overlaps(checked.start(), checked.end())).toList();
        List<TimeRange> either = new ArrayList<>(bookings);
        overlapping.forEach(range -> either.add(new TimeRange(range.start(), range.end())));
        return new ResourceOccupancy(Occupancy.atCapacity(bookings, 1, checked), overlapping, Occupancy.atCapacity(either, 1, checked));
    }

    /** Unavailable wins over busy: a resource marked unavailable is not waiting for a booking to end. */
    public ResourceStatus status() {
        if (!unavailable.isEmpty()) {
            return ResourceStatus.UNAVAILABLE;
        }
        return busy.isEmpty() ? ResourceStatus.AVAILABLE : ResourceStatus.BUSY;
    }

    public boolean available() {
        return blocked.isEmpty();
    }
}

package dev.almanac.events.conflict;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A conflict holds during {@code [start, end)}. The id is derived from what clashes (the calendar or
 * resource, the kind and the set of entries), so the same clash always has the same id. Published
 * again, with a higher version, when the clash's window or entries' times change.
 * <ul>
 *   <li>Without {@code resourceId}: more entries than the calendar's capacity overlap, or, for
 *       {@link ConflictType#CAPACITY_WARNING}, 80 % of it or more (SCH-022).</li>
 *   <li>With {@code resourceId}: the resource is double-booked ({@code capacity} 1), or, for
 *       {@link ConflictType#RESOURCE_UNAVAILABLE}, one entry books it during ranges it was marked
 *       unavailable; those ranges are listed as entries of kind
 *       {@link ConflictEntryKind#UNAVAILABILITY}, so the booking and its unavailability are the two
 *       that clash ({@code peakConcurrency} 2). {@code bookings} gives each booking's calendar and
 *       role. The entries may be on several calendars: {@code calendarId}, which keys the conflict's
 *       events, is the calendar of its first booking, and stays the same for the conflict's life.</li>
 *   <li>With {@code link}, an {@link ConflictType#ORPHANED_LINK orphaned link}: the entries are the primary
 *       and its follower (in that order), where they stand or, cancelled, where they stood; a side never
 *       seen is listed where the link puts it, untitled. {@code [start, end)} spans both; {@code capacity}
 *       is 1 and {@code peakConcurrency} 2, the pair being the two that disagree. {@code calendarId} is the
 *       primary's calendar.</li>
 * </ul>
 * Events written before resources had conflicts carry no resource and no bookings; before orphaned
 * links, no link.
 */
public record ConflictDetected(
        ConflictId conflictId,
        CalendarId calendarId,
        ConflictType type,
        ConflictLevel level,
        Instant start,
        Instant end,
        int capacity,
        int peakConcurrency,
        List<ConflictingEntry> entries,
        @Nullable ResourceId resourceId,
        @Nullable ResourceType resourceType,
        List<ConflictBooking> bookings,
        @Nullable ConflictLink link) implements ConflictEvent {

    /** A conflict on a calendar: its entries overlap beyond, or close to, its capacity. */
    public ConflictDetected(ConflictId conflictId, CalendarId calendarId, ConflictType type, ConflictLevel level, Instant start,
                            Instant end, int capacity, int peakConcurrency, List<ConflictingEntry> entries) {
        this(conflictId, calendarId, type, level, start, end, capacity, peakConcurrency, entries, null, null, List.of(), null);
    }

    /** A conflict on a calendar, or of a resource (with {@code resourceId}): no linked pair. */
    public ConflictDetected(ConflictId conflictId, CalendarId calendarId, ConflictType type, ConflictLevel level, Instant start,
                            Instant end, int capacity, int peakConcurrency, List<ConflictingEntry> entries,
                            @Nullable ResourceId resourceId, @Nullable ResourceType resourceType, List<ConflictBooking> bookings) {
        this(conflictId, calendarId, type, level, start, end, capacity, peakConcurrency, entries, resourceId, resourceType, bookings,
                null);
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    public ConflictDetected {
        entries = List.copyOf(entries);
        // Absent (null) in events written before resources had conflicts.
        bookings = bookings == null ? List.of() : List.copyOf(bookings);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return conflictId.value();
    }
}

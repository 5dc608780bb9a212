package dev.almanac.conflicts.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.schedule.ResourceRole;

/**
 * What conflict detection needs to know about a resource: its type, which names a double booking's
 * kind and weight (SCH-011 to SCH-013). A resource holds one booking at a time, so two bookings
 * that overlap are a conflict, and so is a booking during a range the resource was marked unavailable.
 */
public record ResourceProfile(ResourceId id, ResourceType type) {

    /** A resource is booked by one entry at a time. */
    public static final int CAPACITY = 1;
    /** The title of an unavailable range marked without a reason. */
    static final String UNAVAILABLE = "unavailable";

    public ConflictType conflictType() {
        return switch (type) {
            case VENUE -> ConflictType.VENUE_CONFLICT;
            case STAFF -> ConflictType.STAFF_CONFLICT;
            case EQUIPMENT -> ConflictType.EQUIPMENT_CONFLICT;
            case OTHER -> ConflictType.RESOURCE_CONFLICT;
        };
    }

    /**
     * SCH-011: a venue is critical. SCH-012: staff is moderate if any of the clashing bookings has
     * them as primary, minor if every one has them as secondary. SCH-013: equipment is moderate, and
     * so is a resource of another type.
     */
    public ConflictLevel conflictLevel(Collection<ResourceRole> roles) {
        return switch (type) {
            case VENUE -> ConflictLevel.CRITICAL;
            case STAFF -> roles.contains(ResourceRole.PRIMARY) ? ConflictLevel.MODERATE : ConflictLevel.MINOR;
            case EQUIPMENT, OTHER -> ConflictLevel.MODERATE;
        };
    }

    /** The id of a double booking of this resource by a set of entries. */
    public ConflictId doubleBookingId(Collection<EntryKey> keys) {
        return CapacityBreaches.derive("resource-conflict", id.value(), keys);
    }

    /** The id of a booking's clash with the resource's unavailability; one per booking, whatever ranges it meets. */
    public ConflictId unavailabilityId(EntryKey key) {
        return CapacityBreaches.derive("resource-unavailable", id.value(), List.of(key));
    }

    /** Double bookings among {@code bookings}, ordered by the start of their window. */
    public List<Breach> doubleBookings(Collection<Booking> bookings) {
        return CapacityBreaches.find(this::doubleBookingId, CAPACITY, bookings.stream().map(Booking::entry).toList());
    }

    /**
     * The event that announces a double booking. Its calendar is that of its first entry (by key),
     * which is the same for as long as the set of entries, and so the id, is.
     *
     * @param bookings every booking of the breach's entries, by key
     */
    public ConflictDetected describe(Breach breach, Map<EntryKey, Booking> bookings) {
        List<Booking> involved = breach.entries().stream().map(entry -> bookings.get(entry.key())).toList();
        return new ConflictDetected(breach.id(), involved.get(0).calendarId(), conflictType(),
                conflictLevel(involved.stream().map(Booking::role).toList()), breach.window().start(), breach.window().end(),
                CAPACITY, breach.peakConcurrency(), breach.entries().stream().map(Entry::asConflicting).toList(), id, type,
                involved.stream().map(Booking::asConflicting).toList());
    }

    /**
     * A booking during ranges the resource was marked unavailable: one conflict whose window runs from
     * the first unavailable instant of the booking to the last, with the ranges it meets as entries of
     * kind unavailability (their start as id, their reason as title), after the booking's own.
     *
     * @param ranges the resource's unavailable ranges; those the booking does not overlap are ignored
     */
    public Optional<ConflictDetected> unavailability(Booking booking, Collection<UnavailableRange> ranges) {
        TimeRange time = booking.entry().time();
        List<UnavailableRange> met = ranges.stream().filter(range -> range.overlaps(time.start(), time.end()))
                .sorted((a, b) -> a.start().compareTo(b.start())).toList();
        if (met.isEmpty()) {
            return Optional.empty();
        }
        Instant from = later(time.start(), met.get(0).start());
        Instant till = earlier(time.end(), met.get(met.size() - 1).end());
        List<ConflictingEntry> entries = new ArrayList<>(met.size() + 1);
        entries.add(booking.entry().asConflicting());
        met.forEach(range -> entries.add(new ConflictingEntry(ConflictEntryKind.UNAVAILABILITY, range.start().toString(),
                title(range.reason()), range.start(), range.end())));
        return Optional.of(new ConflictDetected(unavailabilityId(booking.key()), booking.calendarId(), ConflictType.RESOURCE_UNAVAILABLE,
                conflictLevel(List.of(booking.role())), from, till, CAPACITY, 2, entries, id, type, List.of(booking.asConflicting())));
    }

    /** Why a conflict of this resource no longer holds. */
    public String noLongerHolds(ConflictDetected cleared) {
        return cleared.type() == ConflictType.RESOURCE_UNAVAILABLE
                ? "the booking no longer falls in a range where resource " + id + " is unavailable"
                : "resource " + id + " is no longer booked twice at once";
    }

    private static String title(@Nullable String reason) {
        return reason == null || reason.isBlank() ? UNAVAILABLE : reason;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

package dev.almanac.conflicts.resource;

import dev.almanac.conflicts.detection.Booking;

/**
 * A booking as the store holds it, and the aggregate version of the entry's change that put it
 * there. A released booking (its entry was cancelled, retracted or no longer books the resource) is
 * only a version guard: {@code booking} is the interval it left.
 */
public record StoredBooking(Booking booking, long version, boolean released) {
}

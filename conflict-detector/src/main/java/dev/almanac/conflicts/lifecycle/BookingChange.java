package dev.almanac.conflicts.lifecycle;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.events.calendar.ResourceId;

/**
 * What a calendar's change tells a resource: an entry now books it at {@code booking}'s interval, or
 * ({@code released}) no longer books it, having held that interval. The calendar's task sends it to
 * the task of the resource's partition; {@code version} is the entry's, so that the resource applies
 * each entry's changes once and in order. {@code cause} says what happened, for the reasons of
 * clearances ("item x was rescheduled").
 */
public record BookingChange(ResourceId resourceId, Booking booking, boolean released, long version, String cause) {
}

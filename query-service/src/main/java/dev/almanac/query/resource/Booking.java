package dev.almanac.query.resource;

import java.time.Instant;

import dev.almanac.query.readmodel.Versioned;

/**
 * An item's hold on a resource over {@code [start, end)}, as copied into every UTC day of the
 * resource it overlaps ({@link ResourceDay}), stamped with the item's version so that a newer copy
 * always wins. Only the interval: availability shows when a resource is booked, never by what.
 */
public record Booking(Instant start, Instant end, long version) implements Versioned {
}

package dev.almanac.query.availability;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.events.TimeRange;

/** A time when a calendar is full; it tells nothing of the entries that fill it. */
@Schema(name = "BusyInterval", description = "A half-open interval [start, end) during which the calendar is at capacity")
public record BusyInterval(
        @Schema(description = "Start, inclusive (UTC)", example = "2026-12-01T15:00:00Z") Instant start,
        @Schema(description = "End, exclusive (UTC)", example = "2026-12-01T16:00:00Z") Instant end) {

    static BusyInterval of(TimeRange range) {
        return new BusyInterval(range.start(), range.end());
    }
}

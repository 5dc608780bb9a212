package dev.almanac.query.availability;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** When a calendar is full in a range, and nothing else about its entries. */
@Schema(name = "FreeBusy")
public record FreeBusy(
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(description = "Range start, inclusive") Instant from,
        @Schema(description = "Range end, exclusive") Instant till,
        @Schema(description = "Merged intervals inside [from, till) during which the calendar is at capacity, by start; "
                + "the rest of the range is free") List<BusyInterval> busy) {
}

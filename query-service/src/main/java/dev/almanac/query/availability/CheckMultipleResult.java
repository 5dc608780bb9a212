package dev.almanac.query.availability;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The batch check's answer: one entry per calendar asked for, in the order asked. */
@Schema(name = "CheckMultipleResult")
public record CheckMultipleResult(
        @Schema(description = "Range start, inclusive") Instant from,
        @Schema(description = "Range end, exclusive") Instant till,
        @Schema(description = "The buffer applied, ISO-8601", example = "PT15M") String buffer,
        @Schema(description = "from minus the buffer: the start of the range that must be clear") Instant checkedFrom,
        @Schema(description = "till plus the buffer: the end of the range that must be clear") Instant checkedTill,
        @Schema(description = "One answer per calendar, in the order of calendar_ids") List<CalendarAvailability> calendars) {
}

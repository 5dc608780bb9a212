package dev.almanac.query.availability;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** One free slot, as instants and on the wall clock it was laid out on. */
@Schema(name = "FreeSlot")
public record FreeSlot(
        @Schema(description = "Start, inclusive (UTC)", example = "2026-12-01T15:00:00Z") Instant start,
        @Schema(description = "End, exclusive (UTC)", example = "2026-12-01T15:30:00Z") Instant end,
        @Schema(type = "string", format = "date-time", description = "The start on the requested wall clock, with its offset",
                example = "2026-12-01T10:00:00-05:00")
        OffsetDateTime localStart,
        @Schema(type = "string", format = "date-time", description = "The end on the requested wall clock, with its offset",
                example = "2026-12-01T10:30:00-05:00")
        OffsetDateTime localEnd) {
}

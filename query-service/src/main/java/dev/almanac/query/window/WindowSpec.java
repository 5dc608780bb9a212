package dev.almanac.query.window;

import java.time.Instant;
import java.time.ZoneId;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a schedule window covers: {@code [from, till)} bucketed by {@code granularity} in {@code timezone}. */
@Schema(name = "ScheduleWindowSpec", description = "The window as requested, with from and till normalised to UTC")
public record WindowSpec(
        @Schema(description = "Window start, inclusive", example = "2025-09-14T00:00:00Z") Instant from,
        @Schema(description = "Window end, exclusive", example = "2025-10-14T00:00:00Z") Instant till,
        @Schema(type = "string", description = "IANA zone whose local periods are the buckets", example = "America/New_York")
        ZoneId timezone,
        Granularity granularity) {

    public WindowSpec {
        if (!from.isBefore(till)) {
            throw new IllegalArgumentException("from " + from + " must be before till " + till);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(till);
    }
}

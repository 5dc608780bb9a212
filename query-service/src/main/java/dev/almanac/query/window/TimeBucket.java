package dev.almanac.query.window;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** F033-WINDOW's {@code TimeBucket}: the entries that start in one local period. */
@Schema(name = "TimeBucket", description = "Aggregated entries that start in one local period")
public record TimeBucket(
        @Schema(description = "Bucket start in UTC", example = "2025-09-14T04:00:00Z") Instant timestamp,
        @Schema(type = "string", format = "date-time", description = "Bucket start in the display zone, with its offset",
                example = "2025-09-14T00:00:00-04:00")
        OffsetDateTime localTime,
        @Schema(description = "Entries that start in this bucket", minimum = "0") long jobCount,
        @Schema(description = "Entries per queue (calendar id)") Map<String, Long> queues,
        @Schema(description = "job_count divided by the window's peak job_count; 0 for an empty window",
                minimum = "0", maximum = "1") double densityScore,
        @Schema(description = "Entries per type") Map<String, Long> jobTypes,
        @Schema(description = "Sum of the entries' durations, in seconds", minimum = "0") long estimatedDuration) {
}

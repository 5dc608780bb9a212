package dev.almanac.query.window;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** F033-WINDOW's window summary. */
@Schema(name = "ScheduleWindowSummary")
public record WindowSummary(
        @Schema(description = "Entries in the window", minimum = "0") long totalJobs,
        @Schema(description = "timestamp of the fullest bucket (the first, on a tie); absent when the window is empty")
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Instant peakDay,
        @Schema(description = "job_count of the fullest bucket", minimum = "0") long peakCount,
        @Schema(description = "total_jobs divided by the number of local days the window touches, rounded to 2 decimals",
                minimum = "0") double avgDaily) {
}

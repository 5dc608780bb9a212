package dev.almanac.query.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.config.DensityLevel;
import dev.almanac.query.entry.EntryView;

/** One local day of a calendar view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CalendarScheduleDay")
public record ScheduleDay(
        @Schema(type = "string", format = "date", example = "2026-12-01") LocalDate date,
        @Schema(description = "The day's first instant (UTC)") Instant from,
        @Schema(description = "The next day's first instant (UTC); 23 or 25 hours later on a DST day") Instant till,
        @Schema(description = "Entries that start on this day, as the window counts them") long jobCount,
        @Schema(description = "Entries that start on this day, per type") Map<String, Long> jobTypes,
        @Schema(description = "Sum of the durations of the entries that start on this day, in seconds") long estimatedDuration,
        @Schema(description = "Active conflicts whose overlap starts on this day: the day's badge") List<String> conflictIds,
        @Schema(description = "The day's density_score as /schedules/window answers it for this calendar, these days and "
                + "granularity=day: job_count divided by the busiest day's job_count of the period; 0 in a period without entries",
                minimum = "0", maximum = "1") double densityScore,
        @Schema(description = "The heatmap level of density_score by /calendar/config's view_settings.density_thresholds, whose "
                + "density_colors colour it; absent on a day without entries", allowableValues = {"low", "medium", "high", "critical"})
        @Nullable DensityLevel densityLevel,
        @Schema(description = "Every entry overlapping the day, by start and then id; one longer than a day is on each of its "
                + "days. Absent when the view was asked with entries=false")
        @Nullable List<EntryView> entries) {

    public ScheduleDay {
        // By name, not Map.copyOf's per-JVM order: the body's ETag must be the same on every replica.
        jobTypes = Collections.unmodifiableSortedMap(new TreeMap<>(jobTypes));
        conflictIds = List.copyOf(conflictIds);
        entries = entries == null ? null : List.copyOf(entries);
    }
}

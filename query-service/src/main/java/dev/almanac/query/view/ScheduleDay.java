package dev.almanac.query.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.query.entry.EntryView;

/** One local day of a calendar view. */
@Schema(name = "CalendarScheduleDay")
public record ScheduleDay(
        @Schema(type = "string", format = "date", example = "2026-12-01") LocalDate date,
        @Schema(description = "The day's first instant (UTC)") Instant from,
        @Schema(description = "The next day's first instant (UTC); 23 or 25 hours later on a DST day") Instant till,
        @Schema(description = "Entries that start on this day, as the window counts them") long jobCount,
        @Schema(description = "Entries that start on this day, per type") Map<String, Long> jobTypes,
        @Schema(description = "Sum of the durations of the entries that start on this day, in seconds") long estimatedDuration,
        @Schema(description = "Active conflicts whose overlap starts on this day: the day's badge") List<String> conflictIds,
        @Schema(description = "Every entry overlapping the day, by start and then id; one longer than a day is on each of its days")
        List<EntryView> entries) {

    public ScheduleDay {
        // By name, not Map.copyOf's per-JVM order: the body's ETag must be the same on every replica.
        jobTypes = Collections.unmodifiableSortedMap(new TreeMap<>(jobTypes));
        conflictIds = List.copyOf(conflictIds);
        entries = List.copyOf(entries);
    }
}

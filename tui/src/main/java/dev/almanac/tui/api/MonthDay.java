package dev.almanac.tui.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/** A local day of the monthly view: its counts per type, conflicts badge and heatmap level (absent when empty). */
public record MonthDay(LocalDate date, long jobCount, Map<String, Long> jobTypes, int conflicts, double densityScore,
                       @Nullable String densityLevel) {

    public MonthDay {
        jobTypes = new TreeMap<>(jobTypes);
    }
}

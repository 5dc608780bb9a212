package dev.almanac.query.window;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** F033-WINDOW's {@code ScheduleWindow}: every local period of the window with the entries that start in it. */
@Schema(name = "ScheduleWindow")
public record ScheduleWindow(WindowSpec window, List<TimeBucket> buckets, WindowSummary summary) {
}

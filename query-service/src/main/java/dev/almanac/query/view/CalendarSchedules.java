package dev.almanac.query.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;

import dev.almanac.events.TimeRange;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.ConflictView;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.run.RunState;
import dev.almanac.query.run.Runs;
import dev.almanac.query.window.Granularity;
import dev.almanac.query.window.ScheduleWindow;
import dev.almanac.query.window.ScheduleWindows;
import dev.almanac.query.window.TimeBucket;
import dev.almanac.query.window.WindowSpec;

/**
 * Builds a calendar view from three key-lookup reads side by side: the counts per local day from
 * the pre-aggregated window (so they stay exact when the entries are cut off), the entries from
 * the calendar's day documents, and the conflicts from its conflict days.
 */
@Component
public class CalendarSchedules {

    private final ScheduleWindows windows;
    private final CalendarDays calendarDays;
    private final ConflictLists conflicts;
    private final Runs runs;
    private final int maxEntries;

    /** @param maxEntries the most entries one view carries; by default seed 000's largest max_jobs_per_request, 10,000 */
    public CalendarSchedules(ScheduleWindows windows, CalendarDays calendarDays, ConflictLists conflicts, Runs runs,
                             @Value("${almanac.query.view-max-entries:10000}") int maxEntries) {
        this.windows = windows;
        this.calendarDays = calendarDays;
        this.conflicts = conflicts;
        this.runs = runs;
        this.maxEntries = maxEntries;
    }

    public Mono<CalendarSchedule> schedule(CalendarView calendar, ViewPeriod period) {
        Instant from = period.from();
        Instant till = period.till();
        Mono<ScheduleWindow> counts = windows.window(new WindowSpec(from, till, period.zone(), Granularity.DAY), calendar.id());
        Mono<List<EntryCopy>> entries = calendarDays.overlapping(calendar.id(), new TimeRange(from, till), null, maxEntries + 1);
        Mono<List<ConflictView>> active = conflicts.startingOn(calendar.id(), UtcSlots.daysOverlapping(from, till))
                .filter(conflict -> conflict.holds() && conflict.start() != null
                        && !conflict.start().isBefore(from) && conflict.start().isBefore(till))
                .collectList();
        Mono<Tuple2<List<EntryCopy>, Map<String, RunState>>> entriesAndRuns = entries.flatMap(copies -> runs.latestOf(
                copies.stream().limit(maxEntries).map(EntryCopy::id).collect(Collectors.toSet())).map(latest -> Tuples.of(copies, latest)));
        return Mono.zip(counts, entriesAndRuns, active).map(read -> build(calendar, period, read.getT1(), read.getT2().getT1(),
                read.getT2().getT2(), read.getT3()));
    }

    private CalendarSchedule build(CalendarView calendar, ViewPeriod period, ScheduleWindow counts, List<EntryCopy> read,
                                   Map<String, RunState> latestRuns, List<ConflictView> active) {
        boolean truncated = read.size() > maxEntries;
        List<EntryCopy> entries = truncated ? read.subList(0, maxEntries) : read;
        List<TimeBucket> buckets = counts.buckets();
        List<LocalDate> dates = period.days();
        List<ScheduleDay> days = new ArrayList<>(dates.size());
        for (int index = 0; index < dates.size(); index++) {
            LocalDate date = dates.get(index);
            Instant dayStart = period.startOf(date);
            Instant dayEnd = period.startOf(date.plusDays(1));
            TimeBucket bucket = buckets.get(index);
            if (!bucket.timestamp().equals(dayStart)) {
                throw new IllegalStateException("the window's day buckets do not line up with the view's days at " + date);
            }
            days.add(new ScheduleDay(date, dayStart, dayEnd, bucket.jobCount(), bucket.jobTypes() == null ? Map.of() : bucket.jobTypes(),
                    bucket.estimatedDuration(),
                    active.stream().filter(conflict -> !conflict.start().isBefore(dayStart) && conflict.start().isBefore(dayEnd))
                            .map(ConflictView::id).sorted().toList(),
                    entries.stream().filter(copy -> copy.overlaps(dayStart, dayEnd))
                            .map(copy -> copy.view(calendar.id(), period.zone()).withRun(latestRuns.get(copy.id()))).toList()));
        }
        return new CalendarSchedule(calendar.id(), period.kind(), period.zone(), period.from(), period.till(),
                counts.summary().totalJobs(), truncated, period.kind() == ViewKind.DAY ? CalendarSchedule.DisplayHours.DAY_VIEW : null,
                days);
    }
}

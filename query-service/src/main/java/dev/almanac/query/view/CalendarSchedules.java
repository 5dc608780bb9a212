package dev.almanac.query.view;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.events.TimeRange;
import dev.almanac.query.access.EntryDisclosure;
import dev.almanac.query.calendar.CalendarView;
import dev.almanac.query.config.CalendarConfiguration;
import dev.almanac.query.config.CalendarSettings;
import dev.almanac.query.conflict.ConflictLists;
import dev.almanac.query.conflict.ConflictView;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.run.HeartbeatReports.HeartbeatBeat;
import dev.almanac.query.run.LatestRun;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.query.run.Runs;
import dev.almanac.query.window.Granularity;
import dev.almanac.query.window.ScheduleWindow;
import dev.almanac.query.window.ScheduleWindows;
import dev.almanac.query.window.TimeBucket;
import dev.almanac.query.window.WindowSpec;

/**
 * Builds a calendar view from key-lookup reads side by side: the counts per local day from the
 * pre-aggregated window (so they stay exact when the entries are cut off), the stored entries (items,
 * backfill and catch-up runs) from the calendar's day documents, the conflicts from its conflict days,
 * and the rules' snapshot (ADR 0068), whose timelines give the rule occurrences and whose rules give
 * those a pause or disable holds back; then the latest runs of the entries listed. Every
 * entry carries its run-state overlay ({@link RunOverlay}). A view without entries reads only the
 * window and the conflict days. Each day's density level is the window's score for it placed by the
 * configured thresholds ({@link CalendarConfiguration.DensityThresholds#levelOf}), so a heatmap needs no second read.
 */
@Component
public class CalendarSchedules {

    private final ScheduleWindows windows;
    private final CalendarDays calendarDays;
    private final ConflictLists conflicts;
    private final Runs runs;
    private final RuleTimelines ruleTimelines;
    private final CalendarConfiguration.DensityThresholds thresholds;
    private final Clock clock;
    private final int maxEntries;

    /**
     * @param clock      tells which rules are paused now: a pause whose resume_after has passed is over
     * @param maxEntries the most entries one view carries; by default F033-LIMIT-JOBS's largest max_jobs_per_request, 10,000
     */
    public CalendarSchedules(ScheduleWindows windows, CalendarDays calendarDays, ConflictLists conflicts, Runs runs,
                             RuleTimelines ruleTimelines, CalendarSettings settings, ObjectProvider<Clock> clock,
                             @Value("${almanac.query.view-max-entries:10000}") int maxEntries) {
        this.windows = windows;
        this.calendarDays = calendarDays;
        this.conflicts = conflicts;
        this.runs = runs;
        this.ruleTimelines = ruleTimelines;
        this.thresholds = settings.densityThresholds();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.maxEntries = maxEntries;
    }

    /**
     * @param withEntries whether each day lists its entries; without, the counts, badges and density levels are the same
     * @param shown       whether the caller may read a calendar: a resource conflict of another calendar's is badged only
     *                    when they may read that calendar, so that no id of a hidden calendar's is shown (ADR 0086)
     */
    public Mono<CalendarSchedule> schedule(CalendarView calendar, ViewPeriod period, boolean withEntries,
                                           Function<String, Mono<Boolean>> shown) {
        return schedule(calendar, period, withEntries, shown, EntryDisclosure.inFull());
    }

    /**
     * As {@link #schedule(CalendarView, ViewPeriod, boolean, Function)}, each entry as {@code disclosure} shows it to the
     * caller (ADR 0096); to a caller who sees only when the calendar is busy, the days count no types and badge no conflicts.
     */
    public Mono<CalendarSchedule> schedule(CalendarView calendar, ViewPeriod period, boolean withEntries,
                                           Function<String, Mono<Boolean>> shown, EntryDisclosure disclosure) {
        Instant from = period.from();
        Instant till = period.till();
        Mono<ScheduleWindow> counts = windows.window(new WindowSpec(from, till, period.zone(), Granularity.DAY), calendar.id());
        Mono<List<ConflictView>> active = conflicts.startingOn(calendar.id(), UtcSlots.daysOverlapping(from, till))
                .filter(conflict -> conflict.holds() && conflict.start() != null
                        && !conflict.start().isBefore(from) && conflict.start().isBefore(till))
                .filterWhen(conflict -> conflict.calendarId().equals(calendar.id()) ? Mono.just(true) : shown.apply(conflict.calendarId()))
                .collectList();
        if (!withEntries) {
            return Mono.zip(counts, active).map(read -> build(calendar, period, read.getT1(), null, read.getT2(), disclosure));
        }
        return Mono.zip(counts, listed(calendar, from, till), active)
                .map(read -> build(calendar, period, read.getT1(), read.getT2(), read.getT3(), disclosure));
    }

    /** The entries overlapping {@code [from, till)}, stored and computed, with their latest runs. */
    private Mono<Listed> listed(CalendarView calendar, Instant from, Instant till) {
        Mono<List<EntryCopy>> stored = calendarDays.overlapping(calendar.id(), new TimeRange(from, till), null, maxEntries + 1);
        return Mono.zip(stored, ruleTimelines.snapshot()).flatMap(read -> {
            Instant now = clock.instant();
            CalendarRules rules = CalendarRules.of(read.getT2(), calendar.id(), now);
            List<EntryCopy> entries = merged(read.getT1(), computed(read.getT2(), rules, calendar.id(), from, till));
            // Every entry the view carries: an executor or an operator may report a run of any, and a missed run of any that
            // started; computed occurrences have them as stored ones do.
            List<EntryCopy> carried = entries.stream().limit(maxEntries).toList();
            Set<String> withRuns = carried.stream().map(EntryCopy::id).collect(Collectors.toSet());
            List<HeartbeatBeat> beats = carried.stream().map(copy -> rules.beatOf(copy, calendar.id())).filter(Objects::nonNull).toList();
            return runs.latestOf(withRuns, beats).map(latest -> new Listed(entries, latest, rules));
        });
    }

    /**
     * The rule occurrences that overlap the period, computed from the rules' timelines (ADR 0068), and those the rules hold
     * back, each list in (start, id) order and cut after one more than a view carries.
     */
    private List<EntryCopy> computed(RuleTimelines.Snapshot snapshot, CalendarRules rules, String calendarId, Instant from, Instant till) {
        List<EntryCopy> occurrences = snapshot.copiesOverlapping(from, till, calendarId, null, null, maxEntries + 1);
        return merged(occurrences, rules.heldBackOverlapping(from, till, maxEntries + 1));
    }

    /** Both lists merged in (start, id) order, each id once (a stored copy first), cut after one more than a view carries. */
    private List<EntryCopy> merged(List<EntryCopy> first, List<EntryCopy> second) {
        List<EntryCopy> merged = EntryCopy.mergedById(first, second);
        return merged.size() > maxEntries + 1 ? List.copyOf(merged.subList(0, maxEntries + 1)) : merged;
    }

    /** @param listed the entries, or null for a view without them */
    private CalendarSchedule build(CalendarView calendar, ViewPeriod period, ScheduleWindow counts, @Nullable Listed listed,
                                   List<ConflictView> shownConflicts, EntryDisclosure disclosure) {
        boolean onlyBusy = disclosure.onlyBusy(calendar.id());
        List<ConflictView> active = onlyBusy ? List.of() : shownConflicts;
        List<EntryCopy> read = listed == null ? List.of() : listed.entries();
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
            days.add(new ScheduleDay(date, dayStart, dayEnd, bucket.jobCount(),
                    bucket.jobTypes() == null || onlyBusy ? Map.of() : bucket.jobTypes(),
                    bucket.estimatedDuration(),
                    active.stream().filter(conflict -> !conflict.start().isBefore(dayStart) && conflict.start().isBefore(dayEnd))
                            .map(ConflictView::id).sorted().toList(),
                    bucket.densityScore(), thresholds.levelOf(bucket.jobCount(), bucket.densityScore()),
                    listed == null ? null : listed.views(entries, dayStart, dayEnd, calendar.id(), period.zone(), disclosure)));
        }
        return new CalendarSchedule(calendar.id(), period.kind(), period.zone(), period.from(), period.till(),
                counts.summary().totalJobs(), truncated, period.kind() == ViewKind.DAY ? CalendarSchedule.DisplayHours.DAY_VIEW : null,
                days);
    }

    /** The entries a view lists, in (start, id) order and one more than it carries at most, the latest runs of those on the calendar's days, and the calendar's rules. */
    private record Listed(List<EntryCopy> entries, Map<String, LatestRun> latestRuns, CalendarRules rules) {

        /** Those of {@code carried} that overlap {@code [from, till)}, each with its run-state overlay. */
        List<EntryView> views(List<EntryCopy> carried, Instant from, Instant till, String calendarId, ZoneId zone,
                              EntryDisclosure disclosure) {
            return carried.stream().filter(copy -> copy.overlaps(from, till)).map(copy -> {
                LatestRun latest = latestRuns.getOrDefault(copy.id(), LatestRun.NONE);
                return disclosure.shown(copy, copy.view(calendarId, zone)
                        .withOverlay(latest.shownRun(), latest.dispatch(), latest.overlay(rules.heldBack(copy))));
            }).toList();
        }
    }
}

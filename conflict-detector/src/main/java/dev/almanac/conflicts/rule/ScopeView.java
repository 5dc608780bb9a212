package dev.almanac.conflicts.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.detection.Booking;
import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.Intervals;
import dev.almanac.events.TimeRange;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * The rule occurrences of one calendar or resource, as detection asks for them: those of its rules that start before
 * the horizon, in-series and moved, never backfill runs (they are entries of their own) nor a heartbeat's beats
 * (ADR 0073). Intervals come first and cheaply; entries and bookings, with their ids, only for the stretches where
 * something may breach.
 */
public final class ScopeView {

    /** A scope without rules. */
    public static final ScopeView NONE = new ScopeView(null, null);

    private final @Nullable ScopeRules rules;
    private final @Nullable DetectionWindow window;

    ScopeView(@Nullable ScopeRules rules, @Nullable DetectionWindow window) {
        this.rules = rules;
        this.window = window;
    }

    /** Whether no rule of the scope can have an occurrence on it. */
    public boolean isEmpty() {
        return rules == null || window == null || rules.all().stream().noneMatch(RuleOnScope::mayOccur);
    }

    /** The window, for a scope with rules. */
    public DetectionWindow window() {
        if (window == null) {
            throw new IllegalStateException("a scope without rules has no window");
        }
        return window;
    }

    /** At most how many of the scope's rule occurrences overlap at any instant of the window: the sum of each rule's own most. */
    public int concurrencyBound() {
        if (isEmpty()) {
            return 0;
        }
        int bound = 0;
        for (RuleOnScope rule : rules.all()) {
            bound += rule.selfConcurrency(window);
        }
        return bound;
    }

    /**
     * At most how many stored entries (or bookings) overlap at any instant from the window's start on: {@code count}
     * gives how many meet that stretch, asked once and then kept, grown by one with each that arrives.
     */
    public int storedBound(IntSupplier count) {
        if (rules == null) {
            return count.getAsInt();
        }
        if (rules.storedBound() < 0) {
            rules.storedBound(count.getAsInt());
        }
        return rules.storedBound();
    }

    /** Keeps the occurrences of every rule of the scope over the window from now on, so that sweeps read arrays. */
    public void sweep() {
        if (isEmpty()) {
            return;
        }
        for (RuleOnScope rule : rules.all()) {
            rule.retain(window);
        }
        rules.markSwept();
    }

    /** Adds the interval of every occurrence that meets the closed range {@code [range.start, range.end]}. */
    public void addIntervalsMeeting(TimeRange range, Intervals into) {
        forEachMeeting(range.start().toEpochMilli(), range.end().toEpochMilli(), new RuleOnScope.OccurrenceSink() {
            @Override
            public void held(ScopeOccurrences occurrences, int index) {
                into.add(occurrences.start(index), occurrences.end(index));
            }

            @Override
            public void computed(TimelineOccurrence occurrence) {
                into.add(occurrence.start().toEpochMilli(), occurrence.end().toEpochMilli());
            }
        });
    }

    /** Adds the interval of every occurrence that starts before the horizon, the rules' whole history. */
    public void addAllIntervals(Intervals into) {
        forEachMeeting(Long.MIN_VALUE, Long.MAX_VALUE, new RuleOnScope.OccurrenceSink() {
            @Override
            public void held(ScopeOccurrences occurrences, int index) {
                into.add(occurrences.start(index), occurrences.end(index));
            }

            @Override
            public void computed(TimelineOccurrence occurrence) {
                into.add(occurrence.start().toEpochMilli(), occurrence.end().toEpochMilli());
            }
        });
    }

    /** The occurrences that meet the closed range, as entries of the calendar. */
    public List<Entry> entriesMeeting(TimeRange range) {
        List<Entry> found = new ArrayList<>();
        forEachMeeting(range.start().toEpochMilli(), range.end().toEpochMilli(), new RuleOnScope.OccurrenceSink() {
            @Override
            public void held(ScopeOccurrences occurrences, int index) {
                found.add(occurrences.entry(index));
            }

            @Override
            public void computed(TimelineOccurrence occurrence) {
                found.add(entry(occurrence));
            }
        });
        return found;
    }

    /** The occurrences that meet the closed range, as bookings of the resource. */
    public List<Booking> bookingsMeeting(TimeRange range) {
        List<Booking> found = new ArrayList<>();
        forEachMeeting(range.start().toEpochMilli(), range.end().toEpochMilli(), new RuleOnScope.OccurrenceSink() {
            @Override
            public void held(ScopeOccurrences occurrences, int index) {
                found.add(occurrences.booking(index));
            }

            @Override
            public void computed(TimelineOccurrence occurrence) {
                TimelineDefinition definition = occurrence.definition();
                RuleScope scope = rules.scope();
                found.add(new Booking(entry(occurrence), definition.calendarId(), scope.role(definition)
                        .orElseThrow(() -> new IllegalStateException(scope + " is not booked by " + occurrence.id()))));
            }
        });
        return found;
    }

    private void forEachMeeting(long from, long to, RuleOnScope.OccurrenceSink sink) {
        if (isEmpty()) {
            return;
        }
        for (RuleOnScope rule : rules.all()) {
            rule.forEachMeeting(from, to, window, sink);
        }
    }

    private static Entry entry(TimelineOccurrence occurrence) {
        return Entry.occurrence(occurrence.id().value(), occurrence.occurrence().ruleId().value(), occurrence.definition().title(),
                new TimeRange(Instant.ofEpochMilli(occurrence.start().toEpochMilli()), Instant.ofEpochMilli(occurrence.end().toEpochMilli())));
    }
}

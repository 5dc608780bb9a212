package dev.almanac.conflicts.rule;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.events.TimeRange;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineDefinition;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * A rule as one scope holds it: its timeline (null while it has none: no creation seen, or one rule-expander cannot
 * expand), the longest its occurrences on the scope last, how many of them can overlap, and, once the scope is
 * swept for breaches, its occurrences over the window. All but the timeline are derived and computed when first
 * needed; a change of the rule replaces the whole value.
 */
final class RuleOnScope {

    /** Keeps the occurrences of retained arrays at most this long before the window's start, then drops them. */
    private static final long TRIM_SLACK_MILLIS = 7L * 24 * 3600 * 1000;

    private final RuleId ruleId;
    private final RuleScope scope;
    private final @Nullable RuleTimeline timeline;
    private final long longestMillis;
    private int selfConcurrency = -1;
    private @Nullable ScopeOccurrences occurrences;

    private RuleOnScope(RuleId ruleId, RuleScope scope, @Nullable RuleTimeline timeline) {
        this.ruleId = ruleId;
        this.scope = scope;
        this.timeline = timeline;
        long longest = 0;
        if (timeline != null) {
            for (TimelineDefinition definition : timeline.definitions()) {
                if (scope.holds(definition)) {
                    longest = Math.max(longest, definition.spec().duration().toMillis());
                }
            }
        }
        this.longestMillis = longest;
    }

    static RuleOnScope of(RuleId ruleId, RuleScope scope, @Nullable RuleTimeline timeline) {
        return new RuleOnScope(ruleId, scope, timeline);
    }

    RuleId ruleId() {
        return ruleId;
    }

    @Nullable RuleTimeline timeline() {
        return timeline;
    }

    /** Whether it may have an occurrence on the scope at all. */
    boolean mayOccur() {
        return timeline != null && longestMillis > 0;
    }

    /** Its occurrences on the scope starting in the window: the retained ones brought up to it, or computed now. */
    ScopeOccurrences over(DetectionWindow window) {
        long since = window.sinceMillis();
        long horizon = window.horizonMillis();
        if (!mayOccur()) {
            return ScopeOccurrences.none(ruleId, scope, since, horizon);
        }
        if (occurrences != null) {
            return bringUpTo(window).between(since, horizon);
        }
        return ScopeOccurrences.expand(timeline, scope, since, horizon);
    }

    /** The occurrences over the window, kept from now on: the scope is swept. */
    void retain(DetectionWindow window) {
        if (occurrences == null && mayOccur()) {
            occurrences = ScopeOccurrences.expand(timeline, scope, window.sinceMillis(), window.horizonMillis());
        }
    }

    /** Keeps {@code computed}, the occurrences over the window just computed. */
    void retain(ScopeOccurrences computed) {
        occurrences = computed;
    }

    boolean retained() {
        return occurrences != null;
    }

    /** How many of its occurrences overlap at most, over the window; computed once, then raised as the window moves. */
    int selfConcurrency(DetectionWindow window) {
        if (selfConcurrency < 0) {
            selfConcurrency = over(window).maxConcurrency();
        }
        return selfConcurrency;
    }

    void knowSelfConcurrency(int most) {
        selfConcurrency = most;
    }

    /**
     * The window moved from {@code before} to {@code after}: the occurrences starting in between are new to
     * detection. Adds their intervals to {@code arriving}, raises the bound of overlaps by theirs (with the earlier
     * occurrences that reach into them) and brings retained occurrences up to the new window.
     */
    void advance(DetectionWindow before, DetectionWindow after, List<TimeRange> arriving) {
        if (!mayOccur()) {
            return;
        }
        long from = before.horizonMillis();
        ScopeOccurrences slice = ScopeOccurrences.expand(timeline, scope, OrderedKey.earlier(from, longestMillis), after.horizonMillis());
        for (int index = slice.firstStartingFrom(from); index < slice.size(); index++) {
            arriving.add(slice.interval(index));
        }
        if (selfConcurrency >= 0) {
            selfConcurrency = Math.max(selfConcurrency, slice.maxConcurrency());
        }
        if (occurrences != null) {
            bringUpTo(after);
        }
    }

    /**
     * Calls {@code sink} with each occurrence on the scope that meets the closed range {@code [from, to]} and starts
     * before the horizon: from retained arrays where they reach, computed from the timeline before them.
     */
    void forEachMeeting(long from, long to, DetectionWindow window, OccurrenceSink sink) {
        if (!mayOccur()) {
            return;
        }
        long horizon = window.horizonMillis();
        long startsFrom = OrderedKey.earlier(from, longestMillis);
        long startsBefore = Math.min(to == Long.MAX_VALUE ? to : to + 1, horizon);
        if (startsFrom >= startsBefore) {
            return;
        }
        ScopeOccurrences held = occurrences == null ? null : bringUpTo(window);
        long computedUntil = held == null ? startsBefore : Math.min(startsBefore, held.from());
        if (startsFrom < computedUntil) {
            ScopeOccurrences.forEachOnScope(timeline, scope, startsFrom, computedUntil, occurrence -> {
                if (occurrence.end().toEpochMilli() >= from) {
                    sink.computed(occurrence);
                }
            });
        }
        if (held != null && startsBefore > held.from()) {
            held.forEachMeeting(from, to, index -> {
                if (held.start(index) < horizon) {
                    sink.held(held, index);
                }
            });
        }
    }

    private ScopeOccurrences bringUpTo(DetectionWindow window) {
        ScopeOccurrences held = occurrences;
        if (held.till() < window.horizonMillis()) {
            held = held.extendedTo(timeline, window.horizonMillis());
        }
        if (held.from() < window.sinceMillis() - TRIM_SLACK_MILLIS) {
            held = held.startingFrom(window.sinceMillis());
        }
        occurrences = held;
        return held;
    }

    /** Where {@link #forEachMeeting} puts what it finds: an occurrence held in arrays, or one computed from the timeline. */
    interface OccurrenceSink {

        void held(ScopeOccurrences occurrences, int index);

        void computed(TimelineOccurrence occurrence);
    }
}

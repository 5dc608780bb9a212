package dev.almanac.conflicts.rule;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.recurrence.timeline.RuleTimeline;

/**
 * The rules of one partition's calendars and resources: their events in {@link ScopeRuleStore}, their timelines and
 * occurrences in the task's {@link RuleOccurrenceCache}, loaded from the store the first time a scope is asked for.
 * A rule event is stored, folded into the scope's timeline of the rule, and answered with what it changed; the
 * horizon moves on with the wall clock. Like the stores, the cache takes a record's changes only if the record
 * succeeds: {@link #discard} undoes them.
 */
public final class RuleBook implements RuleOccurrences {

    private final RuleOccurrenceCache cache;
    private final ScopeRuleStore store;
    private final EventCodec codec;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    public RuleBook(RuleOccurrenceCache cache, ScopeRuleStore store, EventCodec codec) {
        this.cache = cache;
        this.store = store;
        this.codec = codec;
    }

    /** The window rule occurrences are detected in; empty while the partition has never held a rule. */
    public Optional<DetectionWindow> window() {
        if (!cache.windowRead()) {
            cache.window(store.horizon().map(DetectionWindow::endingAt).orElse(null));
        }
        return Optional.ofNullable(cache.window());
    }

    @Override
    public ScopeView calendar(CalendarId calendarId) {
        return view(RuleScope.of(calendarId));
    }

    @Override
    public ScopeView resource(ResourceId resourceId) {
        return view(RuleScope.of(resourceId));
    }

    @Override
    public void storedOneMore(RuleScope scope) {
        ScopeRules rules = cache.scopes().get(scope);
        if (rules != null) {
            rules.storedOneMore();
        }
    }

    private ScopeView view(RuleScope scope) {
        Optional<DetectionWindow> window = window();
        if (window.isEmpty()) {
            return ScopeView.NONE;
        }
        ScopeRules rules = scope(scope);
        return rules.isEmpty() ? ScopeView.NONE : new ScopeView(rules, window.get());
    }

    /**
     * Stores {@code event} (version {@code version} of rule {@code ruleId}) for {@code scope} and folds it into the
     * scope's timeline of the rule. The first rule event of the partition sets the window from {@code now}.
     *
     * @return what it changed; a duplicate if the scope already had this version
     */
    public RuleChange apply(RuleScope scope, RuleId ruleId, long version, RawEvent raw, RuleEvent event, EventMetadata envelope,
                            Instant now) {
        // The scope is read before the event is staged, so that what the cache holds was committed.
        ScopeRules rules = scope(scope);
        if (store.has(scope, ruleId, version)) {
            return RuleChange.duplicate(scope, ruleId);
        }
        DetectionWindow window = window().orElseGet(() -> startWindow(now));
        RuleOnScope before = rules.get(ruleId);
        RuleTimeline previous = before == null ? null : before.timeline();
        store.put(scope, ruleId, version, raw);
        RuleTimeline timeline = previous == null || version > previous.version()
                ? RuleTimeline.next(previous, event, envelope)
                // An older version arriving late: the timeline is folded again from every event, in version order.
                : fold(ruleId, store.of(scope, ruleId));
        RuleOnScope after = RuleOnScope.of(ruleId, scope, timeline);
        ScopeOccurrences occurrences = after.over(window);
        after.knowSelfConcurrency(occurrences.maxConcurrency());
        if (rules.swept()) {
            after.retain(occurrences);
        }
        RuleOnScope replaced = rules.put(after);
        undo.push(() -> rules.restore(ruleId, replaced));
        return RuleChange.of(scope, ruleId, before, occurrences, window);
    }

    /** Every scope of the partition that holds a rule. */
    public List<RuleScope> scopes() {
        return List.copyOf(store.scopes());
    }

    /**
     * Moves the horizon on to {@code horizon}, if that is later: the occurrences that start between the two are
     * new to detection.
     *
     * @return the intervals of those occurrences, by scope; empty if the horizon did not move
     */
    public Map<RuleScope, List<TimeRange>> advanceTo(Instant horizon) {
        Optional<DetectionWindow> current = window();
        if (current.isEmpty() || !horizon.isAfter(current.get().horizon())) {
            return Map.of();
        }
        DetectionWindow before = current.get();
        DetectionWindow after = DetectionWindow.endingAt(horizon);
        store.saveHorizon(horizon);
        setWindow(after);
        Map<RuleScope, List<TimeRange>> arriving = new LinkedHashMap<>();
        for (RuleScope scope : store.scopes()) {
            ScopeRules rules = scope(scope);
            List<TimeRange> intervals = new ArrayList<>();
            for (RuleOnScope rule : rules.all()) {
                rule.advance(before, after, intervals);
            }
            // Entries that ended before the new window no longer count: the bound is counted afresh when next needed.
            rules.storedBound(-1);
            if (!intervals.isEmpty()) {
                arriving.put(scope, intervals);
            }
        }
        return arriving;
    }

    /** The record's changes stay. */
    public void commit() {
        undo.clear();
    }

    /** The record's changes are undone, last first. */
    public void discard() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    private DetectionWindow startWindow(Instant now) {
        Instant horizon = DetectionWindow.horizonAt(now);
        store.saveHorizon(horizon);
        DetectionWindow window = DetectionWindow.endingAt(horizon);
        setWindow(window);
        return window;
    }

    private void setWindow(DetectionWindow window) {
        DetectionWindow previous = cache.window();
        boolean wasRead = cache.windowRead();
        cache.window(window);
        undo.push(() -> {
            if (wasRead) {
                cache.window(previous);
            } else {
                cache.forgetWindow();
            }
        });
    }

    private ScopeRules scope(RuleScope scope) {
        ScopeRules rules = cache.scopes().get(scope);
        if (rules == null) {
            rules = load(scope);
            cache.scopes().put(scope, rules);
        }
        return rules;
    }

    private ScopeRules load(RuleScope scope) {
        ScopeRules rules = new ScopeRules(scope);
        store.ofScope(scope).forEach((ruleId, events) -> rules.put(RuleOnScope.of(ruleId, scope, fold(ruleId, events))));
        return rules;
    }

    /** The timeline of a rule's events, in version order; null if they never start one. */
    private @Nullable RuleTimeline fold(RuleId ruleId, List<RawEvent> events) {
        RuleTimeline timeline = null;
        for (RawEvent raw : events) {
            ReceivedEvent received = codec.fromRecord(raw.asConsumed(ruleId.value()));
            if (received.event() instanceof RuleEvent event) {
                timeline = RuleTimeline.next(timeline, event, received.metadata());
            }
        }
        return timeline;
    }
}

package dev.almanac.conflicts.rule;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.rule.RuleId;

/**
 * What one rule event did to one scope's occurrences: nothing (a duplicate), or a change whose
 * {@linkplain #changedIntervals() changed intervals} are computed only if detection asks, by comparing the rule's
 * occurrences over the window before and after.
 */
public final class RuleChange {

    private final RuleScope scope;
    private final RuleId ruleId;
    private final @Nullable RuleOnScope before;
    private final @Nullable ScopeOccurrences after;
    private final @Nullable DetectionWindow window;

    private RuleChange(RuleScope scope, RuleId ruleId, @Nullable RuleOnScope before, @Nullable ScopeOccurrences after,
                       @Nullable DetectionWindow window) {
        this.scope = scope;
        this.ruleId = ruleId;
        this.before = before;
        this.after = after;
        this.window = window;
    }

    static RuleChange duplicate(RuleScope scope, RuleId ruleId) {
        return new RuleChange(scope, ruleId, null, null, null);
    }

    static RuleChange of(RuleScope scope, RuleId ruleId, @Nullable RuleOnScope before, ScopeOccurrences after, DetectionWindow window) {
        return new RuleChange(scope, ruleId, before, after, window);
    }

    public RuleScope scope() {
        return scope;
    }

    public RuleId ruleId() {
        return ruleId;
    }

    /** Whether the scope had this event of the rule already: nothing changed. */
    public boolean duplicate() {
        return after == null;
    }

    /**
     * The interval of every occurrence in the window that the event added, withdrew, moved or changed: where it was
     * and where it is. Empty for a duplicate.
     */
    public List<TimeRange> changedIntervals() {
        List<TimeRange> changed = new ArrayList<>();
        if (after == null || window == null) {
            return changed;
        }
        ScopeOccurrences previous = before == null ? ScopeOccurrences.none(ruleId, scope, window.sinceMillis(), window.horizonMillis())
                : before.over(window);
        ScopeOccurrences.differences(previous, after, changed);
        return changed;
    }
}

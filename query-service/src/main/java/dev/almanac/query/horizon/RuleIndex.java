package dev.almanac.query.horizon;

import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Every recurring rule query-service has seen, with the rule version it holds and where the rule's
 * materialised occurrences end: the latest resolved instant of an occurrence rule-expander
 * published for it. rule-expander publishes a rule's occurrences in order of resolved instant and
 * leaves no gap (each pass continues where the last one covered to), so every occurrence resolving
 * at or before that instant is materialised, and every one after it is not yet. The read side
 * reads this one document to learn which rules to compute beyond their horizon, and its revision
 * tells when anything about them changed.
 *
 * <p>Derived, newest-wins per field: the version only goes up, the boundary only goes later, so
 * applying the same rule state or occurrence again, late or twice, changes nothing.
 */
public record RuleIndex(String id, SortedMap<String, Indexed> rules) {

    /** The one index document: all rules. */
    public static final String ALL = "*";

    public RuleIndex {
        rules = Collections.unmodifiableSortedMap(new TreeMap<>(rules));
    }

    public static RuleIndex emptyOf(String id) {
        return new RuleIndex(id, new TreeMap<>());
    }

    /** The index with the rule at {@code version} on {@code calendarId}, unless it holds a newer version already. */
    public RuleIndex withRule(String ruleId, long version, @Nullable String calendarId) {
        Indexed before = rules.getOrDefault(ruleId, Indexed.UNSEEN);
        if (before.version() >= version) {
            return this;
        }
        return with(ruleId, new Indexed(version, calendarId, before.materialisedThrough()));
    }

    /** The index with an occurrence of the rule materialised at {@code resolvedAt}; the boundary never moves back. */
    public RuleIndex withMaterialised(String ruleId, Instant resolvedAt) {
        Indexed before = rules.getOrDefault(ruleId, Indexed.UNSEEN);
        if (before.materialisedThrough() != null && !resolvedAt.isAfter(before.materialisedThrough())) {
            return this;
        }
        return with(ruleId, new Indexed(before.version(), before.calendarId(), resolvedAt));
    }

    private RuleIndex with(String ruleId, Indexed indexed) {
        TreeMap<String, Indexed> updated = new TreeMap<>(rules);
        updated.put(ruleId, indexed);
        return new RuleIndex(id, updated);
    }

    /**
     * One rule as the index knows it.
     *
     * @param version             the rule version last projected, -1 while only occurrences of it were seen
     * @param calendarId          the rule's queue, once the rule was seen
     * @param materialisedThrough the latest resolved instant materialised, null before the first occurrence
     */
    public record Indexed(long version, @Nullable String calendarId, @Nullable Instant materialisedThrough) {

        static final Indexed UNSEEN = new Indexed(-1, null, null);
    }
}

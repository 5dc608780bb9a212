package dev.almanac.query.occurrence;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Every recurring rule query-service holds, with the version it holds and the rule's queue. The read
 * side reads this one document to learn which rules changed, by their versions, and its revision
 * tells when anything about any rule did: then only the rules whose version moved are read again and
 * their timelines folded on (ADR 0068).
 *
 * <p>Derived, newest-wins per rule: the version only goes up, so applying the same rule state again,
 * late or twice, changes nothing.
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

    /** The index with the rule at {@code version} on {@code calendarId}, unless it holds that version or a newer one already. */
    public RuleIndex withRule(String ruleId, long version, @Nullable String calendarId) {
        return withRules(Map.of(ruleId, new Indexed(version, calendarId)));
    }

    /**
     * The index with each of these rules, unless it holds that version of it or a newer one: one copy of the index for a
     * whole batch, where one per rule made a batch of 500 rules on an index of 10,000 copy five million entries.
     */
    public RuleIndex withRules(Map<String, Indexed> changed) {
        TreeMap<String, Indexed> updated = null;
        for (Map.Entry<String, Indexed> rule : changed.entrySet()) {
            Indexed before = rules.get(rule.getKey());
            if (before != null && before.version() >= rule.getValue().version()) {
                continue;
            }
            if (updated == null) {
                updated = new TreeMap<>(rules);
            }
            updated.put(rule.getKey(), rule.getValue());
        }
        return updated == null ? this : new RuleIndex(id, updated);
    }

    /**
     * One rule as the index knows it.
     *
     * @param version    the rule version last projected
     * @param calendarId the rule's queue, once its creation was seen
     */
    public record Indexed(long version, @Nullable String calendarId) {
    }
}

package dev.almanac.query.occurrence;

import java.util.Collections;
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
        Indexed before = rules.get(ruleId);
        if (before != null && before.version() >= version) {
            return this;
        }
        TreeMap<String, Indexed> updated = new TreeMap<>(rules);
        updated.put(ruleId, new Indexed(version, calendarId));
        return new RuleIndex(id, updated);
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

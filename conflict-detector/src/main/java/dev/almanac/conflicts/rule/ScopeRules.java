package dev.almanac.conflicts.rule;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.RuleId;

/**
 * The rules one calendar or resource holds, in memory, and what is known of them as a whole: whether the scope is
 * swept (its rules' occurrences are kept in arrays for sweeps), and a bound on how many stored entries or bookings
 * can overlap from the window's start on. Derived from the partition's stores; rebuilt after every restart.
 */
final class ScopeRules {

    private final RuleScope scope;
    private final Map<RuleId, RuleOnScope> rules = new LinkedHashMap<>();
    private boolean swept;
    private int storedBound = -1;

    ScopeRules(RuleScope scope) {
        this.scope = scope;
    }

    RuleScope scope() {
        return scope;
    }

    @Nullable RuleOnScope get(RuleId ruleId) {
        return rules.get(ruleId);
    }

    /** @return the value it replaced */
    @Nullable RuleOnScope put(RuleOnScope rule) {
        return rules.put(rule.ruleId(), rule);
    }

    void restore(RuleId ruleId, @Nullable RuleOnScope previous) {
        if (previous == null) {
            rules.remove(ruleId);
        } else {
            rules.put(ruleId, previous);
        }
    }

    Collection<RuleOnScope> all() {
        return rules.values();
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    boolean swept() {
        return swept;
    }

    void markSwept() {
        swept = true;
    }

    /** The bound on overlapping stored entries or bookings; -1 while unknown. */
    int storedBound() {
        return storedBound;
    }

    void storedBound(int bound) {
        storedBound = bound;
    }

    /** One more entry or booking was stored: the bound, if known, grows by one. */
    void storedOneMore() {
        if (storedBound >= 0) {
            storedBound++;
        }
    }
}

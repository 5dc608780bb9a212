package dev.almanac.query.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which list scopes a batch of events changed for one rule: its last state is listed in each of its
 * scopes, and every scope an earlier state was listed in that the last one is not gets a withdrawal
 * at the last state's version. Lists are newest-wins per rule, so these changes may be applied in
 * any order, again, or after a newer writer's.
 */
public final class RuleListPlacements {

    private RuleListPlacements() {
    }

    /**
     * Adds the list changes for one rule to {@code changes}, keyed by scope.
     *
     * @param states every state of the rule this batch saw, oldest first (the stored one, when there was one) and the newest last
     */
    public static void plan(List<Rule> states, Map<String, List<RuleList.Placement>> changes) {
        Rule last = states.get(states.size() - 1);
        List<String> listed = RuleList.scopesOf(last);
        Set<String> left = new LinkedHashSet<>();
        for (Rule state : states) {
            left.addAll(RuleList.scopesOf(state));
        }
        listed.forEach(left::remove);
        for (String scope : listed) {
            changes.computeIfAbsent(scope, id -> new ArrayList<>()).add(RuleList.Placement.listing(last));
        }
        for (String scope : left) {
            changes.computeIfAbsent(scope, id -> new ArrayList<>()).add(RuleList.Placement.withdrawal(last.id(), last.version()));
        }
    }
}

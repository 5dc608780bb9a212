package dev.almanac.query.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.query.action.Action;

/**
 * The commands command-service takes on a rule as it stands: its lifecycle (pause or resume, disable, or enable a
 * disabled rule), only for a caller who may change the rule (ADR 0062), and a change request of an active or paused
 * rule (ADR 0024), for anyone who sees it, since proposing needs no role. A deleted rule takes none.
 */
public final class RuleActions {

    private static final String RULES = "/api/v1/schedules/rules/";

    private RuleActions() {
    }

    /**
     * @param changeable whether the caller may change the rule ({@code CallerRoles#changesRule})
     */
    public static List<Action> of(Rule rule, Instant now, boolean changeable) {
        String path = pathOf(rule.id());
        List<Action> actions = new ArrayList<>();
        if (rule.isDisabled()) {
            if (changeable) {
                actions.add(Action.post("enable", path + "/enable"));
            }
        } else if (!rule.isDeleted()) {
            if (changeable) {
                actions.add(rule.isPausedAt(now) ? Action.post("resume", path + "/resume") : Action.post("pause", path + "/pause"));
                actions.add(Action.post("disable", path + "/disable"));
            }
            actions.add(Action.post("request_change", path + "/change-requests"));
        }
        return List.copyOf(actions);
    }

    /** The rule's path in command-service, which its commands extend. */
    public static String pathOf(String ruleId) {
        return RULES + Action.segment(ruleId);
    }
}

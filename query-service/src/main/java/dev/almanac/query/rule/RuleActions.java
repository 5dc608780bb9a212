package dev.almanac.query.rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.almanac.query.action.Action;

/**
 * The commands command-service takes on a rule as it stands, for a caller who may change the rule (ADR 0062): its
 * lifecycle (pause or resume, disable, or enable a disabled rule), a run now of an active or paused rule, and a skip of
 * its next run unless it is paused until resumed (then it has none); and a change request of an active or paused rule
 * (ADR 0024), for anyone who sees it, since proposing needs no role. A deleted rule takes none. A rule whose series has
 * run its course is still offered {@code skip_next}, which command-service refuses (409 {@code no_next_run}): telling
 * it apart would expand the series for every event of a feed.
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
                boolean paused = rule.isPausedAt(now);
                if (!rule.isHeartbeat()) {
                    // A heartbeat's runs are its system's, never dispatched (ADR 0073): command-service refuses a run now.
                    actions.add(Action.post("run_now", path + "/run-now"));
                }
                if (!paused || rule.resumeAfter() != null) {
                    actions.add(Action.post("skip_next", path + "/skip-next"));
                }
                actions.add(paused ? Action.post("resume", path + "/resume") : Action.post("pause", path + "/pause"));
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

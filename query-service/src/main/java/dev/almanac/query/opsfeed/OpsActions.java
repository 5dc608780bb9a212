package dev.almanac.query.opsfeed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriUtils;

import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.run.MissedRun;

/**
 * The actions command-service accepts on an event in its state (seed 001's quick actions that
 * Almanac has; {@code run_now}, {@code open_logs} and {@code open_session} have no command and are
 * never offered). Offered only where the command would not be refused for the state the feed read.
 */
final class OpsActions {

    private static final String SCHEDULES = "/api/v1/schedules/";
    private static final String RULES = SCHEDULES + "rules/";

    private OpsActions() {
    }

    /**
     * An occurrence's: its rule's lifecycle (pause or resume, disable, or enable a disabled rule) and a
     * change request (active or paused rules, ADR 0024); for a missed run not decided yet, seed 001's
     * three decisions, of which a paused or disabled rule takes only {@code delete_missed}. A deleted
     * rule takes none.
     */
    static List<OpsAction> ofOccurrence(EntryCopy copy, Rule rule, @Nullable MissedRun missed, Instant now) {
        String ruleId = segment(rule.id());
        List<OpsAction> actions = new ArrayList<>();
        if (rule.isDisabled()) {
            actions.add(OpsAction.post("enable", RULES + ruleId + "/enable"));
        } else if (!rule.isDeleted()) {
            boolean paused = rule.isPausedAt(now);
            actions.add(paused ? OpsAction.post("resume", RULES + ruleId + "/resume") : OpsAction.post("pause", RULES + ruleId + "/pause"));
            actions.add(OpsAction.post("disable", RULES + ruleId + "/disable"));
            actions.add(OpsAction.post("request_change", RULES + ruleId + "/change-requests"));
        }
        if (missed != null && missed.decision() == null && !rule.isDeleted()) {
            String path = RULES + ruleId + "/occurrences/" + segment(copy.id()) + "/missed";
            if (!rule.isDisabled() && !rule.isPausedAt(now)) {
                actions.add(missedAction(MissedRunAction.APPROVE_BACKFILL_RUN, path));
                actions.add(missedAction(MissedRunAction.RESCHEDULE, path));
            }
            actions.add(missedAction(MissedRunAction.DELETE_MISSED, path));
        }
        return List.copyOf(actions);
    }

    /**
     * An item's: a reschedule (not for a follower, which moves only with its primary, ADR 0022), a confirmation (which
     * changes nothing on an item confirmed already, so it is never refused for the state) and a cancellation.
     */
    static List<OpsAction> ofItem(EntryCopy copy) {
        String itemId = segment(copy.id());
        List<OpsAction> actions = new ArrayList<>();
        if (!copy.relations().isFollower()) {
            actions.add(OpsAction.post("reschedule", SCHEDULES + itemId + "/reschedule"));
        }
        actions.add(OpsAction.post("confirm", SCHEDULES + itemId + "/confirm"));
        actions.add(OpsAction.post("cancel", SCHEDULES + itemId + "/cancel"));
        return List.copyOf(actions);
    }

    private static OpsAction missedAction(MissedRunAction action, String path) {
        String name = action.name().toLowerCase(Locale.ROOT);
        return OpsAction.post(name, path, Map.of("action", name));
    }

    private static String segment(String id) {
        return UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
    }
}

package dev.almanac.query.opsfeed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.query.action.Action;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.rule.RuleActions;
import dev.almanac.query.run.MissedRun;

/**
 * The actions command-service accepts on an event in its state and from its caller (OPS-ACTIONS's quick actions that
 * Almanac has; {@code open_logs} and {@code open_session} have no command and are never offered).
 * Offered only where the command would not be refused for the state the feed read, nor for the caller's role on the
 * event's calendar.
 */
final class OpsActions {

    /** From how long before an item's start a change to it needs the manager role (SCH-005, command-service's ItemRoles). */
    private static final Duration MANAGER_NOTICE = Duration.ofHours(2);

    private OpsActions() {
    }

    /**
     * An occurrence's: its rule's ({@link RuleActions}); and for a missed run not decided yet, OPS-ACTIONS's three
     * decisions, of which a paused or disabled rule takes only {@code delete_missed}, for a caller who may change the rule.
     * A deleted rule takes none.
     *
     * @param changeable whether the caller may change the rule (ADR 0062)
     */
    static List<Action> ofOccurrence(EntryCopy copy, Rule rule, @Nullable MissedRun missed, Instant now, boolean changeable) {
        List<Action> actions = new ArrayList<>(RuleActions.of(rule, now, changeable));
        if (changeable && missed != null && missed.decision() == null && !rule.isDeleted()) {
            String path = RuleActions.pathOf(rule.id()) + "/occurrences/" + Action.segment(copy.id()) + "/missed";
            if (!rule.isDisabled() && !rule.isPausedAt(now)) {
                if (!rule.isHeartbeat()) {
                    // A missed beat cannot be run again: Almanac dispatches no heartbeat (ADR 0073).
                    actions.add(missedAction(MissedRunAction.APPROVE_BACKFILL_RUN, path));
                }
                actions.add(missedAction(MissedRunAction.RESCHEDULE, path));
            }
            actions.add(missedAction(MissedRunAction.DELETE_MISSED, path));
        }
        return List.copyOf(actions);
    }

    /**
     * An item's, for a scheduler of its calendar who may change it (its owner, or a manager, ADR 0090): a reschedule (not for a follower, which moves only with its primary,
     * ADR 0022), a confirmation (which changes nothing on an item confirmed already, so it is never refused for the
     * state) and a cancellation; from 2 hours before the item's start on, a reschedule and a cancellation only for a
     * manager (SCH-005).
     *
     * @param role     the caller's role on the item's calendar; null where they have none
     * @param changes  whether the caller may change this item, whoever owns it (CallerRoles#changesItem)
     */
    static List<Action> ofItem(EntryCopy copy, @Nullable CalendarRole role, boolean changes, Instant now) {
        if (role == null || !role.includes(CalendarRole.SCHEDULER) || !changes) {
            return List.of();
        }
        boolean changeable = role.includes(CalendarRole.MANAGER) || now.isBefore(copy.start().minus(MANAGER_NOTICE));
        String path = "/api/v1/schedules/" + Action.segment(copy.id());
        List<Action> actions = new ArrayList<>();
        if (changeable && !copy.relations().isFollower()) {
            actions.add(Action.post("reschedule", path + "/reschedule"));
        }
        actions.add(Action.post("confirm", path + "/confirm"));
        if (changeable) {
            actions.add(Action.post("cancel", path + "/cancel"));
        }
        return List.copyOf(actions);
    }

    private static Action missedAction(MissedRunAction action, String path) {
        String name = action.name().toLowerCase(Locale.ROOT);
        return Action.post(name, path, Map.of("action", name));
    }
}

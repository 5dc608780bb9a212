package dev.almanac.commands.item;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ScheduleStatus;

/**
 * The ways between seed 003's statuses that a PUT may take (the rest have commands of their own: confirm, cancel,
 * reschedule, undo):
 * <pre>
 *   tentative    -> scheduled, rescheduling
 *   scheduled    -> tentative, rescheduling
 *   confirmed    -> rescheduling
 *   rescheduling -> scheduled, tentative
 * </pre>
 * A confirmed item is firm: it becomes tentative only through rescheduling. Nothing leaves cancelled by a PUT (an undo
 * within 5 minutes restores it), and confirmed and cancelled are reached only by POST .../confirm and .../cancel.
 */
final class ScheduleTransitions {

    private static final Map<ScheduleStatus, Set<ScheduleStatus>> BY_PUT = Map.of(
            ScheduleStatus.TENTATIVE, EnumSet.of(ScheduleStatus.SCHEDULED, ScheduleStatus.RESCHEDULING),
            ScheduleStatus.SCHEDULED, EnumSet.of(ScheduleStatus.TENTATIVE, ScheduleStatus.RESCHEDULING),
            ScheduleStatus.CONFIRMED, EnumSet.of(ScheduleStatus.RESCHEDULING),
            ScheduleStatus.RESCHEDULING, EnumSet.of(ScheduleStatus.SCHEDULED, ScheduleStatus.TENTATIVE),
            ScheduleStatus.CANCELLED, EnumSet.noneOf(ScheduleStatus.class));

    private ScheduleTransitions() {
    }

    /** @throws CommandRejectedException 409, field {@code status}, rule {@code status_transition}, unless a PUT may go from {@code from} to {@code to} */
    static void require(ScheduleStatus from, ScheduleStatus to, ItemId itemId) {
        if (BY_PUT.get(from).contains(to)) {
            return;
        }
        String hint = switch (to) {
            case CONFIRMED -> "confirm it with POST /api/v1/schedules/" + itemId + "/confirm";
            case CANCELLED -> "cancel it with POST /api/v1/schedules/" + itemId + "/cancel, or delete it";
            default -> "from " + wire(from) + " a PUT may set " + (BY_PUT.get(from).isEmpty() ? "no status"
                    : String.join(" or ", BY_PUT.get(from).stream().map(ScheduleTransitions::wire).toList()));
        };
        throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "status", "status_transition",
                "item " + itemId + " is " + wire(from) + " and cannot become " + wire(to) + " by a PUT: " + hint);
    }

    static String wire(ScheduleStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}

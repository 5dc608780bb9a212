package dev.almanac.commands.item;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.OverbookingOverride;
import dev.almanac.platform.identity.Caller;

/**
 * Which role on its calendar a change to an item needs: the scheduler role for its owner, the manager role for anyone
 * else (ADR 0090), the manager role near the item's start (SCH-005) and to override the calendar's capacity (SCH-021),
 * and what an override records (SCH-025).
 */
final class ItemRoles {

    /** From how long before an item's start a change to it needs the manager role (SCH-005). */
    static final Duration MANAGER_NOTICE = Duration.ofHours(2);

    private ItemRoles() {
    }

    /**
     * Any change needs the caller to be someone who may change the item ({@link #requireOwnerOrManager}), and from
     * {@link #MANAGER_NOTICE} before its start the manager role.
     */
    static void requireToChange(CalendarTerms calendar, Caller caller, ItemId itemId, @Nullable UserId owner, Instant start,
                                Clock clock) {
        requireOwnerOrManager(calendar, caller, itemId, owner, "id");
        requireManagerNearStart(calendar, caller, itemId, start, "id", clock);
    }

    /**
     * Who may change an item (ADR 0090, after ADR 0062's rules): its owner while they hold the scheduler role on its
     * calendar (else 403, rule {@code role}); anyone else only with the override a manager of the calendar has (a granted
     * manager, its staff owner, an admin; else 403, rule {@code owner}, {@code required_role} manager). An item whose
     * owner is not recorded (scheduled before ADR 0090), and any item on a calendar open to every scheduler (no grants,
     * development mode, ADR 0086), is every scheduler's to change, as before. A caller with no role on the calendar gets
     * the answer of an item that does not exist either way.
     *
     * @param field the field a refusal names: {@code id} for the item a request names, another for an item it names in its body
     */
    static void requireOwnerOrManager(CalendarTerms calendar, Caller caller, ItemId itemId, @Nullable UserId owner, String field) {
        if (owner == null || owner.equals(caller.id()) || calendar.access().isOpenTo(caller.ungranted())) {
            calendar.require(caller, CalendarRole.SCHEDULER, field);
        } else {
            calendar.require(caller, CalendarRole.MANAGER, field, "owner", "changing item " + itemId + ", which " + owner + " owns,");
        }
    }

    /**
     * SCH-005: from {@link #MANAGER_NOTICE} before an item's start on, changing it needs the manager role
     * on its calendar. {@code start} is the item's start, or the start a move gives it.
     */
    static void requireManagerNearStart(CalendarTerms calendar, Caller caller, ItemId itemId, Instant start, String field,
                                        Clock clock) {
        if (clock.instant().isBefore(start.minus(MANAGER_NOTICE))) {
            return;
        }
        String which = field.equals("id") ? "item " + itemId + ", which starts at " + start
                : "moving item " + itemId + " to start at " + start;
        calendar.require(caller, CalendarRole.MANAGER, field, "SCH-005",
                "changing " + which + ", within " + MANAGER_NOTICE.toHours() + " hours of its start,");
    }

    /** SCH-021: only a manager of the calendar may override its capacity. */
    static void requireManagerToOverride(CalendarTerms calendar, Caller caller, @Nullable String overrideReason) {
        if (overrideReason != null) {
            calendar.require(caller, CalendarRole.MANAGER, "override", "SCH-021", "an override of the calendar's capacity");
        }
    }

    /** What the event records of an override (SCH-025): only one that admitted the item past capacity. */
    static @Nullable OverbookingOverride recordedOverride(CapacityGuard.Admission admission, @Nullable String reason, Caller caller) {
        return admission.overridden() && reason != null ? new OverbookingOverride(reason, caller.id()) : null;
    }
}

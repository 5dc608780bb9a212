package dev.almanac.commands.calendar;

import java.time.ZoneId;
import java.util.Optional;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.platform.identity.Caller;

/**
 * What scheduling on a calendar must respect, as of the calendar's event with sequence number
 * {@code version}: its zone, capacity and limits, who may do what on it ({@code access}), and whether it was deleted.
 */
public record CalendarTerms(
        CalendarId calendarId,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        ItemDurations itemDurations,
        boolean active,
        long version,
        CalendarAccess access,
        boolean deleted) {

    /** Terms of a calendar not deleted. */
    public CalendarTerms(CalendarId calendarId, ZoneId timezone, int capacity, OverbookingPolicy overbookingPolicy,
                         ItemDurations itemDurations, boolean active, long version, CalendarAccess access) {
        this(calendarId, timezone, capacity, overbookingPolicy, itemDurations, active, version, access, false);
    }

    /** Terms of a calendar without grants or an owner: open to every scheduler. */
    public CalendarTerms(CalendarId calendarId, ZoneId timezone, int capacity, OverbookingPolicy overbookingPolicy,
                         ItemDurations itemDurations, boolean active, long version) {
        this(calendarId, timezone, capacity, overbookingPolicy, itemDurations, active, version, CalendarAccess.OPEN);
    }

    /**
     * @throws CommandRejectedException (409, rule {@code inactive}) when the calendar takes nothing new; rule
     *     {@code deleted} when it was deleted (ADR 0084)
     */
    public void requireActive(String field) {
        if (deleted) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, field, "deleted",
                    "calendar " + calendarId + " was deleted and takes no new items or rules");
        }
        if (!active) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, field, "inactive",
                    "calendar " + calendarId + " is deactivated and takes no new items or rules");
        }
    }

    /**
     * @throws CommandRejectedException the answer of a calendar, or of what stands on it, that does not exist (ADR 0086),
     *                                  unless {@code caller} has a role on this calendar: asked before anything that would
     *                                  tell what the calendar or its entry is (deleted, cancelled, at another version)
     */
    public void requireSeenBy(Caller caller, String field) {
        if (!caller.mayKnow(calendarId.value()) || !caller.sees(access)) {
            throw hidden(field);
        }
    }

    /** @throws CommandRejectedException (403, rule {@code role}) unless {@code caller} has {@code needed} on this calendar */
    public void require(Caller caller, CalendarRole needed, String field) {
        require(caller, needed, field, "role", "this");
    }

    /**
     * @param rule what asks for the role: {@code role} for the calendar's grants, or a business rule (SCH-005, SCH-021)
     * @param what the change refused, for the message ("this", "an override")
     * @throws CommandRejectedException (403) unless {@code caller} has {@code needed} on this calendar
     */
    public void require(Caller caller, CalendarRole needed, String field, String rule, String what) {
        require(caller, needed, field, rule, what, "");
    }

    /**
     * As {@link #require(Caller, CalendarRole, String, String, String)}, with {@code aside} appended to
     * the message: what the caller may do instead ("; its proposer, carol, may withdraw it").
     */
    public void require(Caller caller, CalendarRole needed, String field, String rule, String what, String aside) {
        // Another tenant's calendar is hidden from everyone of this one, its admins too (ADR 0102).
        Optional<CalendarRole> role = caller.mayKnow(calendarId.value()) ? caller.roleOn(access) : Optional.empty();
        if (role.isEmpty()) {
            throw hidden(field);
        }
        if (!role.get().includes(needed)) {
            throw CommandRejectedException.forbidden(field, rule, needed.wireName(), capitalised(what) + " needs the "
                    + needed.wireName() + " role on calendar " + calendarId + "; " + caller.actor() + " is only "
                    + role.get().wireName() + " there" + aside);
        }
    }

    /**
     * The refusal of a caller with no role on the calendar: the answer a calendar that does not exist gets (ADR 0086), the
     * body's reference to it 422 as an unknown {@code calendar_id} or {@code queue} is, anything else the 404 of the
     * command's target ({@link CommandRejectedException.Reason#HIDDEN}).
     */
    private CommandRejectedException hidden(String field) {
        return switch (field) {
            case "calendar_id" -> new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, field, "exists",
                    "calendar_id " + calendarId + " names no calendar");
            case "queue" -> new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, field, "exists",
                    "queue " + calendarId + " names no calendar; a rule's queue is the calendar its occurrences land on");
            default -> new CommandRejectedException(CommandRejectedException.Reason.HIDDEN, field, "exists", "not found");
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

package dev.almanac.commands.calendar;

import java.time.ZoneId;

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
        if (!access.allows(caller.id(), caller.admin(), needed)) {
            String has = access.roleOf(caller.id(), caller.admin()).map(role -> "is only " + role.wireName() + " there")
                    .orElse("has no role there");
            throw CommandRejectedException.forbidden(field, rule, needed.wireName(), capitalised(what) + " needs the "
                    + needed.wireName() + " role on calendar " + calendarId + "; " + caller.actor() + " " + has + aside);
        }
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}

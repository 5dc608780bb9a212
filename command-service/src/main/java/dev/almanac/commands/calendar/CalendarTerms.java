package dev.almanac.commands.calendar;

import java.time.ZoneId;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;

/**
 * What scheduling on a calendar must respect, as of the calendar's event with sequence number
 * {@code version}.
 */
public record CalendarTerms(
        CalendarId calendarId,
        ZoneId timezone,
        int capacity,
        OverbookingPolicy overbookingPolicy,
        ItemDurations itemDurations,
        boolean active,
        long version) {

    /** @throws CommandRejectedException (409, rule {@code inactive}) when the calendar takes nothing new */
    public void requireActive(String field) {
        if (!active) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, field, "inactive",
                    "calendar " + calendarId + " is deactivated and takes no new items or rules");
        }
    }
}

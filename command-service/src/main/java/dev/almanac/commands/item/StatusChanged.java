package dev.almanac.commands.item;

import java.time.Instant;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;

/**
 * What a confirm or cancel left: the item's status and slot, and the stored event that last
 * changed it ({@code eventId}, {@code at}): this command's, or the earlier one when a repeated
 * confirmation changed nothing.
 */
public record StatusChanged(
        CalendarId calendarId,
        ItemStatus status,
        TimeRange slot,
        long version,
        Instant at,
        String eventId) {
}

package dev.almanac.commands.item;

import java.time.Instant;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemFields;

/**
 * What a PUT or a deletion left: the item's own fields and slot, and the stored event that last changed it
 * ({@code eventId}, {@code at}): this command's, or the earlier one when the PUT changed nothing.
 */
public record FieldsChanged(
        CalendarId calendarId,
        ItemFields fields,
        TimeRange slot,
        long version,
        Instant at,
        String eventId) {
}

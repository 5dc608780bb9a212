package dev.almanac.events.schedule;

import java.time.Instant;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/** The reminder {@link ItemReminderSet} set was removed, and is not sent. {@code [start, end)} is where the item stands. */
public record ItemReminderRemoved(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        ReminderId reminderId,
        UserId userId) implements ScheduleEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return itemId.value();
    }
}

package dev.almanac.dispatch.due;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;

/**
 * What the dispatcher keeps of an item that has reminders (ADR 0079): where it starts, its title, whether it is
 * cancelled, and its reminders by id. Items without reminders cost nothing. Immutable; stored as JSON.
 */
public record ItemReminders(ItemId itemId, CalendarId calendarId, String title, Instant start, boolean cancelled,
                            Map<String, Reminder> reminders) {

    public ItemReminders {
        reminders = Map.copyOf(reminders);
    }

    ItemReminders with(Reminder reminder) {
        Map<String, Reminder> next = new LinkedHashMap<>(reminders);
        next.put(reminder.reminderId().value(), reminder);
        return new ItemReminders(itemId, calendarId, title, start, cancelled, next);
    }

    ItemReminders without(String reminderId) {
        Map<String, Reminder> next = new LinkedHashMap<>(reminders);
        next.remove(reminderId);
        return new ItemReminders(itemId, calendarId, title, start, cancelled, next);
    }

    /** The item deleted (ADR 0084): it keeps no reminder, and none of them is ever sent. */
    ItemReminders deleted() {
        return new ItemReminders(itemId, calendarId, title, start, true, Map.of());
    }

    /** A PUT that changed the title: reminders tell the new one. */
    ItemReminders titled(String newTitle) {
        return new ItemReminders(itemId, calendarId, newTitle, start, cancelled, reminders);
    }

    ItemReminders at(Instant newStart, boolean isCancelled) {
        return new ItemReminders(itemId, calendarId, title, newStart, isCancelled, reminders);
    }
}

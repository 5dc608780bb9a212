package dev.almanac.commands.item;

import java.time.Instant;
import java.time.ZoneId;

import dev.almanac.events.UserId;

/**
 * What a reminder command left: the reminder as it stands, when it is due for the item's current start, and the item's
 * version and last event; {@code changed} is false for a repeat that changed nothing.
 */
public record ReminderChanged(UserId userId, int minutesBefore, ZoneId timezone, Instant dueAt, boolean changed, long version,
                              Instant at, String eventId) {
}

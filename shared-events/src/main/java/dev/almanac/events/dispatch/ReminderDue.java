package dev.almanac.events.dispatch;

import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;

/**
 * A reminder fell due (seed 004, ADR 0079): {@code userId} asked to hear {@code minutesBefore} minutes before
 * {@code start}, the start of the item {@code itemId} or of the occurrence {@code occurrenceId} of rule {@code ruleId},
 * shown in {@code timezone}. {@code dueAt} is {@code start} less those minutes; {@code firedAt} when the dispatcher
 * decided it. Published once per reminder and start: a reminder moved with its item is due again at its new time.
 */
public record ReminderDue(
        ReminderId reminderId,
        CalendarId calendarId,
        UserId userId,
        String title,
        Instant start,
        Instant dueAt,
        int minutesBefore,
        ZoneId timezone,
        Instant firedAt,
        @Nullable ItemId itemId,
        @Nullable RuleId ruleId,
        @Nullable OccurrenceId occurrenceId) implements DispatchEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return itemId != null ? itemId.value() : occurrenceId != null ? occurrenceId.value() : reminderId.value();
    }
}

package dev.almanac.events.rule;

import java.time.ZoneId;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * {@code userId} asked to be reminded {@code minutesBefore} minutes before each occurrence of the rule (seed 004, ADR 0079),
 * its start shown in {@code timezone}, the user's. Setting a reminder of the same id again replaces it. The series is
 * untouched: rule-expander and conflict-detector pass it by.
 */
public record RuleReminderSet(
        RuleId ruleId,
        ReminderId reminderId,
        UserId userId,
        int minutesBefore,
        ZoneId timezone) implements RuleEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return ruleId.value();
    }

    @Override
    public String subject() {
        return ruleId.value();
    }
}

package dev.almanac.events.rule;

import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/** The reminder {@link RuleReminderSet} set was removed: none of the rule's occurrences sends it any more. */
public record RuleReminderRemoved(
        RuleId ruleId,
        ReminderId reminderId,
        UserId userId) implements RuleEvent {

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

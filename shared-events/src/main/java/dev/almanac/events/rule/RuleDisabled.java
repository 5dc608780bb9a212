package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule was disabled at {@code disabledAt} ({@code POST /api/v1/schedules/rules/{id}/disable}): none
 * of its occurrences starts from then on until it is enabled ({@link RuleEnabled}). Unlike a pause it
 * has no {@code resume_after} and a resume does not end it; unlike a deletion it can be undone, and
 * the rule can still be updated. Read models show the status {@code disabled} (F033-RULE-STATUS).
 */
public record RuleDisabled(RuleId ruleId, Instant disabledAt, @Nullable String reason) implements RuleEvent {

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

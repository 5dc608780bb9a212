package dev.almanac.events.rule;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule was deleted at {@code deletedAt} ({@code DELETE /api/v1/schedules/rules/{id}}): none of
 * its occurrences starts from then on, and it takes no further command. Its history stays.
 * It is a fact of its own, not a {@code RuleDisabled}: the architecture keeps {@code .../disable}
 * as a separate command, which a later {@code enable} may undo, while a deletion is final. Read
 * models show a deleted rule with the status {@code disabled} (F033-RULE-STATUS), the enum's one value for a
 * rule that no longer runs.
 */
public record RuleDeleted(RuleId ruleId, Instant deletedAt) implements RuleEvent {

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

package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A rule's series was ended at {@code endedAt}: from then on it has only the occurrences resolving
 * before {@code endsAt}, and none from there on. {@code continuedBy} names the rule that takes the
 * series over from {@code endsAt} ("this and following": created in the same unit of work, active
 * from the later of {@code endsAt} and {@code endedAt}). The rule itself goes on existing, and may
 * still be paused, resumed or deleted.
 */
public record RuleEnded(
        RuleId ruleId,
        Instant endsAt,
        Instant endedAt,
        @Nullable RuleId continuedBy) implements RuleEvent {

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

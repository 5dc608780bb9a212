package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * Someone asked the rule to run at once (OPS-ACTIONS' {@code run_now}): a run of its own, the occurrence
 * {@code runId}, due at {@code requestedAt}, apart from the series, whose occurrences are unchanged. The dispatcher
 * dispatches it once, as every run, held to the rule's {@code max_concurrent}; who asked is the envelope's actor.
 */
public record RuleRunRequested(
        RuleId ruleId,
        OccurrenceId runId,
        Instant requestedAt,
        @Nullable String reason) implements RuleEvent {

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

package dev.almanac.events.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * An operator decided what becomes of an occurrence whose time has passed (OPS-MISSED's missed-run
 * actions). {@code recurrenceId} is the instant the series resolved it to, and
 * {@code scheduledStart} the start it had when it was missed (its own, or where a move had put it).
 * <ul>
 *   <li>{@code approve_backfill_run}: a backfill run, the occurrence {@code backfillId}, starts at
 *       {@code newStart} (when it was approved); the missed occurrence stays where it was.</li>
 *   <li>{@code reschedule}: the occurrence moves to {@code newStart}, keeping its identity, as
 *       {@link RuleOccurrenceMoved} moves one.</li>
 *   <li>{@code delete_missed}: the occurrence is taken off the calendar, as
 *       {@link RuleOccurrenceCancelled} cancels one.</li>
 * </ul>
 * Who decided is the envelope's actor.
 */
public record RuleMissedRunDecided(
        RuleId ruleId,
        OccurrenceId occurrenceId,
        Instant recurrenceId,
        Instant scheduledStart,
        MissedRunAction action,
        @Nullable Instant newStart,
        @Nullable OccurrenceId backfillId,
        Instant decidedAt,
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

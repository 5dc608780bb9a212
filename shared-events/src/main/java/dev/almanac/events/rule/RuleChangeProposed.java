package dev.almanac.events.rule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A change to a rule was proposed ({@code POST /api/v1/schedules/rules/{id}/change-requests}), and
 * nothing about the rule changed: the change is applied only if the proposal is confirmed
 * ({@link RuleChangeConfirmed}) before {@code expiresAt} while the rule is still at
 * {@code ruleVersion}. It carries what the proposer was shown: the change, its description, the
 * rule's next occurrences before and after it, and the warnings. Who proposed it is the envelope's
 * actor. {@code instruction} is the English the change was read from, when it was given as one.
 *
 * <p>Keyed by rule id, so that it is ordered with the rule's own events; its subject is the change
 * request, whose version ({@code almanac_aggregate_version}) counts the proposal's own events.
 */
public record RuleChangeProposed(
        ChangeRequestId changeRequestId,
        RuleId ruleId,
        long ruleVersion,
        Instant proposedAt,
        Instant expiresAt,
        @Nullable String instruction,
        RuleChange change,
        @Nullable String reason,
        String description,
        SchedulePreview before,
        SchedulePreview after,
        List<RuleChangeWarning> warnings) implements RuleEvent {

    public RuleChangeProposed {
        warnings = List.copyOf(warnings);
    }

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
        return changeRequestId.value();
    }
}

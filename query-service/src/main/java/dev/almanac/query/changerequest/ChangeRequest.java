package dev.almanac.query.changerequest;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleChangeConfirmed;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleChangeRejected;
import dev.almanac.query.readmodel.Versioned;

/**
 * A proposed change to a rule and where it stands: proposed, confirmed or rejected, as its events
 * say. {@code proposal} is what the proposer was shown; it is null only while the proposal itself
 * has not been seen (a decision applied first), and such a change request is not answered.
 * Expiry and a rule that moved on since are read against the clock and the rule ({@link #statusAt}).
 */
public record ChangeRequest(
        String id,
        String ruleId,
        @Nullable RuleChangeProposed proposal,
        @Nullable String proposedBy,
        Status status,
        @Nullable Instant decidedAt,
        @Nullable String decidedBy,
        @Nullable Long appliedRuleVersion,
        @Nullable String rejectionReason,
        long version) implements Versioned {

    /** Where a change request stands by its events. */
    public enum Status {
        PROPOSED, CONFIRMED, REJECTED
    }

    static ChangeRequest proposed(@Nullable ChangeRequest before, RuleChangeProposed proposed, EventMetadata envelope) {
        Status status = before == null ? Status.PROPOSED : before.status;
        return new ChangeRequest(proposed.changeRequestId().value(), proposed.ruleId().value(), proposed, envelope.actor(), status,
                before == null ? null : before.decidedAt, before == null ? null : before.decidedBy,
                before == null ? null : before.appliedRuleVersion, before == null ? null : before.rejectionReason,
                envelope.aggregateVersion());
    }

    static ChangeRequest confirmed(@Nullable ChangeRequest before, RuleChangeConfirmed confirmed, EventMetadata envelope) {
        return new ChangeRequest(confirmed.changeRequestId().value(), confirmed.ruleId().value(), before == null ? null : before.proposal,
                before == null ? null : before.proposedBy, Status.CONFIRMED, confirmed.confirmedAt(), envelope.actor(),
                confirmed.ruleVersion(), null, envelope.aggregateVersion());
    }

    static ChangeRequest rejected(@Nullable ChangeRequest before, RuleChangeRejected rejected, EventMetadata envelope) {
        return new ChangeRequest(rejected.changeRequestId().value(), rejected.ruleId().value(), before == null ? null : before.proposal,
                before == null ? null : before.proposedBy, Status.REJECTED, rejected.rejectedAt(), envelope.actor(), null,
                rejected.reason(), envelope.aggregateVersion());
    }

    public boolean isDefined() {
        return proposal != null;
    }

    /** Still open: proposed, and neither decided nor expired at {@code at}. Whether the rule moved on is the reader's to check. */
    public boolean isOpenAt(Instant at) {
        return status == Status.PROPOSED && proposal != null && at.isBefore(proposal.expiresAt());
    }

    /** The last moment any of its events names: when it was decided, or else proposed. */
    Instant lastEventTime() {
        if (decidedAt != null) {
            return decidedAt;
        }
        return proposal == null ? Instant.MIN : proposal.proposedAt();
    }

    /**
     * Where it stands at {@code at} for a rule now at {@code ruleVersion}: {@code expired} once past its expiry,
     * {@code superseded} once the rule changed since the proposal (it can no longer be confirmed), else as its events say.
     */
    public String statusAt(Instant at, @Nullable Long ruleVersion) {
        if (status != Status.PROPOSED || proposal == null) {
            return status.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (!at.isBefore(proposal.expiresAt())) {
            return "expired";
        }
        if (ruleVersion != null && ruleVersion != proposal.ruleVersion()) {
            return "superseded";
        }
        return "proposed";
    }
}

package dev.almanac.query.run;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.MissedRunAction;
import dev.almanac.events.rule.RuleMissedRunDecided;
import dev.almanac.query.readmodel.Versioned;

/**
 * An occurrence rule-expander found missed (no run reported in time), and what an operator decided
 * about it (OPS-MISSED's stasis and its actions). Versioned by the rule's version, which both the
 * detection and the decision carry: a decision is newer than the detection it answers, and an
 * occurrence rescheduled and missed again is detected at a version newer than that decision. A
 * field no event has said yet is null (a decision projected before its detection has no start).
 *
 * @param decision OPS-MISSED's action, {@code approve_backfill_run}, {@code reschedule} or {@code delete_missed}; null while undecided
 * @param reason   why it was found missed, {@code no_run_report} or {@code no_heartbeat} (ADR 0073); null when the detection said none
 */
public record MissedRun(
        String id,
        String ruleId,
        @Nullable String calendarId,
        @Nullable Instant start,
        @Nullable Instant detectedAt,
        @Nullable String catchUpRun,
        @Nullable String decision,
        @Nullable Instant decidedAt,
        @Nullable String decidedBy,
        @Nullable Instant newStart,
        @Nullable String backfillRun,
        @Nullable String reason,
        long version) implements Versioned {

    /** A missed run whose detection said no reason. */
    public MissedRun(String id, String ruleId, @Nullable String calendarId, @Nullable Instant start, @Nullable Instant detectedAt,
                     @Nullable String catchUpRun, @Nullable String decision, @Nullable Instant decidedAt, @Nullable String decidedBy,
                     @Nullable Instant newStart, @Nullable String backfillRun, long version) {
        this(id, ruleId, calendarId, start, detectedAt, catchUpRun, decision, decidedAt, decidedBy, newStart, backfillRun, null, version);
    }

    /** Found missed: undecided, whatever an older decision said (it was about an earlier start). */
    public static MissedRun detected(OccurrenceMissed missed, long version) {
        return new MissedRun(missed.occurrenceId().value(), missed.ruleId().value(), missed.calendarId().value(), missed.start(),
                missed.detectedAt(), missed.catchUpRun() == null ? null : missed.catchUpRun().value(), null, null, null, null, null,
                missed.reason() == null ? null : missed.reason().name().toLowerCase(Locale.ROOT), version);
    }

    /** Decided by the envelope's actor; what the detection said stays. */
    public static MissedRun decided(@Nullable MissedRun before, RuleMissedRunDecided decided, EventMetadata envelope) {
        return new MissedRun(decided.occurrenceId().value(), decided.ruleId().value(), before == null ? null : before.calendarId,
                before == null ? decided.scheduledStart() : before.start, before == null ? null : before.detectedAt,
                before == null ? null : before.catchUpRun, decided.action().name().toLowerCase(Locale.ROOT), decided.decidedAt(),
                envelope.actor(), decided.newStart(), decided.backfillId() == null ? null : decided.backfillId().value(),
                before == null ? null : before.reason, envelope.aggregateVersion());
    }

    /**
     * Whether the occurrence shows as missed where it stands: found missed, and neither rescheduled
     * (it moved, and is not missed where it is now) nor deleted (it left its calendar). A backfill
     * leaves it missed; the backfill is a run of its own.
     */
    public boolean showsMissed() {
        return detectedAt != null && (decision == null || decision.equals(wire(MissedRunAction.APPROVE_BACKFILL_RUN)));
    }

    /** Whether no report of a heartbeat rule came for this beat (ADR 0073), rather than no run report of an occurrence. */
    public boolean noHeartbeat() {
        return wire(MissedReason.NO_HEARTBEAT).equals(reason);
    }

    private static String wire(Enum<?> action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}

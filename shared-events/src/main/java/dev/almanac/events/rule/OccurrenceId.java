package dev.almanac.events.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/**
 * Identifies one occurrence of a rule. It is derived from the rule and the occurrence's
 * resolved instant (before jitter), so a replay, a materialised occurrence and one computed
 * on the fly beyond the horizon all carry the same id; an occurrence moved elsewhere keeps it. A
 * backfill run of a missed occurrence is an occurrence of its own, whose id derives from the one
 * it backfills and says who asked for it ({@link #backfillOf}, {@link #catchUpOf}); so has a run asked for at once
 * ({@link #runNowOf}).
 */
public record OccurrenceId(@JsonValue String value) {

    public OccurrenceId {
        Identifiers.requireValid(value, "occurrence id");
    }

    @JsonCreator
    public static OccurrenceId of(String value) {
        return new OccurrenceId(value);
    }

    public static OccurrenceId of(RuleId ruleId, Instant resolvedInstant) {
        return new OccurrenceId(Identifiers.derive("occurrence", ruleId.value(), resolvedInstant.toString()));
    }

    /** The backfill run an operator approved for {@code missed}, when it was due to start at {@code scheduledStart}. */
    public static OccurrenceId backfillOf(OccurrenceId missed, Instant scheduledStart) {
        return new OccurrenceId(Identifiers.derive("occurrence-backfill", missed.value(), scheduledStart.toString()));
    }

    /** The run that a rule's catch-up policy started for {@code missed}, due to start at {@code scheduledStart}. */
    public static OccurrenceId catchUpOf(OccurrenceId missed, Instant scheduledStart) {
        return new OccurrenceId(Identifiers.derive("occurrence-catch-up", missed.value(), scheduledStart.toString()));
    }

    /** The run someone asked rule {@code ruleId} for at once, as the rule's event of version {@code ruleVersion}. */
    public static OccurrenceId runNowOf(RuleId ruleId, long ruleVersion) {
        return new OccurrenceId(Identifiers.derive("occurrence-run-now", ruleId.value(), Long.toString(ruleVersion)));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.almanac.events.occurrence;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;
import dev.almanac.events.rule.RuleId;

/**
 * Identifies one occurrence of a rule. It is derived from the rule and the occurrence's
 * resolved instant (before jitter), so a replay, a materialised occurrence and one computed
 * on the fly beyond the horizon all carry the same id.
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

    @Override
    public String toString() {
        return value;
    }
}

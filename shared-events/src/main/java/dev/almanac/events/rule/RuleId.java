package dev.almanac.events.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a recurring rule. */
public record RuleId(@JsonValue String value) {

    public RuleId {
        Identifiers.requireValid(value, "rule id");
    }

    @JsonCreator
    public static RuleId of(String value) {
        return new RuleId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

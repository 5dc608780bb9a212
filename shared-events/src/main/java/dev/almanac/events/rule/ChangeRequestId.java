package dev.almanac.events.rule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a proposed change to a recurring rule: a change request, confirmed or rejected as a whole. */
public record ChangeRequestId(@JsonValue String value) {

    public ChangeRequestId {
        Identifiers.requireValid(value, "change request id");
    }

    @JsonCreator
    public static ChangeRequestId of(String value) {
        return new ChangeRequestId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.almanac.events.conflict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a conflict. */
public record ConflictId(@JsonValue String value) {

    public ConflictId {
        Identifiers.requireValid(value, "conflict id");
    }

    @JsonCreator
    public static ConflictId of(String value) {
        return new ConflictId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

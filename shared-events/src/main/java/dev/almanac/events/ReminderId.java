package dev.almanac.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a reminder a user set on an item or a rule (seed 004, ADR 0079); unique within it. */
public record ReminderId(@JsonValue String value) {

    public ReminderId {
        Identifiers.requireValid(value, "reminder id");
    }

    @JsonCreator
    public static ReminderId of(String value) {
        return new ReminderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

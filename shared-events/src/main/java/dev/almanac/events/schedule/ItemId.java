package dev.almanac.events.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a one-off item. */
public record ItemId(@JsonValue String value) {

    public ItemId {
        Identifiers.requireValid(value, "item id");
    }

    @JsonCreator
    public static ItemId of(String value) {
        return new ItemId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

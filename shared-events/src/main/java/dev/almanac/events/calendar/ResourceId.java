package dev.almanac.events.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a resource: a venue, a person, a piece of equipment that items book. */
public record ResourceId(@JsonValue String value) {

    public ResourceId {
        Identifiers.requireValid(value, "resource id");
    }

    @JsonCreator
    public static ResourceId of(String value) {
        return new ResourceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

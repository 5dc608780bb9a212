package dev.almanac.events.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies a calendar. */
public record CalendarId(@JsonValue String value) {

    public CalendarId {
        Identifiers.requireValid(value, "calendar id");
    }

    @JsonCreator
    public static CalendarId of(String value) {
        return new CalendarId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

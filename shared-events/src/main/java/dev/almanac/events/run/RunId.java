package dev.almanac.events.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Identifiers;

/** Identifies one run: one attempt at executing one entry. */
public record RunId(@JsonValue String value) {

    public RunId {
        Identifiers.requireValid(value, "run id");
    }

    @JsonCreator
    public static RunId of(String value) {
        return new RunId(value);
    }

    /** The id of attempt {@code attempt} at {@code entryId} when the executor names none: the same on every replay. */
    public static RunId of(EntryKind kind, String entryId, int attempt) {
        return new RunId(Identifiers.derive("run", kind.name(), entryId, Integer.toString(attempt)));
    }

    @Override
    public String toString() {
        return value;
    }
}

package dev.almanac.events.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;

/** Identifies one attachment of an item, unique within the item. */
public record AttachmentId(@JsonValue String value) {

    public AttachmentId {
        Identifiers.requireValid(value, "attachment id");
    }

    @JsonCreator
    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

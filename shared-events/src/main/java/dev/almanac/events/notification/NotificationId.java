package dev.almanac.events.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;

/**
 * Identifies one notification: derived from the fact it tells of and its recipient, so a fact read again gives the same
 * id, and one fact gives one notification per recipient.
 */
public record NotificationId(@JsonValue String value) {

    public NotificationId {
        Identifiers.requireValid(value, "notification id");
    }

    @JsonCreator
    public static NotificationId of(String value) {
        return new NotificationId(value);
    }

    /** The notification of the fact whose event id is {@code factEventId}, for {@code recipient}. */
    public static NotificationId of(String factEventId, UserId recipient) {
        return new NotificationId(Identifiers.derive("notification", factEventId, recipient.value()));
    }

    @Override
    public String toString() {
        return value;
    }
}

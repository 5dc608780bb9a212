package dev.almanac.query.notification;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.almanac.events.Identifiers;
import dev.almanac.query.web.OpaqueCursors;

/** The position after which the next page of a user's notifications starts: the last one the page showed. */
final class NotificationCursor {

    private static final String KIND = "notifications";

    private NotificationCursor() {
    }

    static String encode(Inbox.Position last) {
        return OpaqueCursors.opaque(KIND + "|" + (last.read() ? "r" : "u") + "|" + last.occurredAt().toEpochMilli() + "|" + last.id());
    }

    /** The position, or empty for anything this endpoint did not make. */
    static Optional<Inbox.Position> decode(String token) {
        return OpaqueCursors.text(token).flatMap(text -> {
            String[] parts = text.split("\\|", -1);
            if (parts.length != 4 || !parts[0].equals(KIND) || !(parts[1].equals("r") || parts[1].equals("u"))
                    || !Identifiers.isValid(parts[3])) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Inbox.Position(parts[1].equals("r"), Instant.ofEpochMilli(Long.parseLong(parts[2])), parts[3]));
            } catch (NumberFormatException | DateTimeParseException malformed) {
                return Optional.empty();
            }
        });
    }
}

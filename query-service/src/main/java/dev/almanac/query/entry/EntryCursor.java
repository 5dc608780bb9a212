package dev.almanac.query.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the next page of a calendar's entries starts: after the entry with this start and id,
 * in (start, id) order. Opaque to clients, who pass {@code next_cursor} back as {@code cursor}.
 */
public record EntryCursor(Instant start, String id) {

    private static final char SEPARATOR = '|';

    public String encode() {
        String plain = start.toString() + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}. */
    public static Optional<EntryCursor> decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int separator = plain.indexOf(SEPARATOR);
            if (separator <= 0 || separator == plain.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(new EntryCursor(Instant.parse(plain.substring(0, separator)), plain.substring(separator + 1)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

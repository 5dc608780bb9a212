package dev.almanac.query.entry;

import java.time.Instant;
import java.util.Optional;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.query.web.OpaqueCursors;

/**
 * Where the next page of a calendar's entries starts: after the entry with this start and id,
 * in (start, id) order. Opaque to clients, who pass {@code next_cursor} back as {@code cursor}.
 */
public record EntryCursor(Instant start, String id) {

    private static final char SEPARATOR = '|';

    public String encode() {
        return OpaqueCursors.opaque(start.toString() + SEPARATOR + id);
    }

    /**
     * The cursor, or empty if {@code token} was not made by {@link #encode()}. A client can send
     * any bytes, so every part is checked as strictly as a request field: UTF-8 that decodes
     * without replacement, a start that {@link Rfc3339} accepts (an instant such as year
     * +999999999 would overflow the day arithmetic of the page read), and an id that
     * {@link TextRules} accepts.
     */
    public static Optional<EntryCursor> decode(String token) {
        return OpaqueCursors.text(token).flatMap(plain -> {
            int separator = plain.indexOf(SEPARATOR);
            if (separator <= 0 || separator == plain.length() - 1) {
                return Optional.empty();
            }
            String id = plain.substring(separator + 1);
            if (TextRules.problem(id).isPresent()) {
                return Optional.empty();
            }
            return Rfc3339.parse(plain.substring(0, separator)).map(start -> new EntryCursor(start, id));
        });
    }
}

package dev.almanac.query.entry;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.query.web.QueryParameters;

/**
 * Where the next page of a calendar's entries starts: after the entry with this start and id,
 * in (start, id) order. Opaque to clients, who pass {@code next_cursor} back as {@code cursor}.
 */
public record EntryCursor(Instant start, String id) {

    private static final char SEPARATOR = '|';

    /** The {@code cursor} query parameter: absent, or a cursor this service made; anything else is reported. */
    public static @Nullable EntryCursor fromParameter(QueryParameters parameters, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        EntryCursor cursor = decode(raw).orElse(null);
        if (cursor == null) {
            parameters.reject("cursor", "format", "cursor must be a next_cursor returned by this endpoint");
        }
        return cursor;
    }

    public String encode() {
        return opaque(start.toString() + SEPARATOR + id);
    }

    /**
     * The cursor, or empty if {@code token} was not made by {@link #encode()}. A client can send
     * any bytes, so every part is checked as strictly as a request field: UTF-8 that decodes
     * without replacement, a start that {@link Rfc3339} accepts (an instant such as year
     * +999999999 would overflow the day arithmetic of the page read), and an id that
     * {@link TextRules} accepts.
     */
    public static Optional<EntryCursor> decode(String token) {
        return text(token).flatMap(plain -> {
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

    /** The text inside an opaque cursor: unpadded base64url of UTF-8 that decodes without replacement, or empty. */
    public static Optional<String> text(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
        return Optional.of(plain);
    }

    /** {@code text} made opaque, as {@link #text} reads it back. */
    public static String opaque(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.almanac.query.rule;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.query.web.QueryParameters;

/**
 * Where the next page of a rules list starts: after the rule with this id, in id order. Opaque to
 * clients, who pass {@code next_cursor} back as {@code cursor}.
 */
public record RuleCursor(String afterId) {

    private static final String PREFIX = "rule|";

    /** The {@code cursor} query parameter: absent, or a cursor this service made; anything else is reported. */
    public static @Nullable RuleCursor fromParameter(QueryParameters parameters, @Nullable String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        RuleCursor cursor = decode(raw).orElse(null);
        if (cursor == null) {
            parameters.reject("cursor", "format", "cursor must be a next_cursor returned by this endpoint");
        }
        return cursor;
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + afterId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty if {@code token} was not made by {@link #encode()}: base64url of UTF-8 naming a valid rule id. */
    public static Optional<RuleCursor> decode(String token) {
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
        if (!plain.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = plain.substring(PREFIX.length());
        return Identifiers.isValid(id) ? Optional.of(new RuleCursor(id)) : Optional.empty();
    }
}

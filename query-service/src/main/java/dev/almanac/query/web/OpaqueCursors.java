package dev.almanac.query.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The wire form of every page cursor: the cursor's text as unpadded base64url of UTF-8, opaque to clients, who pass
 * {@code next_cursor} back as {@code cursor}. Each cursor decides what its text holds, and most start it with their
 * kind, so that another endpoint's cursor is refused.
 */
public final class OpaqueCursors {

    private OpaqueCursors() {
    }

    /** {@code text} made opaque, as {@link #text} reads it back. */
    public static String opaque(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The text inside an opaque cursor, or empty. A client can send any bytes, so it must be base64url of UTF-8 that
     * decodes without replacement.
     */
    public static Optional<String> text(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }
}

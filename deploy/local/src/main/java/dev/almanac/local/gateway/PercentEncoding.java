package dev.almanac.local.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks a raw request path before anything decodes it: every {@code %} starts two hex digits, and the bytes are UTF-8. */
final class PercentEncoding {

    private PercentEncoding() {
    }

    /** What is wrong with the path, or null when it decodes cleanly. */
    static String problem(String rawPath) {
        ByteBuffer bytes = ByteBuffer.allocate(rawPath.length() * 4);
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c != '%') {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= rawPath.length() || Character.digit(rawPath.charAt(i + 1), 16) < 0
                    || Character.digit(rawPath.charAt(i + 2), 16) < 0) {
                return "has '%' at position " + i + " that does not start two hexadecimal digits";
            }
            bytes.put((byte) Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return null;
        } catch (CharacterCodingException e) {
            return "does not decode to UTF-8";
        }
    }
}

package dev.almanac.platform.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Checks the raw request target before anything decodes it: every {@code %} introduces two
 * hexadecimal digits, and what the escapes spell is UTF-8. A target that breaks this cannot
 * even become a {@code java.net.URI}, so it is refused here, with a reason, rather than
 * dropped or answered with an empty 400 further down.
 */
public final class RequestSyntax {

    public static final String RULE = "percent_encoding";
    /** A path with a {@code ;}: routing would drop what follows it in a segment, a known way past path-based rules. */
    public static final String MATRIX_RULE = "matrix_parameters";

    private RequestSyntax() {
    }

    /** Why {@code raw} (a path or a query, still encoded) cannot be decoded, or null when it can. */
    public static @Nullable String problem(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return "has '%' at position " + i + " that does not start two hexadecimal digits";
                }
                bytes.write(high * 16 + low);
                i += 3;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i++;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return null;
        } catch (CharacterCodingException e) {
            return "does not decode to UTF-8";
        }
    }

    /**
     * Why {@code rawPath} (still encoded) is refused for a matrix parameter, or null: a {@code ;} in a path segment starts
     * parameters that routing strips before matching ({@code /schedules/s-1;x=1/reschedule} routes as
     * {@code /schedules/s-1/reschedule}), so a path-based rule would see another path than the one sent. No Almanac path
     * has one; an id may not hold a {@code ;} either, so {@code %3B} is left to the id rules.
     */
    public static @Nullable String matrixParameters(String rawPath) {
        int semicolon = rawPath.indexOf(';');
        if (semicolon < 0) {
            return null;
        }
        String shown = rawPath.length() > 200 ? rawPath.substring(0, 200) + "…" : rawPath;
        return "the path " + shown + " has a ';' at position " + semicolon + ": matrix parameters are refused on every path";
    }

    /** The problem of a whole request target, naming the part at fault ({@code path} or {@code query}), or null. */
    public static @Nullable Violation of(String target) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String pathProblem = problem(path);
        if (pathProblem != null) {
            return new Violation("path", "the path " + pathProblem);
        }
        String matrix = matrixParameters(path);
        if (matrix != null) {
            return new Violation("path", matrix, MATRIX_RULE);
        }
        if (question >= 0) {
            String queryProblem = problem(target.substring(question + 1).replace('+', ' '));
            if (queryProblem != null) {
                return new Violation("query", "the query " + queryProblem);
            }
        }
        return null;
    }

    /** What is wrong with a request target, where, and by which rule. */
    public record Violation(String field, String message, String rule) {

        /** A target that does not decode ({@link #RULE}). */
        public Violation(String field, String message) {
            this(field, message, RULE);
        }
    }
}

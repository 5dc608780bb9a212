package dev.almanac.query.window;

import java.util.List;
import java.util.Locale;

/**
 * Whether a request's {@code Accept-Encoding} (RFC 9110, section 12.5.3) allows a gzipped body:
 * {@code gzip} (or its old alias {@code x-gzip}) listed with a weight above zero, or {@code *}
 * above zero with gzip not listed. Without the header, or with a weight that does not parse, the
 * body goes as it is: identity is always acceptable.
 */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    static boolean allowsGzip(List<String> headerValues) {
        Boolean gzip = null;
        boolean anyAllowed = false;
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                boolean allowed = weight(parts) > 0;
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = gzip == null ? allowed : gzip || allowed;
                } else if (coding.equals("*")) {
                    anyAllowed |= allowed;
                }
            }
        }
        return gzip != null ? gzip : anyAllowed;
    }

    /** The coding's weight, 1 when absent, and 0 when it does not parse as RFC 9110's qvalue. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
                String qvalue = parameter.substring(2).trim();
                if (!qvalue.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                    return 0;
                }
                return Double.parseDouble(qvalue);
            }
        }
        return 1;
    }
}

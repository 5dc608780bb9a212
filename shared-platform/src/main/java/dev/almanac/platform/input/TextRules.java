package dev.almanac.platform.input;

import java.util.Optional;

/**
 * What text a request may carry, in any field and any map key: well-formed Unicode without
 * control characters. NUL breaks C strings and BSON keys, lone surrogates cannot be encoded as
 * UTF-8, and control characters (other than tab, line feed and carriage return) are never
 * content. Refused rather than stripped, so what is stored is what was sent.
 */
public final class TextRules {

    public static final String RULE = "text";

    private TextRules() {
    }

    /** Why {@code text} is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("contains an unpaired surrogate at position " + i);
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate at position " + i);
            }
            if (c == 0) {
                return Optional.of("contains NUL at position " + i);
            }
            if (isControl(c)) {
                return Optional.of(String.format("contains the control character U+%04X at position %d", (int) c, i));
            }
            if (c == '\uFFFE' || c == '\uFFFF') {
                return Optional.of(String.format("contains the noncharacter U+%04X at position %d", (int) c, i));
            }
        }
        return Optional.empty();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }
}

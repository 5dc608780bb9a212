package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Rules shared by every typed id. */
public final class Identifiers {

    /** Client-chosen ids such as {@code job_12345} or {@code rule-001} are allowed, as are UUIDs. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    public static final Pattern VALID = Pattern.compile(PATTERN);

    private Identifiers() {
    }

    public static String requireValid(String value, String what) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(what + " must match " + VALID.pattern() + " but was '" + value + "'");
        }
        return value;
    }

    /**
     * Whether {@code value} matches {@link #PATTERN}, checked character by character: every id of
     * every event is checked when it is made, millions a minute when rules are materialised, and
     * the regular expression cost more than deriving the id did.
     */
    public static boolean isValid(@Nullable String value) {
        if (value == null || value.isEmpty() || value.length() > 128 || !isLetterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /**
     * A name-based UUID, the same for the same parts on every machine and every replay. Used
     * wherever an id is derived from other facts rather than assigned.
     */
    public static String derive(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

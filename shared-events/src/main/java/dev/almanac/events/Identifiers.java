package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/** Rules shared by every typed id. */
public final class Identifiers {

    /** Client-chosen ids such as {@code job_12345} or {@code rule-001} are allowed, as are UUIDs. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    public static final Pattern VALID = Pattern.compile(PATTERN);

    private Identifiers() {
    }

    public static String requireValid(String value, String what) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + VALID.pattern() + " but was '" + value + "'");
        }
        return value;
    }

    /**
     * A name-based UUID, the same for the same parts on every machine and every replay. Used
     * wherever an id is derived from other facts rather than assigned.
     */
    public static String derive(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Rules shared by every typed id. */
public final class Identifiers {

    /** Client-chosen ids such as {@code job_12345} or {@code rule-001} are allowed, as are UUIDs. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    public static final Pattern VALID = Pattern.compile(PATTERN);
    private static final boolean[] ALLOWED = allowedAfterFirst();

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalError("MD5 not supported", e);
        }
    });

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
            if (c >= ALLOWED.length || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    /** The ASCII characters allowed after the first, as a table: every derived id is checked again when it is made. */
    private static boolean[] allowedAfterFirst() {
        boolean[] allowed = new boolean[128];
        for (char c = 0; c < 128; c++) {
            allowed[c] = isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-';
        }
        return allowed;
    }

    /**
     * A name-based UUID, the same for the same parts on every machine and every replay. Used
     * wherever an id is derived from other facts rather than assigned. It is
     * {@code UUID.nameUUIDFromBytes} of the parts joined by U+001F, with one MD5 digest per thread:
     * that method looks the algorithm up among the security providers on every call, which cost
     * more than the hashing when rule-expander derives two ids per occurrence (ADR 0031).
     */
    public static String derive(String... parts) {
        byte[] hash = MD5.get().digest(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) (hash[6] & 0x0f | 0x30);
        hash[8] = (byte) (hash[8] & 0x3f | 0x80);
        long mostSignificant = 0;
        long leastSignificant = 0;
        for (int i = 0; i < 8; i++) {
            mostSignificant = mostSignificant << 8 | hash[i] & 0xff;
            leastSignificant = leastSignificant << 8 | hash[i + 8] & 0xff;
        }
        return new UUID(mostSignificant, leastSignificant).toString();
    }

}

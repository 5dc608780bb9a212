package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Rules shared by every typed id. */
public final class Identifiers {

    /** Client-chosen ids such as {@code job_12345} or {@code rule-001} are allowed, as are UUIDs. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";
    public static final Pattern VALID = Pattern.compile(PATTERN);
    private static final Pattern DERIVED = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final boolean[] ALLOWED = allowedAfterFirst();

    private static final ThreadLocal<Deriver> DERIVERS = ThreadLocal.withInitial(Deriver::new);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

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
     * more than the hashing when rule-expander derives two ids per occurrence (ADR 0031). ASCII
     * parts, as every derived id's are, go into the digest without a joined string in between.
     */
    public static String derive(String... parts) {
        return DERIVERS.get().derive(parts);
    }

    /** Whether {@code value} has the shape every {@link #derive derived} id has: a lower-case version 3 UUID. */
    public static boolean isDerived(String value) {
        return DERIVED.matcher(value).matches();
    }

    /**
     * The text of the name-based (version 3) UUID whose MD5 digest is {@code md5}, as
     * {@code UUID.nameUUIDFromBytes(name).toString()} gives it; sets the version and variant bits in
     * {@code md5}.
     */
    public static String nameUuid(byte[] md5) {
        md5[6] = (byte) (md5[6] & 0x0f | 0x30);
        md5[8] = (byte) (md5[8] & 0x3f | 0x80);
        byte[] text = new byte[36];
        int position = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text[position++] = '-';
            }
            text[position++] = HEX[(md5[i] >> 4) & 0x0f];
            text[position++] = HEX[md5[i] & 0x0f];
        }
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** One thread's digest, and the buffer the parts are written into. */
    private static final class Deriver {

        private final MessageDigest md5;
        private final byte[] hash = new byte[16];
        private byte[] name = new byte[128];

        Deriver() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new InternalError("MD5 not supported", e);
            }
        }

        String derive(String[] parts) {
            int length = 0;
            for (int p = 0; p < parts.length; p++) {
                String part = parts[p];
                if (name.length < length + part.length() + 1) {
                    name = Arrays.copyOf(name, Math.max(name.length * 2, length + part.length() + 1));
                }
                if (p > 0) {
                    name[length++] = 0x1f;
                }
                for (int i = 0; i < part.length(); i++) {
                    char c = part.charAt(i);
                    if (c >= 0x80) {
                        return digested(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
                    }
                    name[length++] = (byte) c;
                }
            }
            md5.update(name, 0, length);
            return digested();
        }

        private String digested(byte[] bytes) {
            md5.update(bytes);
            return digested();
        }

        private String digested() {
            try {
                md5.digest(hash, 0, hash.length);
            } catch (DigestException e) {
                throw new IllegalStateException("an MD5 digest is 16 bytes", e);
            }
            return nameUuid(hash);
        }
    }
}

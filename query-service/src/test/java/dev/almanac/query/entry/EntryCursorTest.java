package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.almanac.platform.input.Rfc3339;

class EntryCursorTest {

    @Test
    void decodesWhatItEncodes() {
        EntryCursor cursor = new EntryCursor(Instant.parse("2026-12-01T15:00:00.123Z"), "item-review|with-bar");

        assertThat(EntryCursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void rejectsTokensItDidNotMake() {
        assertThat(EntryCursor.decode("not base64 at all!")).isEmpty();
        assertThat(EntryCursor.decode(base64("2026-12-01T15:00:00Z"))).isEmpty();
        assertThat(EntryCursor.decode(base64("yesterday|item-1"))).isEmpty();
        assertThat(EntryCursor.decode(base64("2026-12-01T15:00:00Z|"))).isEmpty();
    }

    /** Issue 7: a start outside the years 0001 to 9999 answered 500; a cursor takes only what RFC 3339 requests take. */
    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z", "2026-12-01T24:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01T15:00:00", "1764597600"})
    void rejectsStartsOutsideTheYearsAndShapesOfRfc3339(String start) {
        assertThat(EntryCursor.decode(base64(start + "|x"))).isEmpty();
    }

    @Test
    void rejectsTheTokenFromTheIssue() {
        assertThat(EntryCursor.decode("Kzk5OTk5OTk5OS0xMi0zMVQxMDowMDowMFp8eA")).isEmpty();
    }

    @Test
    void acceptsTheFirstAndLastInstantsOfRfc3339() {
        assertThat(EntryCursor.decode(base64("0001-01-01T00:00:00Z|x"))).contains(new EntryCursor(Rfc3339.MIN, "x"));
        assertThat(EntryCursor.decode(base64("9999-12-31T23:59:59.999999999Z|x"))).contains(new EntryCursor(Rfc3339.MAX, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"item\u0000", "item\u0007bell", "\u001b[31m", "\u202e\u0085next line", "\uffff"})
    void rejectsIdsThatBreakTheTextRules(String id) {
        assertThat(EntryCursor.decode(base64("2026-12-01T15:00:00Z|" + id))).isEmpty();
    }

    /** Latin-1 for a non-ASCII id, and a lone surrogate as CESU-8 writes it: neither is UTF-8. */
    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] latin1 = "2026-12-01T15:00:00Z|item-\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] loneSurrogate = concat("2026-12-01T15:00:00Z|item-".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});

        assertThat(EntryCursor.decode(Base64.getUrlEncoder().encodeToString(latin1))).isEmpty();
        assertThat(EntryCursor.decode(Base64.getUrlEncoder().encodeToString(loneSurrogate))).isEmpty();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static String base64(String plain) {
        return Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}

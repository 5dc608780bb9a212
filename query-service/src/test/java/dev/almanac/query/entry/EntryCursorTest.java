package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

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

    private static String base64(String plain) {
        return Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}

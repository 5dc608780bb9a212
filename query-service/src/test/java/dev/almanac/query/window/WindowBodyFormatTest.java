package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.entry.EntryTiming;

/**
 * A window's entity tag digests its query and revisions, not its bytes, so a body written differently for the
 * same documents must come with a new {@link WindowAnswers#BODY_FORMAT}: else a replica with the new code
 * answers 304 to a client that holds the old body, and the client keeps it. This pins the body of one fixed
 * window to the format's name.
 */
class WindowBodyFormatTest {

    private static final JsonMapper MAPPER = AlmanacJson.configure(JsonMapper.builder()).build();

    @Test
    void theBodyOfAFixedWindowChangesOnlyWithTheBodyFormat() throws Exception {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        BucketGrid grid = BucketGrid.over(new WindowSpec(from, from.plus(Duration.ofDays(45)), ZoneId.of("America/New_York"),
                Granularity.DAY));
        for (int i = 0; i < 500; i++) {
            Instant start = from.plus(Duration.ofMinutes(131L * i));
            grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(45)), "cal-" + i % 7, "type-" + i % 3));
        }
        byte[] body = MAPPER.writeValueAsString(grid.toScheduleWindow()).getBytes(StandardCharsets.UTF_8);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));

        assertThat(Map.entry(WindowAnswers.BODY_FORMAT, digest))
                .as("the window's body changed: give WindowAnswers.BODY_FORMAT a new name and pin the new digest to it here")
                .isEqualTo(Map.entry("schedule-window-1", "cc9e9133625b4ee9c748e540de9ef5624f449731c7d14e36ff6e3e66ab7eb337"));
    }
}

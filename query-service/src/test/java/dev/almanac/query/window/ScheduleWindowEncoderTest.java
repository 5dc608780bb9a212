package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.CalendarDays;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.occurrence.RuleTimelines;
import dev.almanac.query.occurrence.RuleIndexes;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Gzip;

/** A window that is not kept is written straight into the buffer sent, byte for byte as the mapper writes it, or gzipped. */
class ScheduleWindowEncoderTest {

    private static final JsonMapper MAPPER = AlmanacJson.configure(JsonMapper.builder()).build();

    @Test
    void aWindowNotKeptIsWrittenIntoTheBufferAsTheMapperWritesIt() {
        MongoDatabase database = InMemoryMongo.freshDatabase("window_encoder");
        ScheduleWindows windows = new ScheduleWindows(new CalendarDays(database), new WindowDays(database), new WindowRevisions(database),
                new RuleTimelines(new RuleIndexes(database), new Rules(database)), 4);
        ScheduleWindowEncoder encoder = new ScheduleWindowEncoder(windows, MAPPER);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        BucketGrid grid = BucketGrid.over(new WindowSpec(from, from.plus(Duration.ofDays(365)), ZoneId.of("Asia/Kolkata"), Granularity.DAY));
        for (int i = 0; i < 20_000; i++) {
            Instant start = from.plus(Duration.ofMinutes(26L * i));
            grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(5)), "cal-" + i % 97, "type-" + i % 89));
        }
        ScheduleWindow window = grid.toScheduleWindow();

        DataBuffer buffer = encoder.encodeValue(window, DefaultDataBufferFactory.sharedInstance, ResolvableType.forClass(ScheduleWindow.class),
                MediaType.APPLICATION_JSON, null);

        assertThat(windows.isKept(window)).isFalse();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(MAPPER.writeValueAsString(window)).hasSizeGreaterThan(365 * 1_024);

        DataBuffer gzipped = encoder.encodeValue(window, DefaultDataBufferFactory.sharedInstance, ResolvableType.forClass(ScheduleWindow.class),
                MediaType.APPLICATION_JSON, Map.of(ScheduleWindowEncoder.GZIP_HINT, Boolean.TRUE));

        byte[] bytes = new byte[gzipped.readableByteCount()];
        gzipped.read(bytes);
        assertThat(new String(Gzip.gunzip(bytes), StandardCharsets.UTF_8)).as("the gzip hint, set where the response says gzip")
                .isEqualTo(MAPPER.writeValueAsString(window));
    }
}

package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.entry.EntryTiming;

/** A bucket's tallies read as the sorted maps they stand for, and are written as Jackson writes those maps. */
class TallyTest {

    private static final JsonMapper MAPPER = AlmanacJson.configure(JsonMapper.builder()).build();
    private static final List<String> NAMES = List.of("", "b", "a", "quote\"d", "back\\slash", "naïve", "日本", "emoji😀", "tab\tand\u0001",
            "a-", "A");
    private static final Instant FROM = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void talliesAreTheSortedMapsOfTheNamesCountedInEachBucket() {
        ScheduleWindow window = window();

        for (int bucket = 0; bucket < window.buckets().size(); bucket++) {
            Map<String, Long> expected = expectedIn(bucket);
            Map<String, Long> queues = window.buckets().get(bucket).queues();
            assertThat(queues).isEqualTo(expected).hasSameHashCodeAs(expected).hasSize(expected.size());
            assertThat(List.copyOf(queues.keySet())).isEqualTo(List.copyOf(expected.keySet()));
            assertThat(queues.get("zzz")).isNull();
            assertThat(queues.containsKey("zzz")).isFalse();
            expected.forEach((name, count) -> assertThat(queues.get(name)).isEqualTo(count));
            assertThat(window.buckets().get(bucket).jobTypes()).isEqualTo(expected);
        }
        assertThat(window.buckets().get(3).queues()).isEmpty();
    }

    @Test
    void aWindowWithTalliesIsWrittenByteForByteAsWithPlainMaps() {
        ScheduleWindow window = window();
        List<TimeBucket> plain = window.buckets().stream()
                .map(bucket -> new TimeBucket(bucket.timestamp(), bucket.localTime(), bucket.jobCount(), new LinkedHashMap<>(bucket.queues()),
                        bucket.densityScore(), new LinkedHashMap<>(bucket.jobTypes()), bucket.estimatedDuration()))
                .toList();

        String written = MAPPER.writeValueAsString(window);

        assertThat(written).isEqualTo(MAPPER.writeValueAsString(new ScheduleWindow(window.window(), plain, window.summary())));
        assertThat(written).contains("\"queues\":{}").contains("\"quote\\\"d\":").contains("\"日本\":");
    }

    /** Four UTC days by day in Kathmandu (five local days); the name at index i has i + 1 entries on day i % 3, none later. */
    private static ScheduleWindow window() {
        BucketGrid grid = BucketGrid.over(new WindowSpec(FROM, FROM.plus(Duration.ofDays(4)), ZoneId.of("Asia/Kathmandu"), Granularity.DAY));
        for (int i = 0; i < NAMES.size(); i++) {
            Instant start = FROM.plus(Duration.ofDays(i % 3)).plus(Duration.ofHours(12));
            for (int n = 0; n <= i; n++) {
                grid.add(new EntryTiming(start, start.plus(Duration.ofMinutes(5)), NAMES.get(i), NAMES.get(i)));
            }
        }
        return grid.toScheduleWindow();
    }

    private static Map<String, Long> expectedIn(int bucket) {
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            // Kathmandu is 5:45 ahead: noon UTC is 17:45 the same local day, and the first bucket is the local 1 March.
            if (i % 3 == bucket) {
                expected.put(NAMES.get(i), (long) i + 1);
            }
        }
        return expected;
    }
}

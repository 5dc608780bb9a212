package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.almanac.events.TimeRange;

/**
 * The shortcuts of a resource's availability against the plain computations they replace: the
 * union for capacity 1 against the sweep, and the one-pass filter of free slots against checking
 * every slot against every blocked interval. Random schedules, dense enough that intervals overlap,
 * touch, nest and cross the range's ends.
 */
class OccupancyTest {

    private static final TimeRange DAY = range("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");

    @Test
    void aResourcesBusyTimeIsTheUnionTheSweepGivesAtCapacityOne() {
        Random random = new Random(33);
        for (int round = 0; round < 2_000; round++) {
            List<TimeRange> entries = entries(random, random.nextInt(30));
            TimeRange within = new TimeRange(DAY.start().plus(Duration.ofMinutes(5L * random.nextInt(60))),
                    DAY.end().minus(Duration.ofMinutes(5L * random.nextInt(60))));

            assertThat(Occupancy.atCapacity(entries, 1, within)).as("%s within %s", entries, within)
                    .isEqualTo(Occupancy.sweep(entries, 1, within));
        }
        assertThat(Occupancy.atCapacity(List.of(range("2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"),
                range("2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"), range("2026-12-01T10:30:00Z", "2026-12-01T10:45:00Z"),
                range("2026-11-30T12:00:00Z", "2026-12-01T00:00:00Z")), 1, DAY))
                .containsExactly(range("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"));
    }

    @Test
    void theFreeSlotsOfOnePassAreThoseThatMeetNoBlockedInterval() {
        Random random = new Random(34);
        for (int round = 0; round < 1_000; round++) {
            // Half seconds in the entries and the buffer make blocked intervals that just touch a widened slot, or just miss it.
            List<TimeRange> blocked = Occupancy.atCapacity(entries(random, random.nextInt(20)).stream()
                    .map(entry -> new TimeRange(entry.start().plusMillis(500L * (random.nextInt(3) - 1)),
                            entry.end().plusMillis(500L * (random.nextInt(3) - 1))))
                    .toList(), 1, DAY);
            Duration increment = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30)).get(random.nextInt(3));
            SlotGrid grid = new SlotGrid(ZoneId.of("Asia/Kathmandu"), increment, Duration.ofMinutes(5L * (1 + random.nextInt(24))));
            Duration buffer = Duration.ofMinutes(5L * random.nextInt(6)).plusMillis(random.nextBoolean() ? 0 : 500);
            TimeRange asked = new TimeRange(DAY.start().plus(buffer), DAY.end().minus(buffer));

            List<TimeRange> expected = new ArrayList<>();
            for (TimeRange slot : grid.candidates(asked)) {
                TimeRange widened = new TimeRange(slot.start().minus(buffer), slot.end().plus(buffer));
                if (blocked.stream().noneMatch(interval -> interval.overlaps(widened))) {
                    expected.add(slot);
                }
            }
            assertThat(grid.free(asked, buffer, blocked)).as("%s, buffer %s", blocked, buffer).isEqualTo(expected);
        }
    }

    /** Entries on 5-minute marks of the day, some starting before it or ending after it, some outside it. */
    private static List<TimeRange> entries(Random random, int count) {
        List<TimeRange> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = DAY.start().plus(Duration.ofMinutes(5L * (random.nextInt(300) - 6)));
            entries.add(new TimeRange(start, start.plus(Duration.ofMinutes(5L * (1 + random.nextInt(30))))));
        }
        return entries;
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(Instant.parse(start), Instant.parse(end));
    }
}

package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.query.entry.EntryTiming;

class BucketGridTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void anEntryExactlyAtABucketEdgeCountsOnceInTheLaterBucket() {
        Instant midnight = LocalDate.of(2025, 11, 3).atStartOfDay(NEW_YORK).toInstant();
        BucketGrid grid = BucketGrid.over(window("2025-11-01T04:00:00Z", "2025-11-04T05:00:00Z", NEW_YORK, Granularity.DAY));

        grid.add(entry(midnight, "cal-a", "meeting"));
        ScheduleWindow window = grid.toScheduleWindow();

        assertThat(window.buckets()).extracting(TimeBucket::jobCount).containsExactly(0L, 0L, 1L);
        assertThat(window.buckets().get(2).timestamp()).isEqualTo(midnight);
        assertThat(window.summary().totalJobs()).isEqualTo(1);
    }

    @Test
    void countsEveryEntryOfThe25HourFallBackDayInThatDay() {
        Instant start = LocalDate.of(2025, 11, 2).atStartOfDay(NEW_YORK).toInstant();
        BucketGrid grid = BucketGrid.over(window("2025-11-01T04:00:00Z", "2025-11-04T05:00:00Z", NEW_YORK, Granularity.DAY));

        int added = 0;
        for (Instant at = start; at.isBefore(start.plus(Duration.ofHours(25))); at = at.plus(Duration.ofHours(1))) {
            grid.add(entry(at, "cal-a", "job"));
            added++;
        }

        assertThat(added).isEqualTo(25);
        assertThat(grid.toScheduleWindow().buckets()).extracting(TimeBucket::jobCount).containsExactly(0L, 25L, 0L);
    }

    @Test
    void entriesInTheRepeatedHourLandInTheirOwnHourBuckets() {
        BucketGrid grid = BucketGrid.over(window("2025-11-02T04:00:00Z", "2025-11-02T08:00:00Z", NEW_YORK, Granularity.HOUR));

        grid.add(entry(Instant.parse("2025-11-02T05:30:00Z"), "cal-a", "job"));
        grid.add(entry(Instant.parse("2025-11-02T06:30:00Z"), "cal-a", "job"));
        grid.add(entry(Instant.parse("2025-11-02T06:45:00Z"), "cal-a", "job"));
        ScheduleWindow window = grid.toScheduleWindow();

        assertThat(window.buckets()).extracting(bucket -> bucket.localTime().toString())
                .containsExactly("2025-11-02T00:00-04:00", "2025-11-02T01:00-04:00", "2025-11-02T01:00-05:00", "2025-11-02T02:00-05:00");
        assertThat(window.buckets()).extracting(TimeBucket::jobCount).containsExactly(0L, 1L, 2L, 0L);
    }

    @Test
    void countsOnlyEntriesThatStartInsideTheHalfOpenWindow() {
        // The first day bucket starts at midnight, before from; entries between midnight and from do not count.
        BucketGrid grid = BucketGrid.over(window("2025-06-01T10:00:00Z", "2025-06-02T10:00:00Z", UTC, Granularity.DAY));

        assertThat(grid.add(entry(Instant.parse("2025-06-01T09:59:59Z"), "cal-a", "job"))).isFalse();
        assertThat(grid.add(entry(Instant.parse("2025-06-01T10:00:00Z"), "cal-a", "job"))).isTrue();
        assertThat(grid.add(entry(Instant.parse("2025-06-02T09:59:59Z"), "cal-a", "job"))).isTrue();
        assertThat(grid.add(entry(Instant.parse("2025-06-02T10:00:00Z"), "cal-a", "job"))).isFalse();

        ScheduleWindow window = grid.toScheduleWindow();
        assertThat(window.buckets()).extracting(TimeBucket::timestamp)
                .containsExactly(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-02T00:00:00Z"));
        assertThat(window.buckets()).extracting(TimeBucket::jobCount).containsExactly(1L, 1L);
    }

    @Test
    void listsEmptyBucketsAndLeavesAnEmptyWindowWithoutPeak() {
        ScheduleWindow window = BucketGrid.over(window("2025-06-01T00:00:00Z", "2025-06-08T00:00:00Z", UTC, Granularity.DAY))
                .toScheduleWindow();

        assertThat(window.buckets()).hasSize(7).allSatisfy(bucket -> {
            assertThat(bucket.jobCount()).isZero();
            assertThat(bucket.densityScore()).isZero();
            assertThat(bucket.queues()).isEmpty();
            assertThat(bucket.estimatedDuration()).isZero();
        });
        assertThat(window.summary().totalJobs()).isZero();
        assertThat(window.summary().peakCount()).isZero();
        assertThat(window.summary().peakDay()).isNull();
        assertThat(window.summary().avgDaily()).isZero();
    }

    @Test
    void densityIsTheShareOfThePeakAndThePeakIsTheFirstFullestBucket() {
        BucketGrid grid = BucketGrid.over(window("2025-06-01T00:00:00Z", "2025-06-05T00:00:00Z", UTC, Granularity.DAY));
        addAt(grid, "2025-06-01T08:00:00Z", 2);
        addAt(grid, "2025-06-02T08:00:00Z", 4);
        addAt(grid, "2025-06-04T08:00:00Z", 4);

        ScheduleWindow window = grid.toScheduleWindow();

        assertThat(window.buckets()).extracting(TimeBucket::densityScore).containsExactly(2 / 4.0, 1.0, 0.0, 1.0);
        assertThat(window.summary().peakCount()).isEqualTo(4);
        assertThat(window.summary().peakDay()).isEqualTo(Instant.parse("2025-06-02T00:00:00Z"));
        assertThat(window.summary().totalJobs()).isEqualTo(2 + 4 + 4);
        assertThat(window.summary().avgDaily()).isEqualTo((2 + 4 + 4) / 4.0);
    }

    @Test
    void averagesOverTheLocalDaysTheWindowTouchesRoundedToCents() {
        // Midnight UTC to midnight UTC is 31 New York days: it starts at 20:00 on the evening before.
        BucketGrid grid = BucketGrid.over(window("2025-09-14T00:00:00Z", "2025-10-14T00:00:00Z", NEW_YORK, Granularity.WEEK));
        addAt(grid, "2025-09-20T15:00:00Z", 100);

        ScheduleWindow window = grid.toScheduleWindow();

        assertThat(window.summary().avgDaily()).isEqualTo(3.23);
        assertThat(window.buckets().get(0).localTime().toLocalDate()).isEqualTo(LocalDate.of(2025, 9, 8));
    }

    @Test
    void talliesQueuesTypesAndDurationsPerBucket() {
        BucketGrid grid = BucketGrid.over(window("2025-06-01T00:00:00Z", "2025-06-02T00:00:00Z", UTC, Granularity.DAY));
        Instant nine = Instant.parse("2025-06-01T09:00:00Z");
        grid.add(new EntryTiming(nine, nine.plus(Duration.ofMinutes(30)), "cal-a", "meeting"));
        grid.add(new EntryTiming(nine, nine.plus(Duration.ofHours(2)), "cal-a", "maintenance_job"));
        grid.add(new EntryTiming(nine, nine.plus(Duration.ofMinutes(15)), "cal-b", "meeting"));

        TimeBucket bucket = grid.toScheduleWindow().buckets().get(0);

        assertThat(bucket.queues()).isEqualTo(Map.of("cal-a", 2L, "cal-b", 1L));
        assertThat(bucket.jobTypes()).isEqualTo(Map.of("meeting", 2L, "maintenance_job", 1L));
        assertThat(bucket.estimatedDuration()).isEqualTo(Duration.ofMinutes(30 + 120 + 15).toSeconds());
    }

    @Test
    void bucketTimestampsAreUtcAndLocalTimesCarryTheZoneOffset() {
        ScheduleWindow window = BucketGrid.over(window("2025-09-14T00:00:00Z", "2025-09-15T00:00:00Z", NEW_YORK, Granularity.DAY))
                .toScheduleWindow();

        assertThat(window.buckets()).extracting(TimeBucket::timestamp)
                .containsExactly(Instant.parse("2025-09-13T04:00:00Z"), Instant.parse("2025-09-14T04:00:00Z"));
        assertThat(window.buckets()).extracting(bucket -> bucket.localTime().toString())
                .containsExactly("2025-09-13T00:00-04:00", "2025-09-14T00:00-04:00");
    }

    private static void addAt(BucketGrid grid, String instant, int times) {
        for (int i = 0; i < times; i++) {
            grid.add(entry(Instant.parse(instant), "cal-a", "job"));
        }
    }

    private static EntryTiming entry(Instant start, String calendarId, String type) {
        return new EntryTiming(start, start.plus(Duration.ofMinutes(30)), calendarId, type);
    }

    private static WindowSpec window(String from, String till, ZoneId zone, Granularity granularity) {
        return new WindowSpec(Instant.parse(from), Instant.parse(till), zone, granularity);
    }
}

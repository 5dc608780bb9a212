package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LocalPeriodsTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId CHATHAM = ZoneId.of("Pacific/Chatham");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");
    private static final List<ZoneId> ZONES = List.of(
            ZoneId.of("UTC"), NEW_YORK, LONDON, LORD_HOWE, CHATHAM, KATHMANDU, KOLKATA, SANTIAGO);

    @Test
    void newYorkSpringForwardDayHas23Hours() {
        List<Instant> days = dayStarts(NEW_YORK, LocalDate.of(2025, 3, 8), LocalDate.of(2025, 3, 11));

        assertThat(lengths(days, NEW_YORK, Granularity.DAY)).containsExactly(hours(24), hours(23), hours(24));
        assertThat(days).allSatisfy(start -> assertThat(start.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT));
    }

    @Test
    void newYorkFallBackDayHas25Hours() {
        List<Instant> days = dayStarts(NEW_YORK, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 4));

        assertThat(lengths(days, NEW_YORK, Granularity.DAY)).containsExactly(hours(24), hours(25), hours(24));
        assertThat(days.get(1).atZone(NEW_YORK).getOffset()).isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(days.get(2).atZone(NEW_YORK).getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
    }

    @Test
    void londonDaysFollowBritishSummerTime() {
        assertThat(lengths(dayStarts(LONDON, LocalDate.of(2025, 3, 30), LocalDate.of(2025, 3, 31)), LONDON, Granularity.DAY))
                .containsExactly(hours(23));
        assertThat(lengths(dayStarts(LONDON, LocalDate.of(2025, 10, 26), LocalDate.of(2025, 10, 27)), LONDON, Granularity.DAY))
                .containsExactly(hours(25));
    }

    @Test
    void lordHoweDaysShiftByHalfAnHour() {
        assertThat(lengths(dayStarts(LORD_HOWE, LocalDate.of(2025, 10, 5), LocalDate.of(2025, 10, 6)), LORD_HOWE, Granularity.DAY))
                .containsExactly(Duration.ofMinutes(23 * 60 + 30));
        assertThat(lengths(dayStarts(LORD_HOWE, LocalDate.of(2025, 4, 6), LocalDate.of(2025, 4, 7)), LORD_HOWE, Granularity.DAY))
                .containsExactly(Duration.ofMinutes(24 * 60 + 30));
    }

    @Test
    void chathamDaysStartAtLocalMidnightInBothOffsets() {
        List<Instant> days = dayStarts(CHATHAM, LocalDate.of(2025, 9, 27), LocalDate.of(2025, 9, 30));

        assertThat(days).extracting(start -> start.atZone(CHATHAM).getOffset())
                .containsExactly(ZoneOffset.ofHoursMinutes(12, 45), ZoneOffset.ofHoursMinutes(12, 45), ZoneOffset.ofHoursMinutes(13, 45));
        assertThat(lengths(days, CHATHAM, Granularity.DAY)).containsExactly(hours(24), hours(23), hours(24));
        assertThat(days.get(0)).isEqualTo(Instant.parse("2025-09-26T11:15:00Z"));
    }

    @Test
    void kathmanduAndKolkataDaysTurnOverAtQuarterAndHalfPastUtc() {
        Instant kathmanduMidnight = Instant.parse("2025-06-01T18:15:00Z");
        Instant kolkataMidnight = Instant.parse("2025-06-01T18:30:00Z");

        assertThat(LocalPeriods.startOf(kathmanduMidnight, KATHMANDU, Granularity.DAY)).isEqualTo(kathmanduMidnight);
        assertThat(LocalPeriods.startOf(kathmanduMidnight.minusMillis(1), KATHMANDU, Granularity.DAY))
                .isEqualTo(kathmanduMidnight.minus(hours(24)));
        assertThat(LocalPeriods.startOf(kolkataMidnight, KOLKATA, Granularity.DAY)).isEqualTo(kolkataMidnight);
        assertThat(LocalPeriods.startOf(kolkataMidnight.minusMillis(1), KOLKATA, Granularity.DAY))
                .isEqualTo(kolkataMidnight.minus(hours(24)));
    }

    @Test
    void kolkataHoursStartAtHalfPastUtc() {
        List<Instant> hours = LocalPeriods.starts(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-01T03:00:00Z"),
                KOLKATA, Granularity.HOUR);

        assertThat(hours).containsExactly(Instant.parse("2025-05-31T23:30:00Z"), Instant.parse("2025-06-01T00:30:00Z"),
                Instant.parse("2025-06-01T01:30:00Z"), Instant.parse("2025-06-01T02:30:00Z"));
    }

    @Test
    void aDayWhoseMidnightIsSkippedStartsAtItsFirstInstant() {
        // Chile springs forward at midnight: 2025-09-07 begins at 01:00.
        List<Instant> days = dayStarts(SANTIAGO, LocalDate.of(2025, 9, 6), LocalDate.of(2025, 9, 8));

        assertThat(days.get(1).atZone(SANTIAGO).toLocalTime()).isEqualTo(LocalTime.of(1, 0));
        assertThat(lengths(days, SANTIAGO, Granularity.DAY)).containsExactly(hours(24), hours(23));
    }

    @Test
    void theRepeatedHourOfAFallBackIsTwoHourBuckets() {
        List<Instant> hours = LocalPeriods.starts(Instant.parse("2025-11-02T04:00:00Z"), Instant.parse("2025-11-02T08:00:00Z"),
                NEW_YORK, Granularity.HOUR);

        assertThat(hours).extracting(start -> start.atZone(NEW_YORK).toOffsetDateTime().toString())
                .containsExactly("2025-11-02T00:00-04:00", "2025-11-02T01:00-04:00", "2025-11-02T01:00-05:00", "2025-11-02T02:00-05:00");
        assertThat(lengths(hours, NEW_YORK, Granularity.HOUR)).containsOnly(hours(1));
    }

    @Test
    void theMissingHourOfASpringForwardHasNoBucket() {
        List<Instant> hours = LocalPeriods.starts(Instant.parse("2025-03-09T05:00:00Z"), Instant.parse("2025-03-09T09:00:00Z"),
                NEW_YORK, Granularity.HOUR);

        assertThat(hours).extracting(start -> start.atZone(NEW_YORK).toLocalTime())
                .containsExactly(LocalTime.of(0, 0), LocalTime.of(1, 0), LocalTime.of(3, 0), LocalTime.of(4, 0));
        assertThat(lengths(hours, NEW_YORK, Granularity.HOUR)).containsOnly(hours(1));
    }

    @Test
    void lordHoweHalfHourShiftLeavesAHalfHourBucket() {
        // 01:00+10:30 is 14:30Z; at 15:30Z the clock jumps from 02:00+10:30 to 02:30+11:00.
        List<Instant> hours = LocalPeriods.starts(Instant.parse("2025-10-04T14:30:00Z"), Instant.parse("2025-10-04T17:00:00Z"),
                LORD_HOWE, Granularity.HOUR);

        assertThat(hours).extracting(start -> start.atZone(LORD_HOWE).toOffsetDateTime().toString())
                .containsExactly("2025-10-05T01:00+10:30", "2025-10-05T02:30+11:00", "2025-10-05T03:00+11:00");
        assertThat(lengths(hours, LORD_HOWE, Granularity.HOUR)).containsExactly(hours(1), Duration.ofMinutes(30), hours(1));
    }

    @Test
    void weeksStartOnMondayAndADstWeekHas169Hours() {
        List<Instant> weeks = LocalPeriods.starts(Instant.parse("2025-10-22T12:00:00Z"), Instant.parse("2025-11-05T12:00:00Z"),
                NEW_YORK, Granularity.WEEK);

        assertThat(weeks).extracting(start -> start.atZone(NEW_YORK).toLocalDate())
                .containsExactly(LocalDate.of(2025, 10, 20), LocalDate.of(2025, 10, 27), LocalDate.of(2025, 11, 3));
        assertThat(weeks).allSatisfy(start -> {
            assertThat(start.atZone(NEW_YORK).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(start.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.MIDNIGHT);
        });
        assertThat(lengths(weeks, NEW_YORK, Granularity.WEEK)).containsExactly(hours(168), hours(169), hours(168));
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void everyInstantLiesInExactlyOnePeriodOfEveryZone(Granularity granularity) {
        for (ZoneId zone : ZONES) {
            for (Instant instant : samplesAroundTransitions(zone)) {
                Instant start = LocalPeriods.startOf(instant, zone, granularity);
                Instant next = LocalPeriods.next(start, zone, granularity);

                assertThat(start).as("%s %s start", zone, instant).isBeforeOrEqualTo(instant);
                assertThat(next).as("%s %s next", zone, instant).isAfter(instant);
                assertThat(LocalPeriods.startOf(start, zone, granularity)).as("%s %s", zone, start).isEqualTo(start);
                assertThat(LocalPeriods.startOf(next, zone, granularity)).as("%s %s", zone, next).isEqualTo(next);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Granularity.class)
    void periodsTileTheWindowWithoutGapsOrOverlaps(Granularity granularity) {
        Instant from = Instant.parse("2025-03-01T07:17:00Z");
        Instant till = Instant.parse("2025-11-30T19:45:00Z");
        for (ZoneId zone : ZONES) {
            List<Instant> starts = LocalPeriods.starts(from, till, zone, granularity);

            assertThat(starts.get(0)).isBeforeOrEqualTo(from);
            assertThat(starts.get(starts.size() - 1)).isBefore(till);
            assertThat(LocalPeriods.next(starts.get(starts.size() - 1), zone, granularity)).isAfterOrEqualTo(till);
            for (int i = 1; i < starts.size(); i++) {
                assertThat(LocalPeriods.next(starts.get(i - 1), zone, granularity)).isEqualTo(starts.get(i));
            }
        }
    }

    private static List<Instant> samplesAroundTransitions(ZoneId zone) {
        List<Instant> samples = new ArrayList<>();
        Instant cursor = Instant.parse("2025-01-01T00:00:00Z");
        Instant end = Instant.parse("2026-01-01T00:00:00Z");
        for (Instant instant = cursor; instant.isBefore(end); instant = instant.plus(Duration.ofMinutes(7 * 60 + 13))) {
            samples.add(instant);
        }
        for (ZoneOffsetTransition transition = zone.getRules().nextTransition(cursor);
             transition != null && transition.getInstant().isBefore(end);
             transition = zone.getRules().nextTransition(transition.getInstant())) {
            samples.add(transition.getInstant().minusSeconds(1));
            samples.add(transition.getInstant());
            samples.add(transition.getInstant().plusSeconds(1));
        }
        return samples;
    }

    private static List<Instant> dayStarts(ZoneId zone, LocalDate first, LocalDate tillExclusive) {
        return LocalPeriods.starts(first.atStartOfDay(zone).toInstant(), tillExclusive.atStartOfDay(zone).toInstant(),
                zone, Granularity.DAY);
    }

    private static List<Duration> lengths(List<Instant> starts, ZoneId zone, Granularity granularity) {
        return starts.stream().map(start -> Duration.between(start, LocalPeriods.next(start, zone, granularity))).toList();
    }

    private static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}

package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The oracle counts the conflicts of the planted rules as SCH-010 and ADR 0009 define them, over the detection window,
 * by local days of each rule's zone: through daylight-saving changes and in the +5:30 and +5:45 zones.
 */
class ConflictOracleTest {

    /** A Monday. */
    private static final Instant MONDAY = Instant.parse("2027-03-01T00:00:00Z");

    private static List<SeedPlan.PlantedRule> pair(String zone, LocalTime at, boolean weekdays) {
        ZoneId id = ZoneId.of(zone);
        return List.of(new SeedPlan.PlantedRule("a", "cal", id, at, weekdays, Duration.ofMinutes(20)),
                new SeedPlan.PlantedRule("b", "cal", id, at.plusMinutes(10), weekdays, Duration.ofMinutes(20)));
    }

    @Test
    void aDailyPairIsOneConflictADayAndAWeekdayPairOneAWeekday() {
        Instant twoWeeksLater = MONDAY.plus(Duration.ofDays(14));

        assertThat(ConflictOracle.expected(pair("Asia/Kolkata", LocalTime.of(10, 0), false), MONDAY, twoWeeksLater).conflicts()).isEqualTo(14);
        ConflictOracle.Expected weekdays = ConflictOracle.expected(pair("Asia/Kolkata", LocalTime.of(10, 0), true), MONDAY, twoWeeksLater);
        assertThat(weekdays.conflicts()).isEqualTo(10);
        assertThat(weekdays.occurrences()).isEqualTo(20);
        assertThat(weekdays.byCalendar()).containsEntry("cal", 10);
    }

    @Test
    void localTimesInTheHalfAndQuarterHourZonesAreTheirOwnInstants() {
        SeedPlan.PlantedRule kathmandu = pair("Asia/Kathmandu", LocalTime.of(10, 0), false).get(0);
        SeedPlan.PlantedRule kolkata = pair("Asia/Kolkata", LocalTime.of(10, 0), false).get(0);

        assertThat(ConflictOracle.starts(kathmandu, MONDAY, MONDAY.plus(Duration.ofDays(1)))).containsExactly(Instant.parse("2027-03-01T04:15:00Z"));
        assertThat(ConflictOracle.starts(kolkata, MONDAY, MONDAY.plus(Duration.ofDays(1)))).containsExactly(Instant.parse("2027-03-01T04:30:00Z"));
    }

    @Test
    void aPairKeepsItsLocalTimeAcrossDaylightSavingChangesOnBothHemispheres() {
        Instant from = Instant.parse("2027-03-08T00:00:00Z");
        Instant till = Instant.parse("2027-04-12T00:00:00Z");
        SeedPlan.PlantedRule newYork = pair("America/New_York", LocalTime.of(9, 0), false).get(0);
        SeedPlan.PlantedRule sydney = pair("Australia/Sydney", LocalTime.of(9, 0), false).get(0);

        List<Instant> newYorkStarts = ConflictOracle.starts(newYork, from, till);
        assertThat(newYorkStarts).contains(Instant.parse("2027-03-13T14:00:00Z"), Instant.parse("2027-03-15T13:00:00Z")).hasSize(35);
        List<Instant> sydneyStarts = ConflictOracle.starts(sydney, from, till);
        assertThat(sydneyStarts).contains(Instant.parse("2027-04-02T22:00:00Z"), Instant.parse("2027-04-03T23:00:00Z")).hasSize(35);
        assertThat(ConflictOracle.expected(pair("America/New_York", LocalTime.of(9, 0), false), from, till).conflicts()).isEqualTo(35);
        assertThat(ConflictOracle.expected(pair("Europe/London", LocalTime.of(9, 0), true), from, till).conflicts()).isEqualTo(25);
    }

    @Test
    void anOccurrenceCountsWhenItStartsInTheHalfOpenWindow() {
        SeedPlan.PlantedRule utc = pair("UTC", LocalTime.of(10, 0), false).get(0);
        Instant tenOClock = Instant.parse("2027-03-01T10:00:00Z");

        assertThat(ConflictOracle.starts(utc, tenOClock, tenOClock.plus(Duration.ofDays(2))))
                .containsExactly(tenOClock, tenOClock.plus(Duration.ofDays(1)));
        ConflictOracle.Expected edge = ConflictOracle.expected(List.of(utc), tenOClock, tenOClock.plus(Duration.ofDays(2)));
        assertThat(edge.nearestEdge()).as("an occurrence on the edge").isZero();
        ConflictOracle.Expected clear = ConflictOracle.expected(List.of(utc), Instant.parse("2027-03-01T22:00:00Z"),
                Instant.parse("2027-03-03T22:00:00Z"));
        assertThat(clear.nearestEdge()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void overlapsThatTouchAndShareAnEntryAreOneConflictAndSeparateOnesAreTwo() {
        Instant t = Instant.parse("2027-03-01T10:00:00Z");
        ConflictOracle.Occurrence a = occurrence("a", t, 0, 20);
        ConflictOracle.Occurrence b = occurrence("b", t, 10, 30);
        ConflictOracle.Occurrence c = occurrence("c", t, 20, 40);
        ConflictOracle.Occurrence d = occurrence("d", t, 60, 80);
        ConflictOracle.Occurrence e = occurrence("e", t, 70, 90);
        ConflictOracle.Occurrence f = occurrence("f", t, 80, 100);

        assertThat(ConflictOracle.conflicts(List.of(a, b, c), 1)).as("a chain: b overlaps a, then c").isEqualTo(1);
        assertThat(ConflictOracle.conflicts(List.of(a, b, d, e), 1)).isEqualTo(2);
        assertThat(ConflictOracle.conflicts(List.of(a, c), 1)).as("a ends when c starts: half-open, no overlap").isZero();
        assertThat(ConflictOracle.conflicts(List.of(d, e, f), 1)).as("e shares both breaches").isEqualTo(1);
        assertThat(ConflictOracle.conflicts(List.of(a, b, c), 2)).as("never three at once").isZero();
        assertThat(ConflictOracle.conflicts(List.of(a, b, occurrence("g", t, 5, 15)), 2)).isEqualTo(1);
    }

    @Test
    void seedScalesPlantedPairsImplyOneConflictADayOrWeekdayEachFarFromTheWindowsEdges() {
        Instant start = Instant.parse("2027-03-01T08:17:00Z");
        SeedPlan plan = SeedPlan.draw(SeedScaleOptions.parse(List.of()), "ss1", start);

        ConflictOracle.Expected expected = ConflictOracle.expected(plan.planted(), start, start.plus(Duration.ofDays(90)));

        assertThat(expected.byCalendar()).hasSize(5);
        assertThat(expected.byCalendar().values()).as("three daily pairs, two on weekdays: 65 of the 90 days")
                .containsExactlyInAnyOrder(90, 90, 90, 65, 65);
        assertThat(expected.conflicts()).isEqualTo(3 * 90 + 2 * 65);
        assertThat(expected.nearestEdge()).isGreaterThan(Duration.ofHours(6));
    }

    private static ConflictOracle.Occurrence occurrence(String id, Instant base, int fromMinute, int tillMinute) {
        return new ConflictOracle.Occurrence(id, base.plus(Duration.ofMinutes(fromMinute)), base.plus(Duration.ofMinutes(tillMinute)));
    }
}

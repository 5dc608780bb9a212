package dev.almanac.recurrence;

import static dev.almanac.recurrence.RecurrenceSpecs.LATER_IN_OVERLAP;
import static dev.almanac.recurrence.RecurrenceSpecs.SHIFT_AND_EARLIER;
import static dev.almanac.recurrence.RecurrenceSpecs.SKIP_GAP;
import static dev.almanac.recurrence.RecurrenceSpecs.TWICE_IN_OVERLAP;
import static dev.almanac.recurrence.RecurrenceSpecs.all;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cron and RRULE schedules across the transitions of zones with unusual edges, under every DST
 * policy, against {@link ReferenceExpansion}: New York and London (one hour), Lord Howe (30
 * minutes), Kathmandu (no DST, but a 15-minute change in 1986), São Paulo (DST until 2019, changing
 * at midnight) and Apia (which skipped 30 December 2011 entirely).
 */
class DstZonesTest {

    private static final List<DstPolicy> POLICIES = List.of(SHIFT_AND_EARLIER, SKIP_GAP, LATER_IN_OVERLAP, TWICE_IN_OVERLAP);

    /** Two days either side of each transition of the zone in a year that shows its quirks. */
    static Stream<Arguments> transitions() {
        return Stream.of(
                        transitionsOf("America/New_York", 2026),
                        transitionsOf("Europe/London", 2026),
                        transitionsOf("Australia/Lord_Howe", 2026),
                        transitionsOf("Asia/Kathmandu", 1986),
                        transitionsOf("America/Sao_Paulo", 2018),
                        transitionsOf("America/Sao_Paulo", 2019),
                        transitionsOf("Pacific/Apia", 2011),
                        transitionsOf("Pacific/Apia", 2012))
                .flatMap(List::stream);
    }

    private static List<Arguments> transitionsOf(String zone, int year) {
        List<Arguments> windows = new ArrayList<>();
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant();
        for (ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(LocalDate.of(year, 1, 1).atStartOfDay(ZoneId.of("UTC")).toInstant());
                t != null && t.getInstant().isBefore(end); t = ZoneId.of(zone).getRules().nextTransition(t.getInstant())) {
            windows.add(Arguments.of(zone, t.getInstant().minus(Duration.ofDays(2)), t.getInstant().plus(Duration.ofDays(2)), t.toString()));
        }
        return windows;
    }

    @ParameterizedTest(name = "{3} in {0}")
    @MethodSource("transitions")
    void cronAcrossTheTransitionResolvesAsTheReferenceDoes(String zone, Instant from, Instant until, String transition) {
        LocalDateTime[] wallClock = ReferenceExpansion.wallClockAround(from, until);
        for (String cron : List.of("*/15 * * * *", "30 2 * * *", "0 0 * * *", "30 23 * * *", "0,30 0-4 * * *", "45 3 * * *")) {
            List<LocalDateTime> times = ReferenceExpansion.springCron("0 " + cron, wallClock[0], wallClock[1]);
            for (DstPolicy policy : POLICIES) {
                RecurrenceSpec spec = spec(CronExpression.parse(cron), zone, policy);

                assertThat(ReferenceExpansion.of(all(spec, from, until)))
                        .as("%s under %s", cron, policy)
                        .isEqualTo(ReferenceExpansion.resolve(times, ZoneId.of(zone), policy, from, until));
            }
        }
    }

    @ParameterizedTest(name = "{3} in {0}")
    @MethodSource("transitions")
    void rruleAcrossTheTransitionResolvesAsTheReferenceDoes(String zone, Instant from, Instant until, String transition) {
        LocalDateTime[] wallClock = ReferenceExpansion.wallClockAround(from, until);
        LocalDateTime dtstart = wallClock[0].toLocalDate().minusDays(10).atTime(0, 0);
        for (String rule : List.of("FREQ=MINUTELY;INTERVAL=15", "FREQ=DAILY;BYHOUR=0,2,23;BYMINUTE=0,30", "FREQ=HOURLY;BYMINUTE=15,45",
                "FREQ=WEEKLY;BYDAY=SU,MO,TU,WE,TH,FR,SA;BYHOUR=1,3;BYMINUTE=0")) {
            List<LocalDateTime> times = ReferenceExpansion.ical4j(rule, dtstart, wallClock[0], wallClock[1]);
            for (DstPolicy policy : POLICIES) {
                RecurrenceSpec spec = spec(RRuleSchedule.of(rule, dtstart), zone, policy);

                assertThat(ReferenceExpansion.of(all(spec, from, until)))
                        .as("%s under %s", rule, policy)
                        .isEqualTo(ReferenceExpansion.resolve(times, ZoneId.of(zone), policy, from, until));
            }
        }
    }

    @Test
    void apiaSkipped30December2011SoItsTenOClockShiftsOntoTheThirtyFirstsAndIsKeptOnce() {
        for (DstPolicy policy : List.of(SHIFT_AND_EARLIER, SKIP_GAP)) {
            List<Occurrence> daily = all(spec(CronExpression.parse("0 10 * * *"), "Pacific/Apia", policy),
                    "2011-12-27T00:00:00Z", "2012-01-01T12:00:00Z");

            assertThat(daily).extracting(o -> o.nominalLocalTime().toString(), Occurrence::resolvedInstant, Occurrence::dstResolution)
                    .containsExactly(
                            tuple("2011-12-27T10:00", Instant.parse("2011-12-27T20:00:00Z"), DstResolution.EXACT),
                            tuple("2011-12-28T10:00", Instant.parse("2011-12-28T20:00:00Z"), DstResolution.EXACT),
                            tuple("2011-12-29T10:00", Instant.parse("2011-12-29T20:00:00Z"), DstResolution.EXACT),
                            // 30 December 10:00 does not exist; shifted by the 24-hour gap it is the 31st's 10:00.
                            tuple("2011-12-31T10:00", Instant.parse("2011-12-30T20:00:00Z"), DstResolution.EXACT),
                            tuple("2012-01-01T10:00", Instant.parse("2011-12-31T20:00:00Z"), DstResolution.EXACT));
        }
    }

    @Test
    void saoPauloMidnightThatDidNotExistRunsAtOneUnderShift() {
        // 4 November 2018: clocks went from 00:00 to 01:00.
        List<Occurrence> midnights = all(spec(CronExpression.parse("0 0 * * *"), "America/Sao_Paulo", SHIFT_AND_EARLIER),
                "2018-11-03T12:00:00Z", "2018-11-05T12:00:00Z");

        assertThat(midnights).extracting(o -> o.nominalLocalTime().toString(), Occurrence::resolvedInstant, Occurrence::dstResolution)
                .containsExactly(
                        tuple("2018-11-04T00:00", Instant.parse("2018-11-04T03:00:00Z"), DstResolution.GAP_SHIFTED),
                        tuple("2018-11-05T00:00", Instant.parse("2018-11-05T02:00:00Z"), DstResolution.EXACT));
    }

    @Test
    void saoPauloEveningRepeatedAfterMidnightRunsTwiceUnderTwice() {
        // 17 February 2019: clocks went from 00:00 back to 23:00 on the 16th.
        List<Occurrence> evenings = all(spec(RRuleSchedule.of("FREQ=DAILY;BYHOUR=23;BYMINUTE=30", LocalDateTime.parse("2019-02-01T23:30")),
                "America/Sao_Paulo", TWICE_IN_OVERLAP), "2019-02-16T12:00:00Z", "2019-02-17T12:00:00Z");

        assertThat(evenings).extracting(o -> o.nominalLocalTime().toString(), Occurrence::resolvedInstant, Occurrence::dstResolution)
                .containsExactly(
                        tuple("2019-02-16T23:30", Instant.parse("2019-02-17T01:30:00Z"), DstResolution.OVERLAP_EARLIER),
                        tuple("2019-02-16T23:30", Instant.parse("2019-02-17T02:30:00Z"), DstResolution.OVERLAP_LATER));
    }

    @Test
    void lordHoweHourlyRunsEveryHourOfTheYearBecauseItsHalfHourGapShiftsTwoOClockToHalfPast() {
        ZoneId lordHowe = ZoneId.of("Australia/Lord_Howe");
        List<Occurrence> hourly = all(spec(CronExpression.parse("0 * * * *"), "Australia/Lord_Howe", SHIFT_AND_EARLIER),
                LocalDate.parse("2026-01-01").atStartOfDay(lordHowe).toInstant(), LocalDate.parse("2027-01-01").atStartOfDay(lordHowe).toInstant());

        assertThat(hourly).hasSize(8760)
                .filteredOn(o -> o.dstResolution() == DstResolution.GAP_SHIFTED)
                .extracting(o -> o.nominalLocalTime().toString(), Occurrence::resolvedInstant)
                .containsExactly(tuple("2026-10-04T02:00", Instant.parse("2026-10-03T15:30:00Z")));
    }

    @Test
    void kathmanduFifteenMinuteChangeIn1986SwallowedTheFirstQuarterHour() {
        List<Occurrence> fiveMinutely = all(spec(CronExpression.parse("*/5 * * * *"), "Asia/Kathmandu", SHIFT_AND_EARLIER),
                "1985-12-31T18:20:00Z", "1985-12-31T18:45:00Z");

        // 1 January 1986, 00:00 at +05:30 became 00:15 at +05:45: 00:00 to 00:10 shift onto 00:15 to 00:25.
        assertThat(fiveMinutely).extracting(o -> o.nominalLocalTime().toLocalTime().toString(), Occurrence::dstResolution).containsExactly(
                tuple("23:50", DstResolution.EXACT), tuple("23:55", DstResolution.EXACT), tuple("00:15", DstResolution.EXACT),
                tuple("00:20", DstResolution.EXACT), tuple("00:25", DstResolution.EXACT));
    }

    @Test
    void cronAndRruleNamingTheSameWallClockGiveTheSameOccurrences() {
        for (String zone : List.of("America/New_York", "Europe/London", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Apia")) {
            for (DstPolicy policy : POLICIES) {
                RecurrenceSpec cron = spec(CronExpression.parse("30 2 * * *"), zone, policy);
                RecurrenceSpec rrule = spec(RRuleSchedule.of("FREQ=DAILY;BYHOUR=2;BYMINUTE=30", LocalDateTime.parse("2010-01-01T02:30")), zone, policy);

                assertThat(all(rrule, "2011-01-01T00:00:00Z", "2013-01-01T00:00:00Z")).as("%s under %s", zone, policy)
                        .isEqualTo(all(cron, "2011-01-01T00:00:00Z", "2013-01-01T00:00:00Z"));
            }
        }
    }

    private static RecurrenceSpec spec(Schedule schedule, String zone, DstPolicy policy) {
        return new RecurrenceSpec(RuleId.of("rule-dst"), schedule, ZoneId.of(zone), policy, RecurrenceSpecs.QUARTER_HOUR, 0);
    }
}

package dev.almanac.recurrence;

import static dev.almanac.recurrence.RecurrenceSpecs.LATER_IN_OVERLAP;
import static dev.almanac.recurrence.RecurrenceSpecs.SHIFT_AND_EARLIER;
import static dev.almanac.recurrence.RecurrenceSpecs.SKIP_GAP;
import static dev.almanac.recurrence.RecurrenceSpecs.TWICE_IN_OVERLAP;
import static dev.almanac.recurrence.RecurrenceSpecs.all;
import static dev.almanac.recurrence.RecurrenceSpecs.resolvedInstants;
import static dev.almanac.recurrence.RecurrenceSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How wall-clock times at DST edges become instants, in zones with one-hour, 30-minute and 45-minute quirks. */
class DstResolutionTest {

    /**
     * A zone's 2026 transitions, as java.time reports them (tzdata 2025a), and a daily cron whose time
     * falls in each: its nominal time in the gap and where it shifts to, and its nominal time in the
     * overlap with the earlier and the later instant.
     */
    record ZoneCase(String zone, String gapCron, String gapTime, String shiftedTo,
                    String overlapCron, String overlapTime, String earlier, String later) {

        LocalDateTime gapNominal() {
            return LocalDateTime.parse(gapTime);
        }

        LocalDateTime overlapNominal() {
            return LocalDateTime.parse(overlapTime);
        }

        @Override
        public String toString() {
            return zone;
        }
    }

    static Stream<ZoneCase> zonesWithDst() {
        return Stream.of(
                // 02:00 -> 03:00 on 8 March; 02:00 -> 01:00 on 1 November (-05:00 / -04:00).
                new ZoneCase("America/New_York",
                        "30 2 * * *", "2026-03-08T02:30", "2026-03-08T07:30:00Z",
                        "30 1 * * *", "2026-11-01T01:30", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"),
                // 01:00 -> 02:00 on 29 March; 02:00 -> 01:00 on 25 October (Z / +01:00).
                new ZoneCase("Europe/London",
                        "30 1 * * *", "2026-03-29T01:30", "2026-03-29T01:30:00Z",
                        "30 1 * * *", "2026-10-25T01:30", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"),
                // A 30-minute shift: 02:00 -> 02:30 on 4 October; 02:00 -> 01:30 on 5 April (+10:30 / +11:00).
                new ZoneCase("Australia/Lord_Howe",
                        "15 2 * * *", "2026-10-04T02:15", "2026-10-03T15:45:00Z",
                        "45 1 * * *", "2026-04-05T01:45", "2026-04-04T14:45:00Z", "2026-04-04T15:15:00Z"),
                // 02:00 -> 03:00 on 4 October; 03:00 -> 02:00 on 5 April (+09:30 / +10:30).
                new ZoneCase("Australia/Adelaide",
                        "30 2 * * *", "2026-10-04T02:30", "2026-10-03T17:00:00Z",
                        "30 2 * * *", "2026-04-05T02:30", "2026-04-04T16:00:00Z", "2026-04-04T17:00:00Z"),
                // 02:00 -> 03:00 on 8 March; 02:00 -> 01:00 on 1 November (-03:30 / -02:30).
                new ZoneCase("America/St_Johns",
                        "30 2 * * *", "2026-03-08T02:30", "2026-03-08T06:00:00Z",
                        "30 1 * * *", "2026-11-01T01:30", "2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z"),
                // 02:45 -> 03:45 on 27 September; 03:45 -> 02:45 on 5 April (+12:45 / +13:45).
                new ZoneCase("Pacific/Chatham",
                        "15 3 * * *", "2026-09-27T03:15", "2026-09-26T14:30:00Z",
                        "15 3 * * *", "2026-04-05T03:15", "2026-04-04T13:30:00Z", "2026-04-04T14:30:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void gapTimeShiftsForwardByTheGapLength(ZoneCase zone) {
        Occurrence shifted = onDayOf(zone.gapNominal(), spec(zone.gapCron(), zone.zone(), SHIFT_AND_EARLIER));

        assertThat(shifted.nominalLocalTime()).isEqualTo(zone.gapNominal());
        assertThat(shifted.resolvedInstant()).isEqualTo(Instant.parse(zone.shiftedTo()))
                .isEqualTo(ZonedDateTime.of(zone.gapNominal(), ZoneId.of(zone.zone())).toInstant());
        assertThat(shifted.dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
        Duration gap = transitionAt(zone.zone(), shifted.resolvedInstant()).getDuration();
        assertThat(shifted.resolvedInstant().atZone(ZoneId.of(zone.zone())).toLocalDateTime())
                .isEqualTo(zone.gapNominal().plus(gap));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void gapTimeDoesNotRunThatDayUnderSkip(ZoneCase zone) {
        LocalDate gapDay = zone.gapNominal().toLocalDate();
        List<Occurrence> threeDays = aroundDayOf(zone.gapNominal(), spec(zone.gapCron(), zone.zone(), SKIP_GAP));

        assertThat(threeDays).extracting(occurrence -> occurrence.nominalLocalTime().toLocalDate())
                .containsExactly(gapDay.minusDays(1), gapDay.plusDays(1));
        assertThat(threeDays).extracting(Occurrence::dstResolution).containsOnly(DstResolution.EXACT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void overlapTimeRunsOnceAtTheEarlierInstantByDefault(ZoneCase zone) {
        Occurrence earlier = onDayOf(zone.overlapNominal(), spec(zone.overlapCron(), zone.zone(), SHIFT_AND_EARLIER));

        assertThat(earlier.nominalLocalTime()).isEqualTo(zone.overlapNominal());
        assertThat(earlier.resolvedInstant()).isEqualTo(Instant.parse(zone.earlier()));
        assertThat(earlier.dstResolution()).isEqualTo(DstResolution.OVERLAP_EARLIER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void overlapTimeRunsOnceAtTheLaterInstantUnderLater(ZoneCase zone) {
        Occurrence later = onDayOf(zone.overlapNominal(), spec(zone.overlapCron(), zone.zone(), LATER_IN_OVERLAP));

        assertThat(later.nominalLocalTime()).isEqualTo(zone.overlapNominal());
        assertThat(later.resolvedInstant()).isEqualTo(Instant.parse(zone.later()));
        assertThat(later.dstResolution()).isEqualTo(DstResolution.OVERLAP_LATER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void overlapTimeRunsAtBothInstantsWithDifferentIdsUnderTwice(ZoneCase zone) {
        List<Occurrence> both = aroundDayOf(zone.overlapNominal(), spec(zone.overlapCron(), zone.zone(), TWICE_IN_OVERLAP)).stream()
                .filter(occurrence -> occurrence.nominalLocalTime().equals(zone.overlapNominal()))
                .toList();

        assertThat(resolvedInstants(both)).containsExactly(Instant.parse(zone.earlier()), Instant.parse(zone.later()));
        assertThat(both).extracting(Occurrence::dstResolution)
                .containsExactly(DstResolution.OVERLAP_EARLIER, DstResolution.OVERLAP_LATER);
        assertThat(both.get(0).id()).isNotEqualTo(both.get(1).id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zonesWithDst")
    void timesOutsideTheTransitionsOfTheDayAreExact(ZoneCase zone) {
        Occurrence noon = onDayOf(zone.gapNominal().withHour(12).withMinute(0), spec("0 12 * * *", zone.zone(), SKIP_GAP));

        assertThat(noon.dstResolution()).isEqualTo(DstResolution.EXACT);
        assertThat(noon.resolvedInstant()).isEqualTo(ZonedDateTime.of(noon.nominalLocalTime(), ZoneId.of(zone.zone())).toInstant());
    }

    /** The 2027 transitions are looked up with java.time here rather than written down. */
    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/London", "Australia/Lord_Howe", "Australia/Adelaide",
        "America/St_Johns", "Pacific/Chatham"})
    void everyPolicyResolvesThe2027TransitionsAsJavaTimeDefinesThem(String zoneName) {
        List<ZoneOffsetTransition> transitions = transitionsIn2027(zoneName);
        assertThat(transitions).hasSize(2);
        for (ZoneOffsetTransition transition : transitions) {
            Duration half = transition.getDuration().abs().dividedBy(2);
            if (transition.isGap()) {
                LocalDateTime inGap = transition.getDateTimeBefore().plus(half);
                String cron = cronAt(inGap);

                assertThat(onDayOf(inGap, spec(cron, zoneName, SHIFT_AND_EARLIER)).resolvedInstant())
                        .isEqualTo(inGap.plus(transition.getDuration()).toInstant(transition.getOffsetAfter()))
                        .isEqualTo(ZonedDateTime.of(inGap, ZoneId.of(zoneName)).toInstant());
                assertThat(aroundDayOf(inGap, spec(cron, zoneName, SKIP_GAP))).isEmpty();
            } else {
                LocalDateTime inOverlap = transition.getDateTimeAfter().plus(half);
                String cron = cronAt(inOverlap);
                Instant earlier = inOverlap.toInstant(transition.getOffsetBefore());
                Instant later = inOverlap.toInstant(transition.getOffsetAfter());

                assertThat(resolvedInstants(aroundDayOf(inOverlap, spec(cron, zoneName, SHIFT_AND_EARLIER)))).containsExactly(earlier);
                assertThat(resolvedInstants(aroundDayOf(inOverlap, spec(cron, zoneName, LATER_IN_OVERLAP)))).containsExactly(later);
                assertThat(resolvedInstants(aroundDayOf(inOverlap, spec(cron, zoneName, TWICE_IN_OVERLAP)))).containsExactly(earlier, later);
                assertThat(later).isEqualTo(earlier.plus(transition.getDuration().abs()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void kathmanduHasNoDstSoEveryRunOfTheYearIsExact(DstPolicy policy) {
        List<Occurrence> year = all(spec("0 9 * * *", "Asia/Kathmandu", policy), "2025-12-31T18:15:00Z", "2026-12-31T18:15:00Z");

        assertThat(year).hasSize(365).allSatisfy(occurrence -> {
            assertThat(occurrence.dstResolution()).isEqualTo(DstResolution.EXACT);
            assertThat(occurrence.resolvedInstant()).isEqualTo(occurrence.nominalLocalTime().toLocalDate().atTime(3, 15).toInstant(ZoneOffset.UTC));
        });
        assertThat(all(spec("*/15 * * * *", "Asia/Kathmandu", policy), "2025-12-31T18:15:00Z", "2026-12-31T18:15:00Z"))
                .hasSize(365 * 96)
                .extracting(Occurrence::dstResolution).containsOnly(DstResolution.EXACT);
    }

    static Stream<DstPolicy> policies() {
        return Stream.of(SHIFT_AND_EARLIER, SKIP_GAP, LATER_IN_OVERLAP, TWICE_IN_OVERLAP);
    }

    @Test
    void shiftedGapTimeThatLandsOnARealRunIsKeptOnceAsTheExactRun() {
        // New York, 8 March 2026: 02:00 and 02:30 shift to 03:00 and 03:30, which the cron names anyway.
        List<Occurrence> morning = all(spec("*/30 * * * *", "America/New_York", SHIFT_AND_EARLIER), "2026-03-08T06:00:00Z", "2026-03-08T09:00:00Z");

        assertThat(resolvedInstants(morning)).containsExactly(
                Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T06:30:00Z"),
                Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-08T07:30:00Z"),
                Instant.parse("2026-03-08T08:00:00Z"), Instant.parse("2026-03-08T08:30:00Z"));
        assertThat(morning).extracting(occurrence -> occurrence.nominalLocalTime().toLocalTime().toString())
                .containsExactly("01:00", "01:30", "03:00", "03:30", "04:00", "04:30");
        assertThat(morning).extracting(Occurrence::dstResolution).containsOnly(DstResolution.EXACT);
        assertThat(morning).extracting(Occurrence::id).doesNotHaveDuplicates();
    }

    @Test
    void quarterHourRunsShiftedOutOfLordHowesHalfHourGapCollapseOntoTheExactOnes() {
        // 02:00 and 02:15 shift to 02:30 and 02:45, which the cron names anyway.
        List<Occurrence> morning = all(spec("*/15 * * * *", "Australia/Lord_Howe", SHIFT_AND_EARLIER), "2026-10-03T15:00:00Z", "2026-10-03T16:30:00Z");

        assertThat(morning).extracting(occurrence -> occurrence.nominalLocalTime().toLocalTime().toString())
                .containsExactly("01:30", "01:45", "02:30", "02:45", "03:00", "03:15");
        assertThat(morning).extracting(Occurrence::dstResolution).containsOnly(DstResolution.EXACT);
    }

    @Test
    void repeatedHourRunTwiceComesOutInInstantOrder() {
        List<Occurrence> night = all(spec("*/30 * * * *", "America/New_York", TWICE_IN_OVERLAP), "2026-11-01T04:00:00Z", "2026-11-01T08:00:00Z");

        assertThat(resolvedInstants(night)).isSorted().doesNotHaveDuplicates().hasSize(8);
        assertThat(night).extracting(occurrence -> occurrence.nominalLocalTime().toLocalTime().toString())
                .containsExactly("00:00", "00:30", "01:00", "01:30", "01:00", "01:30", "02:00", "02:30");
        assertThat(night).extracting(Occurrence::dstResolution).containsExactly(
                DstResolution.EXACT, DstResolution.EXACT,
                DstResolution.OVERLAP_EARLIER, DstResolution.OVERLAP_EARLIER,
                DstResolution.OVERLAP_LATER, DstResolution.OVERLAP_LATER,
                DstResolution.EXACT, DstResolution.EXACT);
    }

    @Test
    void underEarlierTheSecondPassThroughTheRepeatedHourHasNoRuns() {
        List<Occurrence> secondPass = all(spec("*/30 * * * *", "America/New_York", SHIFT_AND_EARLIER), "2026-11-01T06:00:00Z", "2026-11-01T07:00:00Z");

        assertThat(secondPass).isEmpty();
    }

    /** The single occurrence whose nominal time is {@code nominal}, from an expansion of the days around it. */
    private static Occurrence onDayOf(LocalDateTime nominal, RecurrenceSpec spec) {
        List<Occurrence> matching = aroundDayOf(nominal, spec).stream()
                .filter(occurrence -> occurrence.nominalLocalTime().equals(nominal))
                .toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    /** The occurrences of the local day before, the day of and the day after {@code nominal}, in the spec's zone. */
    private static List<Occurrence> aroundDayOf(LocalDateTime nominal, RecurrenceSpec spec) {
        LocalDate day = nominal.toLocalDate();
        return all(spec, day.minusDays(1).atStartOfDay(spec.zone()).toInstant(), day.plusDays(2).atStartOfDay(spec.zone()).toInstant());
    }

    private static String cronAt(LocalDateTime time) {
        return time.getMinute() + " " + time.getHour() + " " + time.getDayOfMonth() + " " + time.getMonthValue() + " *";
    }

    private static ZoneOffsetTransition transitionAt(String zone, Instant near) {
        return ZoneId.of(zone).getRules().previousTransition(near.plusSeconds(1));
    }

    private static List<ZoneOffsetTransition> transitionsIn2027(String zone) {
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        Instant end = Instant.parse("2028-01-01T00:00:00Z");
        for (ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(Instant.parse("2027-01-01T00:00:00Z"));
                t != null && t.getInstant().isBefore(end); t = ZoneId.of(zone).getRules().nextTransition(t.getInstant())) {
            transitions.add(t);
        }
        return transitions;
    }
}

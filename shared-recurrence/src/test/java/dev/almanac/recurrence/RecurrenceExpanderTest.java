package dev.almanac.recurrence;

import static dev.almanac.recurrence.RecurrenceSpecs.RULE;
import static dev.almanac.recurrence.RecurrenceSpecs.SHIFT_AND_EARLIER;
import static dev.almanac.recurrence.RecurrenceSpecs.SKIP_GAP;
import static dev.almanac.recurrence.RecurrenceSpecs.TWICE_IN_OVERLAP;
import static dev.almanac.recurrence.RecurrenceSpecs.all;
import static dev.almanac.recurrence.RecurrenceSpecs.resolvedInstants;
import static dev.almanac.recurrence.RecurrenceSpecs.spec;
import static dev.almanac.recurrence.RecurrenceSpecs.withJitter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceExpanderTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void skipDropsExactlyTheSpringForwardDaysOverTenYears() {
        Instant from = LocalDate.parse("2026-01-01").atStartOfDay(NEW_YORK).toInstant();
        Instant until = LocalDate.parse("2036-01-01").atStartOfDay(NEW_YORK).toInstant();
        long days = ChronoUnit.DAYS.between(LocalDate.parse("2026-01-01"), LocalDate.parse("2036-01-01"));
        long springForwardDaysSkipping0230 = gapsContaining(LocalTime.of(2, 30), from, until);

        List<Occurrence> skipped = all(spec("30 2 * * *", "America/New_York", SKIP_GAP), from, until);
        List<Occurrence> shifted = all(spec("30 2 * * *", "America/New_York", SHIFT_AND_EARLIER), from, until);

        assertThat(days).isEqualTo(3652);
        assertThat(springForwardDaysSkipping0230).isEqualTo(10);
        assertThat(skipped).hasSize((int) (days - springForwardDaysSkipping0230));
        assertThat(shifted).hasSize((int) days);
    }

    @Test
    void materialisesTheSampleOccurrenceOfTheSampleRule() {
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();
        RecurrenceSpec nightly = RecurrenceSpec.of(EventSamples.ruleCreated());

        Occurrence occurrence = RecurrenceExpander.next(nightly, sample.start().minusSeconds(1)).orElseThrow();

        assertThat(occurrence.id()).isEqualTo(sample.occurrenceId());
        assertThat(occurrence.start()).isEqualTo(sample.start());
        assertThat(occurrence.end()).isEqualTo(sample.end());
        assertThat(occurrence.zone()).isEqualTo(sample.timezone());
        assertThat(occurrence.nominalLocalTime()).isEqualTo(sample.nominalLocalTime());
        assertThat(occurrence.dstResolution()).isEqualTo(sample.dstResolution());
    }

    @Test
    void windowIncludesItsStartAndExcludesItsEnd() {
        List<Occurrence> hourly = all(spec("0 * * * *", "UTC"), "2026-06-01T10:00:00Z", "2026-06-01T13:00:00Z");

        assertThat(resolvedInstants(hourly)).containsExactly(
                Instant.parse("2026-06-01T10:00:00Z"), Instant.parse("2026-06-01T11:00:00Z"), Instant.parse("2026-06-01T12:00:00Z"));
    }

    @Test
    void windowStartingBetweenRunsStartsWithTheNextRun() {
        List<Occurrence> fiveMinutely = all(spec("*/5 * * * *", "America/New_York"), "2026-06-01T14:17:30Z", "2026-06-01T14:31:00Z");

        assertThat(resolvedInstants(fiveMinutely)).containsExactly(
                Instant.parse("2026-06-01T14:20:00Z"), Instant.parse("2026-06-01T14:25:00Z"), Instant.parse("2026-06-01T14:30:00Z"));
    }

    @Test
    void emptyWindowHasNoOccurrences() {
        Instant at = Instant.parse("2026-06-01T10:00:00Z");

        Expansion expansion = RecurrenceExpander.expand(spec("0 * * * *", "UTC"), at, at, 10);

        assertThat(expansion.occurrences()).isEmpty();
        assertThat(expansion.truncated()).isFalse();
        assertThat(expansion.coveredUntil()).isEqualTo(at);
    }

    @Test
    void windowStartingInsideTheRepeatedHourStartsWithItsLaterRuns() {
        List<Occurrence> twice = all(spec("*/30 * * * *", "America/New_York", TWICE_IN_OVERLAP), "2026-11-01T05:45:00Z", "2026-11-01T07:01:00Z");

        assertThat(resolvedInstants(twice)).containsExactly(
                Instant.parse("2026-11-01T06:00:00Z"), Instant.parse("2026-11-01T06:30:00Z"), Instant.parse("2026-11-01T07:00:00Z"));
        assertThat(twice).extracting(occurrence -> occurrence.nominalLocalTime().toLocalTime().toString())
                .containsExactly("01:00", "01:30", "02:00");
    }

    @Test
    void windowEndingInsideTheRepeatedHourEndsWithItsEarlierRuns() {
        List<Occurrence> twice = all(spec("*/30 * * * *", "America/New_York", TWICE_IN_OVERLAP), "2026-11-01T04:59:00Z", "2026-11-01T06:00:00Z");

        assertThat(resolvedInstants(twice)).containsExactly(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void windowStartingAtTheEndOfTheGapStartsWithTheExactRun() {
        List<Occurrence> shifted = all(spec("*/30 * * * *", "America/New_York"), "2026-03-08T07:00:00Z", "2026-03-08T07:31:00Z");

        assertThat(shifted).extracting(occurrence -> occurrence.nominalLocalTime().toLocalTime().toString()).containsExactly("03:00", "03:30");
    }

    @Test
    void limitCutsTheListAndSaysWhereToContinue() {
        Expansion page = RecurrenceExpander.expand(spec("0 * * * *", "UTC"), Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"), 4);

        assertThat(resolvedInstants(page.occurrences())).containsExactly(
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T01:00:00Z"),
                Instant.parse("2026-06-01T02:00:00Z"), Instant.parse("2026-06-01T03:00:00Z"));
        assertThat(page.truncated()).isTrue();
        assertThat(page.coveredUntil()).isEqualTo(Instant.parse("2026-06-01T04:00:00Z"));
    }

    @Test
    void limitThatFitsEveryOccurrenceDoesNotTruncate() {
        Expansion page = RecurrenceExpander.expand(spec("0 * * * *", "UTC"), Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-01T04:00:00Z"), 4);

        assertThat(page.occurrences()).hasSize(4);
        assertThat(page.truncated()).isFalse();
        assertThat(page.coveredUntil()).isEqualTo(Instant.parse("2026-06-01T04:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 100})
    void pagingThroughAWindowYieldsEveryOccurrenceOnceInOrder(int pageSize) {
        for (String zone : List.of("America/New_York", "Australia/Lord_Howe", "Pacific/Chatham")) {
            RecurrenceSpec spec = spec("*/15 * * * *", zone, TWICE_IN_OVERLAP);
            for (Instant transition : transitionsIn2026(zone)) {
                Instant from = transition.minus(Duration.ofHours(5)).plusSeconds(1);
                Instant until = transition.plus(Duration.ofHours(5));

                assertThat(paged(spec, from, until, pageSize)).isEqualTo(all(spec, from, until));
            }
        }
    }

    /**
     * Per zone, a cron that runs through the 2026 overlap twice, and one with runs inside the
     * spring-forward gap that no exact run shadows once shifted.
     */
    static Stream<Arguments> cronsAcrossTransitions() {
        return Stream.of(
                Arguments.of("America/New_York", "*/30 * * * *", DstResolution.OVERLAP_LATER),
                Arguments.of("America/New_York", "*/10 2 * * *", DstResolution.GAP_SHIFTED),
                Arguments.of("Europe/London", "*/30 * * * *", DstResolution.OVERLAP_LATER),
                Arguments.of("Europe/London", "*/10 1 * * *", DstResolution.GAP_SHIFTED),
                Arguments.of("Australia/Lord_Howe", "*/30 * * * *", DstResolution.OVERLAP_LATER),
                Arguments.of("Australia/Lord_Howe", "0-25/5 2 * * *", DstResolution.GAP_SHIFTED),
                Arguments.of("Pacific/Chatham", "*/30 * * * *", DstResolution.OVERLAP_LATER),
                Arguments.of("Pacific/Chatham", "45-55/5 2 * * *", DstResolution.GAP_SHIFTED));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("cronsAcrossTransitions")
    void subWindowsConcatenateToTheWholeWindow(String zone, String cron, DstResolution edgeCase) {
        RecurrenceSpec spec = spec(cron, zone, TWICE_IN_OVERLAP);
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        TreeSet<Instant> cuts = new TreeSet<>(List.of(from, until));
        for (Instant transition : transitionsIn2026(zone)) {
            for (long minutes = -95; minutes <= 95; minutes += 5) {
                cuts.add(transition.plus(Duration.ofMinutes(minutes)));
            }
        }
        for (Instant cut = from.plus(Duration.ofMinutes(17)); cut.isBefore(until); cut = cut.plus(Duration.ofDays(9)).plusSeconds(30)) {
            cuts.add(cut);
        }

        List<Occurrence> concatenated = new ArrayList<>();
        Instant start = cuts.pollFirst();
        for (Instant end : cuts) {
            concatenated.addAll(all(spec, start, end));
            start = end;
        }

        assertThat(concatenated).isEqualTo(all(spec, from, until))
                .extracting(Occurrence::dstResolution).contains(edgeCase);
    }

    @Test
    void windowStartingBetweenTheTransitionAndAShiftedRunStillHasTheShiftedRun() {
        // The gap starts at 07:00Z; 02:30 shifts to 03:30, which is 07:30Z.
        List<Occurrence> shifted = all(spec("30 2 * * *", "America/New_York"), "2026-03-08T07:10:00Z", "2026-03-08T08:00:00Z");

        assertThat(shifted).extracting(Occurrence::resolvedInstant, Occurrence::dstResolution)
                .containsExactly(tuple(Instant.parse("2026-03-08T07:30:00Z"), DstResolution.GAP_SHIFTED));
    }

    @Test
    void sameWindowGivesEqualOccurrencesEveryTime() {
        RecurrenceSpec spec = withJitter(spec("*/20 * * * *", "Australia/Lord_Howe", TWICE_IN_OVERLAP), RULE, 600);

        assertThat(all(spec, "2026-04-01T00:00:00Z", "2026-04-10T00:00:00Z"))
                .isEqualTo(all(spec, "2026-04-01T00:00:00Z", "2026-04-10T00:00:00Z"));
    }

    @Test
    void idDerivesFromTheRuleAndTheResolvedInstantBeforeJitter() {
        RecurrenceSpec plain = spec("0 9 * * *", "Europe/London");
        RecurrenceSpec jittered = withJitter(plain, RULE, 3600);

        List<Occurrence> withoutJitter = all(plain, "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z");
        List<Occurrence> withJitter = all(jittered, "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z");

        assertThat(withJitter).extracting(Occurrence::id).isEqualTo(withoutJitter.stream().map(Occurrence::id).toList());
        assertThat(withJitter).allSatisfy(occurrence ->
                assertThat(occurrence.id()).isEqualTo(OccurrenceId.of(RULE, occurrence.resolvedInstant())));
        assertThat(withJitter).extracting(Occurrence::start).isNotEqualTo(withoutJitter.stream().map(Occurrence::start).toList());
    }

    @Test
    void jitterDelaysEachStartByAtMostTheConfiguredSeconds() {
        List<Occurrence> hourly = all(withJitter(spec("0 * * * *", "UTC"), RULE, 3600), "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z");

        assertThat(hourly).hasSize(720).allSatisfy(occurrence ->
                assertThat(Duration.between(occurrence.resolvedInstant(), occurrence.start())).isBetween(Duration.ZERO, Duration.ofHours(1)));
        assertThat(hourly.stream().map(occurrence -> Duration.between(occurrence.resolvedInstant(), occurrence.start())).distinct().count())
                .as("jitter spreads the starts rather than moving them all alike")
                .isGreaterThan(500);
    }

    @Test
    void jitterDiffersBetweenRules() {
        RecurrenceSpec spec = spec("0 * * * *", "UTC");
        List<Instant> first = starts(withJitter(spec, RuleId.of("rule-a"), 3600));
        List<Instant> second = starts(withJitter(spec, RuleId.of("rule-b"), 3600));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void withoutJitterEachStartIsTheResolvedInstantAndEachEndAddsTheDuration() {
        List<Occurrence> daily = all(spec("30 2 * * *", "America/New_York"), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z");

        assertThat(daily).hasSize(3).allSatisfy(occurrence -> {
            assertThat(occurrence.start()).isEqualTo(occurrence.resolvedInstant());
            assertThat(occurrence.end()).isEqualTo(occurrence.start().plus(RecurrenceSpecs.QUARTER_HOUR));
            assertThat(occurrence.ruleId()).isEqualTo(RULE);
            assertThat(occurrence.zone()).isEqualTo(NEW_YORK);
        });
    }

    @Test
    void perMinuteRuleGivesOneOccurrencePerMinuteOfTheWindow() {
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant until = from.plus(Duration.ofDays(90));

        assertThat(all(spec("* * * * *", "UTC"), from, until)).hasSize(129_600);
        // Across New York's spring-forward gap, the shifted 02:xx runs collapse onto the exact 03:xx ones.
        assertThat(all(spec("* * * * *", "America/New_York"), from, until)).hasSize(129_600);
    }

    // The timeout guards against a search that walks to the window's end; it is not a speed check.
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void smallLimitStopsTheSearchLongBeforeAFarOffWindowEnd() {
        Expansion page = RecurrenceExpander.expand(spec("0 9 * * 1-5", "America/New_York"),
                Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("+100000-01-01T00:00:00Z"), 3);

        assertThat(resolvedInstants(page.occurrences())).containsExactly(
                Instant.parse("2026-10-30T13:00:00Z"), Instant.parse("2026-11-02T14:00:00Z"), Instant.parse("2026-11-03T14:00:00Z"));
        assertThat(page.truncated()).isTrue();
        assertThat(page.coveredUntil()).isEqualTo(Instant.parse("2026-11-04T14:00:00Z"));
    }

    @Test
    void nextIsTheFirstRunStrictlyAfterTheGivenInstant() {
        RecurrenceSpec hourly = spec("0 * * * *", "UTC");

        assertThat(RecurrenceExpander.next(hourly, Instant.parse("2026-06-01T10:00:00Z")))
                .map(Occurrence::resolvedInstant).contains(Instant.parse("2026-06-01T11:00:00Z"));
        assertThat(RecurrenceExpander.next(hourly, Instant.parse("2026-06-01T09:59:59.999999999Z")))
                .map(Occurrence::resolvedInstant).contains(Instant.parse("2026-06-01T10:00:00Z"));
    }

    @Test
    void nextPassesOverASkippedGapDay() {
        RecurrenceSpec nightly = spec("30 2 * * *", "America/New_York", SKIP_GAP);

        assertThat(RecurrenceExpander.next(nightly, Instant.parse("2026-03-07T07:30:00Z")))
                .map(Occurrence::resolvedInstant).contains(Instant.parse("2026-03-09T06:30:00Z"));
    }

    @Test
    void nextFindsALeapDayYearsAway() {
        assertThat(RecurrenceExpander.next(spec("0 0 29 2 *", "UTC"), Instant.parse("2097-03-01T00:00:00Z")))
                .map(Occurrence::resolvedInstant).contains(Instant.parse("2104-02-29T00:00:00Z"));
    }

    @Test
    void quartzCronWithAYearFieldIsExhaustedAfterItsLastRun() {
        RecurrenceSpec mondays2027 = new RecurrenceSpec(RULE, CronExpression.parse(CronDialect.QUARTZ, "0 0 12 ? * MON 2027"),
                ZoneId.of("Europe/London"), SHIFT_AND_EARLIER, RecurrenceSpecs.QUARTER_HOUR, 0);

        assertThat(RecurrenceExpander.last(mondays2027)).map(Occurrence::resolvedInstant).contains(Instant.parse("2027-12-27T12:00:00Z"));
        assertThat(RecurrenceExpander.isExhausted(mondays2027, Instant.parse("2026-06-01T00:00:00Z"))).isFalse();
        assertThat(RecurrenceExpander.isExhausted(mondays2027, Instant.parse("2027-12-27T11:59:59Z"))).isFalse();
        assertThat(RecurrenceExpander.isExhausted(mondays2027, Instant.parse("2027-12-27T12:00:00Z"))).isTrue();
    }

    @Test
    void aScheduleWithoutAnEndHasNoLastRunAndIsNeverExhausted() {
        RecurrenceSpec hourly = spec("0 * * * *", "UTC");

        assertThat(RecurrenceExpander.last(hourly)).isEmpty();
        assertThat(RecurrenceExpander.isExhausted(hourly, Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void countIsHowManyOccurrencesExpansionLists() {
        for (RecurrenceSpec spec : List.of(spec("*/15 * * * *", "America/New_York", TWICE_IN_OVERLAP), spec("30 2 * * *", "Europe/London", SKIP_GAP),
                spec("0 9 * * 1-5", "Australia/Lord_Howe"))) {
            Instant from = Instant.parse("2026-01-01T00:00:00Z");
            Instant until = Instant.parse("2027-01-01T00:00:00Z");

            assertThat(RecurrenceExpander.count(spec, from, until)).isEqualTo(all(spec, from, until).size());
        }
    }

    @Test
    void rejectsAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> RecurrenceExpander.expand(spec("0 * * * *", "UTC"), Instant.parse("2026-06-02T00:00:00Z"), Instant.parse("2026-06-01T00:00:00Z"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from 2026-06-02T00:00:00Z must not be after until 2026-06-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void rejectsALimitThatIsNotPositive(int limit) {
        assertThatThrownBy(() -> RecurrenceExpander.expand(spec("0 * * * *", "UTC"), Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-02T00:00:00Z"), limit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be positive but was " + limit);
    }

    private static List<Occurrence> paged(RecurrenceSpec spec, Instant from, Instant until, int pageSize) {
        List<Occurrence> occurrences = new ArrayList<>();
        Expansion page = RecurrenceExpander.expand(spec, from, until, pageSize);
        occurrences.addAll(page.occurrences());
        while (page.truncated()) {
            assertThat(page.occurrences()).hasSize(pageSize);
            page = RecurrenceExpander.expand(spec, page.coveredUntil(), until, pageSize);
            occurrences.addAll(page.occurrences());
        }
        assertThat(page.coveredUntil()).isEqualTo(until);
        return occurrences;
    }

    private static List<Instant> starts(RecurrenceSpec spec) {
        return all(spec, "2026-06-01T00:00:00Z", "2026-06-02T00:00:00Z").stream().map(Occurrence::start).toList();
    }

    private static List<Instant> transitionsIn2026(String zone) {
        List<Instant> transitions = new ArrayList<>();
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        for (ZoneOffsetTransition t = ZoneId.of(zone).getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
                t != null && t.getInstant().isBefore(end); t = ZoneId.of(zone).getRules().nextTransition(t.getInstant())) {
            transitions.add(t.getInstant());
        }
        return transitions;
    }

    /** Spring-forward gaps in New York between {@code from} and {@code until} that swallow {@code time}. */
    private static long gapsContaining(LocalTime time, Instant from, Instant until) {
        long gaps = 0;
        for (ZoneOffsetTransition t = NEW_YORK.getRules().nextTransition(from);
                t != null && t.getInstant().isBefore(until); t = NEW_YORK.getRules().nextTransition(t.getInstant())) {
            if (t.isGap() && !time.isBefore(t.getDateTimeBefore().toLocalTime()) && time.isBefore(t.getDateTimeAfter().toLocalTime())) {
                gaps++;
            }
        }
        return gaps;
    }
}

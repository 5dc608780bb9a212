package dev.almanac.benchmarks.seedscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The plan is PERF-SCALE's mix (issue 68), exactly and reproducibly, within every limit the API enforces. */
class SeedPlanTest {

    private static final Instant START = Instant.parse("2027-03-01T08:17:00Z");
    private static final SeedScaleOptions SEED_SCALE = SeedScaleOptions.parse(List.of());

    @Test
    void tenThousandRulesAreSeedZeroZeroZerosMixAndMakeAboutNinetyThousandJobsADay() {
        SeedPlan plan = SeedPlan.draw(SEED_SCALE, "ss1", START);

        assertThat(plan.rules()).hasSize(10_000);
        assertThat(plan.cadences()).containsExactlyInAnyOrderEntriesOf(Map.of(
                SeedPlan.Cadence.DAILY, 5_994, SeedPlan.Cadence.OFFICE_HOURS, 1_998, SeedPlan.Cadence.HOURLY, 999,
                SeedPlan.Cadence.HALF_HOURLY, 999, SeedPlan.Cadence.PLANTED_DAILY, 6, SeedPlan.Cadence.PLANTED_WEEKDAYS, 4));
        assertThat(plan.jobsPerDay()).isBetween(90_000L, 91_000L);
        assertThat(plan.rules()).extracting(SeedPlan.RuleSpec::id).doesNotHaveDuplicates();
    }

    @Test
    void eachCadenceIsTheCronItNames() {
        SeedPlan plan = SeedPlan.draw(SEED_SCALE, "ss1", START);

        Map<SeedPlan.Cadence, String> forms = Map.of(
                SeedPlan.Cadence.DAILY, "([0-5]?\\d) (1?\\d|2[0-3]) \\* \\* \\*",
                SeedPlan.Cadence.OFFICE_HOURS, "([0-5]?\\d) 9-17 \\* \\* 1-5",
                SeedPlan.Cadence.HOURLY, "([0-5]?\\d) \\* \\* \\* \\*",
                SeedPlan.Cadence.HALF_HOURLY, "([12]?\\d),([345]\\d) \\* \\* \\* \\*",
                SeedPlan.Cadence.PLANTED_DAILY, "([0-5]?\\d) (1?\\d|2[0-3]) \\* \\* \\*",
                SeedPlan.Cadence.PLANTED_WEEKDAYS, "([0-5]?\\d) (1?\\d|2[0-3]) \\* \\* 1-5");
        plan.rules().forEach(rule -> assertThat(rule.cron()).as(rule.cadence().name()).matches(forms.get(rule.cadence())));
        plan.rules().stream().filter(rule -> rule.cadence() == SeedPlan.Cadence.HALF_HOURLY).forEach(rule -> {
            String[] minutes = rule.cron().split(" ")[0].split(",");
            assertThat(Integer.parseInt(minutes[1]) - Integer.parseInt(minutes[0])).as(rule.cron()).isEqualTo(30);
        });
        assertThat(plan.rules()).allSatisfy(rule -> assertThat(rule.duration()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(25)));
    }

    @Test
    void everyUserOwnsAtMostFiftyRulesAndConsecutiveRulesHaveDifferentOwners() {
        SeedPlan plan = SeedPlan.draw(SEED_SCALE, "ss1", START);

        Map<String, Long> owned = plan.rules().stream().collect(Collectors.groupingBy(SeedPlan.RuleSpec::owner, Collectors.counting()));
        assertThat(owned).hasSize(200);
        assertThat(owned.values()).allSatisfy(count -> assertThat(count).isEqualTo(SeedScaleOptions.MAX_RULES_PER_USER));
        for (int i = 1; i < plan.rules().size(); i++) {
            assertThat(plan.rules().get(i).owner()).isNotEqualTo(plan.rules().get(i - 1).owner());
        }
    }

    @Test
    void theMixSpreadsOverTheOpenCalendarsAndEveryZoneWhileThePlantedCalendarsHoldOnlyTheirPairs() {
        SeedPlan plan = SeedPlan.draw(SEED_SCALE, "ss1", START);

        Set<String> planted = plan.plantedCalendars().stream().map(SeedPlan.CalendarSpec::id).collect(Collectors.toSet());
        assertThat(plan.calendars()).hasSize(100);
        assertThat(planted).hasSize(5);
        assertThat(plan.openCalendars()).allSatisfy(calendar -> assertThat(calendar.capacity()).isEqualTo(10_000));
        Map<String, Long> perCalendar = plan.rules().stream().filter(rule -> !planted.contains(rule.calendar()))
                .collect(Collectors.groupingBy(SeedPlan.RuleSpec::calendar, Collectors.counting()));
        assertThat(perCalendar).as("every open calendar gets rules").hasSize(95);
        assertThat(plan.rules().stream().filter(rule -> planted.contains(rule.calendar())))
                .extracting(SeedPlan.RuleSpec::cadence)
                .containsOnly(SeedPlan.Cadence.PLANTED_DAILY, SeedPlan.Cadence.PLANTED_WEEKDAYS).hasSize(10);
        assertThat(plan.rules()).extracting(SeedPlan.RuleSpec::zone).containsAll(SeedPlan.ZONES);
        assertThat(SeedPlan.ZONES).hasSize(8).contains(ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"));
        assertThat(START.atZone(ZoneId.of("Asia/Kolkata")).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(START.atZone(ZoneId.of("Asia/Kathmandu")).getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 45));
    }

    @Test
    void theSameSeedDrawsTheSamePlanAndAnotherSeedAnother() {
        SeedPlan once = SeedPlan.draw(SEED_SCALE, "ss1", START);
        SeedPlan again = SeedPlan.draw(SEED_SCALE, "ss1", START);
        SeedPlan other = SeedPlan.draw(SeedScaleOptions.parse(List.of("--seed", "2")), "ss1", START);

        assertThat(again).isEqualTo(once);
        assertThat(other.rules()).isNotEqualTo(once.rules());
    }

    @Test
    void plantedPairsOverlapInDaytimeFarFromTheTimeOfDayTheRunStarts() {
        SeedPlan plan = SeedPlan.draw(SeedScaleOptions.parse(List.of("--planted-calendars", "2", "--planted-pairs", "7")), "ss1", START);

        assertThat(plan.planted()).hasSize(14);
        Map<String, SeedPlan.PlantedRule> byId = plan.planted().stream().collect(Collectors.toMap(SeedPlan.PlantedRule::ruleId, Function.identity()));
        for (int pair = 0; pair < 7; pair++) {
            SeedPlan.PlantedRule first = byId.get("ss1-x%02da".formatted(pair));
            SeedPlan.PlantedRule second = byId.get("ss1-x%02db".formatted(pair));
            assertThat(second.calendar()).isEqualTo(first.calendar());
            assertThat(second.zone()).isEqualTo(first.zone());
            assertThat(second.weekdaysOnly()).isEqualTo(first.weekdaysOnly()).isEqualTo(pair % 2 == 1);
            assertThat(second.at()).as("the second starts while the first runs").isAfter(first.at()).isBefore(first.at().plus(first.duration()));
            for (SeedPlan.PlantedRule rule : List.of(first, second)) {
                assertThat(rule.at()).isBetween(LocalTime.of(5, 0), LocalTime.of(23, 10));
                LocalTime utc = START.atZone(rule.zone()).with(rule.at()).withZoneSameInstant(ZoneOffset.UTC).toLocalTime();
                long fromStart = Math.floorMod(Duration.between(START.atZone(ZoneOffset.UTC).toLocalTime(), utc).toMinutes(), 1440);
                assertThat(Math.min(fromStart, 1440 - fromStart)).as("minutes of the day from the start's").isGreaterThanOrEqualTo(6 * 60);
            }
        }
        assertThat(plan.plantedCalendars()).allSatisfy(calendar -> assertThat(calendar.capacity()).isEqualTo(1));
    }
}

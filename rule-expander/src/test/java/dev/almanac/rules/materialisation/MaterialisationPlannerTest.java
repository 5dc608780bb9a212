package dev.almanac.rules.materialisation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.rules.rule.StoredRule;
import dev.almanac.rules.testing.RuleSamples;

class MaterialisationPlannerTest {

    private static final Duration HORIZON = Duration.ofDays(90);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private final MaterialisationPlanner planner = new MaterialisationPlanner(HORIZON, 5000);

    @Test
    void aNewRuleIsExpandedFromActiveFromToActiveFromPlusTheHorizon() {
        RuleCreated nightly = EventSamples.ruleCreated();
        StoredRule rule = created(nightly);

        Materialisation pass = planner.forCreatedRule(rule).orElseThrow();

        List<OccurrenceMaterialized> events = events(pass);
        assertThat(events).hasSize(90);
        assertThat(events.get(0).nominalLocalTime()).isEqualTo(LocalDateTime.parse("2026-11-21T02:30"));
        assertThat(events.get(0).resolvedAt()).isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
        assertThat(events.get(89).resolvedAt()).isEqualTo(Instant.parse("2027-02-18T07:30:00Z"));
        assertThat(events).allSatisfy(event -> assertThat(event.resolvedAt())
                .isAfterOrEqualTo(nightly.activeFrom()).isBefore(nightly.activeFrom().plus(HORIZON)));
        assertThat(pass.truncated()).isFalse();
        assertThat(pass.materialisedUntil()).isEqualTo(nightly.activeFrom());
        assertThat(pass.coveredUntil()).isEqualTo(nightly.activeFrom().plus(HORIZON));
    }

    @Test
    void theFirstPassIsStampedWithTheRuleEventAndDependsOnNothingElse() {
        StoredRule rule = created(EventSamples.ruleCreated());

        Materialisation first = planner.forCreatedRule(rule).orElseThrow();
        Materialisation replayed = new MaterialisationPlanner(HORIZON, 5000).forCreatedRule(rule).orElseThrow();

        assertThat(replayed).isEqualTo(first);
        assertThat(first.publications()).allSatisfy(publication ->
                assertThat(publication.metadata().time()).isEqualTo(RuleSamples.CREATED_AT));
    }

    @Test
    void neverExpandsFromBeforeActiveFromEvenBelowAMillisecond() {
        Instant justAfterTheFirstRun = Instant.parse("2026-11-21T07:30:00.000500Z");
        RuleCreated rule = RuleSamples.activeFrom(EventSamples.ruleCreated(), justAfterTheFirstRun);
        // As read back from the store, whose dates keep milliseconds: 07:30:00.000 exactly.
        StoredRule stored = withMaterialisedUntil(created(rule), Instant.parse("2026-11-21T07:30:00Z"));

        Materialisation pass = planner.forCreatedRule(stored).orElseThrow();

        assertThat(events(pass).get(0).resolvedAt()).isEqualTo(Instant.parse("2026-11-22T07:30:00Z"));
        assertThat(pass.materialisedUntil()).as("the stored value the move is conditional on")
                .isEqualTo(Instant.parse("2026-11-21T07:30:00Z"));
    }

    @Test
    void aRedeliveredCreationPlansNothingOnceTheStoredStateShowsItsWindowPublished() {
        RuleCreated nightly = EventSamples.ruleCreated();
        StoredRule published = withMaterialisedUntil(created(nightly), nightly.activeFrom().plus(HORIZON));
        StoredRule advancedFurther = withMaterialisedUntil(created(nightly), nightly.activeFrom().plus(HORIZON).plus(Duration.ofDays(3)));

        assertThat(planner.forCreatedRule(published)).isEmpty();
        assertThat(planner.forCreatedRule(advancedFurther)).isEmpty();
    }

    @Test
    void aBusyRuleIsCutAtTheCapAndTheNextPassContinuesWithoutGapOrDuplicate() {
        Instant activeFrom = Instant.parse("2026-11-20T12:00:00Z");
        StoredRule rule = created(RuleSamples.everyMinute("rule-every-minute", activeFrom));

        Materialisation first = planner.forCreatedRule(rule).orElseThrow();
        Materialisation second = planner.forHorizonAdvance(withMaterialisedUntil(rule, first.coveredUntil()), activeFrom).orElseThrow();

        assertThat(first.publications()).hasSize(5000);
        assertThat(first.truncated()).isTrue();
        assertThat(first.coveredUntil()).isEqualTo(activeFrom.plus(Duration.ofMinutes(5000)));
        assertThat(second.publications()).hasSize(5000);
        assertThat(second.materialisedUntil()).isEqualTo(first.coveredUntil());
        List<OccurrenceMaterialized> both = new ArrayList<>(events(first));
        both.addAll(events(second));
        for (int minute = 0; minute < both.size(); minute++) {
            assertThat(both.get(minute).resolvedAt()).isEqualTo(activeFrom.plus(Duration.ofMinutes(minute)));
        }
        assertThat(both).extracting(OccurrenceMaterialized::occurrenceId).doesNotHaveDuplicates();
    }

    @Test
    void anAdvanceExpandsFromMaterialisedUntilToNowPlusTheHorizonAcrossTheSpringForwardGap() {
        RuleCreated nightly = EventSamples.ruleCreated();
        Instant firstPassEnd = nightly.activeFrom().plus(HORIZON);
        StoredRule rule = withMaterialisedUntil(created(nightly), firstPassEnd);
        Instant now = Instant.parse("2026-12-20T12:00:00.987654321Z");

        Materialisation pass = planner.forHorizonAdvance(rule, now).orElseThrow();

        List<OccurrenceMaterialized> events = events(pass);
        assertThat(events).hasSize(30);
        assertThat(events.get(0).resolvedAt()).isEqualTo(Instant.parse("2027-02-19T07:30:00Z"));
        assertThat(pass.coveredUntil()).as("cut to milliseconds").isEqualTo(Instant.parse("2027-03-20T12:00:00.987Z"));
        OccurrenceMaterialized springForward = events.stream()
                .filter(event -> event.nominalLocalTime().equals(LocalDateTime.parse("2027-03-14T02:30")))
                .findFirst().orElseThrow();
        // 02:30 does not exist on 14 March 2027 in New York; read at the offset before the gap it runs at 03:30 EDT.
        assertThat(springForward.dstResolution()).isEqualTo(DstResolution.GAP_SHIFTED);
        assertThat(springForward.resolvedAt()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(springForward.start().atZone(NEW_YORK).toLocalTime()).hasToString("03:30");
        assertThat(springForward.occurrenceId()).isEqualTo(OccurrenceId.of(nightly.ruleId(), springForward.resolvedAt()));
        assertThat(events).filteredOn(event -> event.dstResolution() != DstResolution.GAP_SHIFTED)
                .allSatisfy(event -> assertThat(event.dstResolution()).isEqualTo(DstResolution.EXACT));
        assertThat(pass.publications()).allSatisfy(publication -> assertThat(publication.metadata().time()).isEqualTo(now));
    }

    @Test
    void aRuleSkippingTheGapStillMovesForwardWhenItsWindowHasNoOccurrence() {
        RuleCreated rule = RuleSamples.activeFrom(RuleSamples.withDstPolicy(RuleSamples.withCron(EventSamples.ruleCreated(), "30 2 14 3 *"),
                new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER)), Instant.parse("2027-03-01T00:00:00Z"));

        Materialisation pass = new MaterialisationPlanner(Duration.ofDays(30), 5000).forCreatedRule(created(rule)).orElseThrow();

        assertThat(pass.publications()).isEmpty();
        assertThat(pass.coveredUntil()).isEqualTo(Instant.parse("2027-03-31T00:00:00Z"));
    }

    @Test
    void aRuleStartingBeyondTheHorizonIsNotAdvancedYet() {
        RuleCreated later = RuleSamples.activeFrom(EventSamples.ruleCreated(), Instant.parse("2028-01-01T00:00:00Z"));
        StoredRule rule = withMaterialisedUntil(created(later), Instant.parse("2028-03-31T00:00:00Z"));

        assertThat(planner.forHorizonAdvance(rule, Instant.parse("2026-12-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void anOverlapRunTwiceGivesTwoOccurrencesWithTheirOwnIds() {
        RuleCreated rule = RuleSamples.activeFrom(RuleSamples.withDstPolicy(RuleSamples.withCron(EventSamples.ruleCreated(), "30 1 * * *"),
                new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.TWICE)), Instant.parse("2026-10-31T12:00:00Z"));

        Materialisation pass = new MaterialisationPlanner(Duration.ofDays(2), 5000).forCreatedRule(created(rule)).orElseThrow();

        List<OccurrenceMaterialized> fallBack = events(pass).stream()
                .filter(event -> event.nominalLocalTime().equals(LocalDateTime.parse("2026-11-01T01:30"))).toList();
        assertThat(fallBack).extracting(OccurrenceMaterialized::dstResolution)
                .containsExactly(DstResolution.OVERLAP_EARLIER, DstResolution.OVERLAP_LATER);
        assertThat(fallBack).extracting(OccurrenceMaterialized::resolvedAt)
                .containsExactly(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-01T06:30:00Z"));
        assertThat(fallBack).extracting(OccurrenceMaterialized::occurrenceId).doesNotHaveDuplicates();
    }

    private static StoredRule created(RuleCreated rule) {
        return StoredRule.created(rule, RuleSamples.envelope(rule));
    }

    private static StoredRule withMaterialisedUntil(StoredRule rule, Instant materialisedUntil) {
        return new StoredRule(rule.definition(), rule.version(), rule.status(), rule.origin(), materialisedUntil);
    }

    private static List<OccurrenceMaterialized> events(Materialisation pass) {
        return pass.publications().stream().map(Publication::event).toList();
    }
}

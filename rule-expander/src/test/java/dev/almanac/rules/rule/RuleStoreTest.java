package dev.almanac.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.rules.testing.RuleSamples;

/** Every query the store makes, proven against mongo-java-server, the server the local stack runs. */
class RuleStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RuleStore store;

    @BeforeEach
    void freshStore() {
        store = new RuleStore(InMemoryMongo.freshDatabase());
        store.createIndexes().block(TIMEOUT);
    }

    @Test
    void aRuleScheduledByAnRruleOrAQuartzCronReadsBackWithItsSchedule() {
        RuleCreated monthly = RuleSamples.withRRule(RuleSamples.nightly("rule-monthly"), new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR",
                LocalDateTime.parse("2026-12-01T10:00:00"), List.of(LocalDateTime.parse("2026-12-25T10:00:00")),
                List.of(LocalDateTime.parse("2026-12-24T10:30:15"))));
        RuleCreated quartz = RuleSamples.withCron(RuleSamples.nightly("rule-quartz"), CronSyntax.QUARTZ, "0 0 10 ? * 6L");
        for (RuleCreated rule : List.of(monthly, quartz)) {
            StoredRule created = StoredRule.created(rule, RuleSamples.envelope(rule));
            store.recordCreation(created).block(TIMEOUT);

            StoredRule stored = store.find(rule.ruleId()).block(TIMEOUT);

            assertThat(stored).isEqualTo(created);
            assertThat(stored.definition().spec()).isEqualTo(RecurrenceSpec.of(rule));
        }
    }

    @Test
    void aCreatedRuleReadsBackAsStoredWithNothingPublishedYet() {
        RuleCreated nightly = RuleSamples.nightly();
        StoredRule created = StoredRule.created(nightly, RuleSamples.envelope(nightly));

        assertThat(store.recordCreation(created).block(TIMEOUT)).isTrue();

        StoredRule stored = store.find(nightly.ruleId()).block(TIMEOUT);
        assertThat(stored).isEqualTo(created);
        assertThat(stored.definition().resources()).as("what each occurrence books").isNotEmpty().isEqualTo(nightly.resources());
        assertThat(stored.materialisedUntil()).isEqualTo(nightly.activeFrom());
        assertThat(stored.status()).isEqualTo(RuleStatus.ACTIVE);
        assertThat(stored.origin().time()).as("kept to the microsecond").isEqualTo(RuleSamples.CREATED_AT);
        assertThat(stored.origin().traceparent()).isEqualTo(RuleSamples.TRACEPARENT);
    }

    @Test
    void anActiveFromFinerThanMillisecondsIsKeptExactlyWhileMaterialisedUntilKeepsMilliseconds() {
        Instant activeFrom = Instant.parse("2026-11-20T12:00:00.000500Z");
        RuleCreated rule = RuleSamples.activeFrom(RuleSamples.nightly("rule-fine"), activeFrom);
        store.recordCreation(StoredRule.created(rule, RuleSamples.envelope(rule))).block(TIMEOUT);

        StoredRule stored = store.find(rule.ruleId()).block(TIMEOUT);

        assertThat(stored.definition().activeFrom()).isEqualTo(activeFrom);
        assertThat(stored.materialisedUntil()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    }

    @Test
    void aRedeliveredCreationChangesNothingAndNeverMovesMaterialisedUntilBack() {
        RuleCreated nightly = RuleSamples.nightly();
        StoredRule created = StoredRule.created(nightly, RuleSamples.envelope(nightly));
        store.recordCreation(created).block(TIMEOUT);
        Instant published = nightly.activeFrom().plus(Duration.ofDays(90));
        store.moveMaterialisedUntil(nightly.ruleId(), 0, nightly.activeFrom(), published).block(TIMEOUT);

        assertThat(store.recordCreation(created).block(TIMEOUT)).isFalse();

        assertThat(store.find(nightly.ruleId()).block(TIMEOUT).materialisedUntil()).isEqualTo(published);
    }

    @Test
    void rulesBehindTheHorizonComeFurthestBehindFirstAndNoMoreThanAsked() {
        Instant horizonEnd = Instant.parse("2027-03-01T00:00:00Z");
        storeRule("rule-a", Instant.parse("2027-02-10T00:00:00Z"));
        storeRule("rule-b", Instant.parse("2027-01-10T00:00:00Z"));
        storeRule("rule-c", Instant.parse("2027-02-01T00:00:00Z"));
        storeRule("rule-ahead", Instant.parse("2027-03-05T00:00:00Z"));
        storeRule("rule-at-the-end", horizonEnd);

        List<String> behind = store.behind(horizonEnd, 2).map(rule -> rule.ruleId().value()).collectList().block(TIMEOUT);
        List<String> all = store.behind(horizonEnd, 100).map(rule -> rule.ruleId().value()).collectList().block(TIMEOUT);

        assertThat(behind).containsExactly("rule-b", "rule-c");
        assertThat(all).containsExactly("rule-b", "rule-c", "rule-a");
    }

    @Test
    void materialisedUntilMovesOnlyForwardFromTheValueThePassStartedFrom() {
        RuleId rule = storeRule("rule-cas", Instant.parse("2027-01-01T00:00:00Z"));
        Instant start = Instant.parse("2027-01-01T00:00:00Z");
        Instant first = Instant.parse("2027-01-02T00:00:00Z");
        Instant second = Instant.parse("2027-01-03T00:00:00Z");

        assertThat(store.moveMaterialisedUntil(rule, 0, start, first).block(TIMEOUT)).isTrue();
        assertThat(store.moveMaterialisedUntil(rule, 0, start, second).block(TIMEOUT)).as("a pass that raced and lost").isFalse();
        assertThat(store.moveMaterialisedUntil(rule, 0, first, start).block(TIMEOUT)).as("backwards").isFalse();
        assertThat(store.moveMaterialisedUntil(rule, 1, first, second).block(TIMEOUT)).as("another rule version").isFalse();

        assertThat(store.find(rule).block(TIMEOUT).materialisedUntil()).isEqualTo(first);
    }

    @Test
    void theEarliestMaterialisedUntilIsTheMostBehindActiveRule() {
        assertThat(store.earliestMaterialisedUntil().block(TIMEOUT)).as("no rules").isNull();

        storeRule("rule-late", Instant.parse("2027-02-10T00:00:00Z"));
        storeRule("rule-early", Instant.parse("2027-01-10T00:00:00Z"));

        assertThat(store.earliestMaterialisedUntil().block(TIMEOUT)).isEqualTo(Instant.parse("2027-01-10T00:00:00Z"));
    }

    private RuleId storeRule(String ruleId, Instant materialisedUntil) {
        RuleCreated rule = RuleSamples.nightly(ruleId);
        store.recordCreation(StoredRule.created(rule, RuleSamples.envelope(rule))).block(TIMEOUT);
        store.moveMaterialisedUntil(rule.ruleId(), 0, rule.activeFrom(), materialisedUntil).block(TIMEOUT);
        return rule.ruleId();
    }
}

package dev.almanac.query.horizon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The rule index only moves forward, so applying anything again, late or twice, changes nothing. */
class RuleIndexTest {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theBoundaryIsTheLatestMaterialisedInstantWhateverTheOrder() {
        RuleIndex inOrder = RuleIndex.emptyOf(RuleIndex.ALL).withMaterialised("rule-a", NINE).withMaterialised("rule-a", TEN);
        RuleIndex late = RuleIndex.emptyOf(RuleIndex.ALL).withMaterialised("rule-a", TEN).withMaterialised("rule-a", NINE);
        RuleIndex twice = inOrder.withMaterialised("rule-a", TEN);

        assertThat(inOrder.rules().get("rule-a").materialisedThrough()).isEqualTo(TEN);
        assertThat(late).isEqualTo(inOrder);
        assertThat(twice).isSameAs(inOrder);
    }

    @Test
    void theRuleVersionOnlyGoesUpAndKeepsTheBoundary() {
        RuleIndex index = RuleIndex.emptyOf(RuleIndex.ALL).withMaterialised("rule-a", TEN).withRule("rule-a", 2, "cal-a");

        assertThat(index.withRule("rule-a", 1, "cal-old")).isSameAs(index);
        assertThat(index.rules().get("rule-a")).isEqualTo(new RuleIndex.Indexed(2, "cal-a", TEN));
        assertThat(RuleIndex.emptyOf(RuleIndex.ALL).withMaterialised("rule-b", NINE).rules().get("rule-b").version())
                .as("a rule only seen through its occurrences").isEqualTo(-1);
    }

    @Test
    void roundTripsThroughItsDocumentWithDotsInIds() {
        RuleIndex index = RuleIndex.emptyOf(RuleIndex.ALL).withRule("rule.a", 3, "cal.a").withMaterialised("rule.a", TEN)
                .withRule("rule-b", 0, "cal-b");
        RuleIndexCodec codec = new RuleIndexCodec();

        assertThat(codec.decode(codec.encode(index))).isEqualTo(index);
    }
}

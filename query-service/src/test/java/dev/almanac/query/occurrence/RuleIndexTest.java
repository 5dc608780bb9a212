package dev.almanac.query.occurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The rule index only moves forward, so applying anything again, late or twice, changes nothing. */
class RuleIndexTest {

    @Test
    void theRuleVersionOnlyGoesUp() {
        RuleIndex index = RuleIndex.emptyOf(RuleIndex.ALL).withRule("rule-a", 2, "cal-a");

        assertThat(index.withRule("rule-a", 1, "cal-old")).isSameAs(index);
        assertThat(index.withRule("rule-a", 2, "cal-old")).isSameAs(index);
        assertThat(index.withRule("rule-a", 3, "cal-b").rules().get("rule-a")).isEqualTo(new RuleIndex.Indexed(3, "cal-b"));
    }

    @Test
    void roundTripsThroughItsDocumentWithDotsInIds() {
        RuleIndex index = RuleIndex.emptyOf(RuleIndex.ALL).withRule("rule.a", 3, "cal.a").withRule("rule-b", 0, "cal-b");
        RuleIndexCodec codec = new RuleIndexCodec();

        assertThat(codec.decode(codec.encode(index))).isEqualTo(index);
    }

    /** An index written before ADR 0068 held materialised boundaries and rules seen only through their occurrences. */
    @Test
    void readsAnIndexWrittenWithBoundariesAsTheRulesItHolds() {
        Document stored = new Document("_id", RuleIndex.ALL).append(RuleIndexCodec.RULES, new Document()
                .append("rule-a", new Document("v", 4L).append("c", "cal-a").append("b", new Date(0)))
                .append("rule-b", new Document("v", -1L).append("b", new Date(0))));

        assertThat(new RuleIndexCodec().decode(stored).rules()).containsOnlyKeys("rule-a")
                .containsEntry("rule-a", new RuleIndex.Indexed(4, "cal-a"));
    }
}

package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleId;

/** Object Mother for the specs and expansions the tests share. */
final class RecurrenceSpecs {

    static final RuleId RULE = RuleId.of("rule-nightly");
    static final Duration QUARTER_HOUR = Duration.ofMinutes(15);

    static final DstPolicy SHIFT_AND_EARLIER = DstPolicy.DEFAULT;
    static final DstPolicy SKIP_GAP = new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER);
    static final DstPolicy LATER_IN_OVERLAP = new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.LATER);
    static final DstPolicy TWICE_IN_OVERLAP = new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.TWICE);

    private RecurrenceSpecs() {
    }

    static RecurrenceSpec spec(String cron, String zone) {
        return spec(cron, zone, SHIFT_AND_EARLIER);
    }

    static RecurrenceSpec spec(String cron, String zone, DstPolicy policy) {
        return new RecurrenceSpec(RULE, CronExpression.parse(cron), ZoneId.of(zone), policy, QUARTER_HOUR, 0);
    }

    static RecurrenceSpec withJitter(RecurrenceSpec spec, RuleId ruleId, int jitterSeconds) {
        return new RecurrenceSpec(ruleId, spec.cron(), spec.zone(), spec.dstPolicy(), spec.duration(), jitterSeconds);
    }

    /** Every occurrence in {@code [from, until)}, from one expansion that the limit does not cut. */
    static List<Occurrence> all(RecurrenceSpec spec, Instant from, Instant until) {
        Expansion expansion = RecurrenceExpander.expand(spec, from, until, Integer.MAX_VALUE);
        assertThat(expansion.truncated()).isFalse();
        return expansion.occurrences();
    }

    static List<Occurrence> all(RecurrenceSpec spec, String from, String until) {
        return all(spec, Instant.parse(from), Instant.parse(until));
    }

    static List<Instant> resolvedInstants(List<Occurrence> occurrences) {
        return occurrences.stream().map(Occurrence::resolvedInstant).toList();
    }
}

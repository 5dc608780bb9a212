package dev.almanac.query.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.query.support.Received;

/** Rule lists are newest-wins per rule, so a late, repeated or reordered change leaves them as the newest state says. */
class RuleListTest {

    private static final RuleCreated CREATED = EventSamples.ruleCreated();
    private static final Rule AT_0 = Rule.created(CREATED, Received.metadata(CREATED, 0, Received.TIME));
    /** The rule moved to another calendar at version 1. */
    private static final Rule AT_1 = Rule.updated(AT_0, new RuleUpdated(CREATED.ruleId(), Instant.parse("2026-11-22T10:00:00Z"),
            CREATED.name(), CREATED.cron(), null, null, CREATED.timezone(), CalendarId.of("cal-other"), CREATED.durationSeconds(),
            CREATED.dstPolicy(), CREATED.jobTemplate(), CREATED.options(), CREATED.metadata()),
            Received.metadata(CREATED, 1, Received.TIME));

    @Test
    void aRuleThatLeftAQueueIsNotPutBackByAnOlderStateAppliedLate() {
        Map<String, List<RuleList.Placement>> moved = new LinkedHashMap<>();
        RuleListPlacements.plan(List.of(AT_0, AT_1), moved);
        Map<String, List<RuleList.Placement>> late = new LinkedHashMap<>();
        RuleListPlacements.plan(List.of(AT_0), late);
        String oldQueue = RuleList.queue(CREATED.calendarId().value());

        RuleList afterMove = apply(moved.get(oldQueue), RuleList.emptyOf(oldQueue));
        RuleList afterLate = apply(late.get(oldQueue), afterMove);

        assertThat(afterMove.rules().get(CREATED.ruleId().value()).isListed()).isFalse();
        assertThat(afterLate).isSameAs(afterMove);
        assertThat(apply(moved.get(RuleList.queue("cal-other")), RuleList.emptyOf("x")).rules().get(CREATED.ruleId().value()))
                .isEqualTo(RuleList.Listed.of(AT_1));
        assertThat(apply(moved.get(RuleList.ALL), apply(moved.get(RuleList.ALL), RuleList.emptyOf(RuleList.ALL))))
                .as("applied twice").isEqualTo(apply(moved.get(RuleList.ALL), RuleList.emptyOf(RuleList.ALL)));
    }

    @Test
    void readsTheStatusAtTheTimeOfTheRead() {
        RuleList.Listed pausedUntilMay = new RuleList.Listed(3, Rule.PAUSED, Instant.parse("2027-05-01T00:00:00Z"), null);
        RuleList.Listed endsInJune = new RuleList.Listed(3, Rule.ACTIVE, null, Instant.parse("2027-06-01T00:00:00Z"));

        assertThat(pausedUntilMay.statusAt(Instant.parse("2027-04-30T23:59:59Z"))).isEqualTo(Rule.PAUSED);
        assertThat(pausedUntilMay.statusAt(Instant.parse("2027-05-01T00:00:00Z"))).isEqualTo(Rule.ACTIVE);
        assertThat(endsInJune.statusAt(Instant.parse("2027-05-31T23:59:59Z"))).isEqualTo(Rule.ACTIVE);
        assertThat(endsInJune.statusAt(Instant.parse("2027-06-01T00:00:00Z"))).isEqualTo(Rule.EXPIRED);
    }

    @Test
    void roundTripsThroughItsDocumentWithDotsInIdsAndWithdrawals() {
        RuleList list = RuleList.emptyOf(RuleList.owner("team.ops")).with(AT_0)
                .with(Rule.created(new RuleCreated(RuleId.of("rule.b"), CREATED.name(), CREATED.cron(), CREATED.timezone(),
                        CREATED.calendarId(), CREATED.durationSeconds(), CREATED.activeFrom(), CREATED.dstPolicy(),
                        CREATED.jobTemplate(), CREATED.options(), CREATED.metadata()), Received.metadata(CREATED, 0, Received.TIME)))
                .without("rule-c", 4);
        RuleListCodec codec = new RuleListCodec();

        assertThat(codec.decode(codec.encode(list))).isEqualTo(list);
        assertThat(new ArrayList<>(list.rules().keySet())).containsExactly("rule-c", "rule-nightly", "rule.b");
    }

    private static RuleList apply(List<RuleList.Placement> changes, RuleList list) {
        return list.withAll(changes);
    }
}

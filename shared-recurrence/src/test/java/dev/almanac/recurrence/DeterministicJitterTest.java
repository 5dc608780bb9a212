package dev.almanac.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import dev.almanac.events.rule.RuleId;
import org.junit.jupiter.api.Test;

class DeterministicJitterTest {

    private static final RuleId RULE = RuleId.of("rule-nightly");
    private static final Instant RESOLVED = Instant.parse("2026-03-08T07:30:00Z");
    private static final long PINNED_SECONDS = 3534;

    @Test
    void jitterOfAKnownRuleAndInstantNeverChanges() {
        // Pinned: a different value here would move every jittered occurrence on replay.
        assertThat(DeterministicJitter.seconds(RULE, RESOLVED, 3600)).isEqualTo(PINNED_SECONDS);
    }

    @Test
    void noJitterAllowedMeansNoJitter() {
        assertThat(DeterministicJitter.seconds(RULE, RESOLVED, 0)).isZero();
    }

    @Test
    void bothEndsOfTheRangeAreReached() {
        Set<Long> seen = new HashSet<>();
        for (int minute = 0; minute < 200; minute++) {
            seen.add(DeterministicJitter.seconds(RULE, RESOLVED.plusSeconds(60L * minute), 1));
        }

        assertThat(seen).containsExactlyInAnyOrder(0L, 1L);
    }

    @Test
    void jitterStaysWithinTheRangeForEveryMaximum() {
        for (int max = 1; max <= 3600; max += 7) {
            assertThat(DeterministicJitter.seconds(RULE, RESOLVED.plusSeconds(max), max)).isBetween(0L, (long) max);
        }
    }
}

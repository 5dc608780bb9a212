package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.almanac.events.calendar.UnavailableRange;

class UnavailableRangeTest {

    private static final Instant MONDAY = Instant.parse("2026-12-07T00:00:00Z");
    private static final UnavailableRange REPAIR = new UnavailableRange(MONDAY, at(72), "repair");

    @Test
    void freeingTheMiddleSplitsTheRangeInTwoThatKeepItsReason() {
        assertThat(REPAIR.without(at(24), at(48))).containsExactly(
                new UnavailableRange(MONDAY, at(24), "repair"), new UnavailableRange(at(48), at(72), "repair"));
        assertThat(REPAIR.within(at(24), at(48))).contains(new UnavailableRange(at(24), at(48), "repair"));
    }

    @Test
    void freeingOneEndTrimsIt() {
        assertThat(REPAIR.without(at(-5), at(24))).containsExactly(new UnavailableRange(at(24), at(72), "repair"));
        assertThat(REPAIR.without(at(48), at(100))).containsExactly(new UnavailableRange(MONDAY, at(48), "repair"));
        assertThat(REPAIR.within(at(48), at(100))).contains(new UnavailableRange(at(48), at(72), "repair"));
    }

    @Test
    void freeingAllOfItLeavesNothing() {
        assertThat(REPAIR.without(MONDAY, at(72))).isEmpty();
        assertThat(REPAIR.without(at(-1), at(73))).isEmpty();
    }

    @Test
    void aRangeThatOnlyTouchesIsNotCutBecauseRangesAreHalfOpen() {
        assertThat(REPAIR.without(at(72), at(80))).containsExactly(REPAIR);
        assertThat(REPAIR.within(at(72), at(80))).isEmpty();
        assertThat(REPAIR.without(at(-8), MONDAY)).containsExactly(REPAIR);
        assertThat(REPAIR.overlaps(at(71), at(80))).isTrue();
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        assertThatThrownBy(() -> new UnavailableRange(MONDAY, MONDAY, null)).hasMessageContaining("must end after it starts");
    }

    private static Instant at(int hours) {
        return MONDAY.plusSeconds(3600L * hours);
    }
}

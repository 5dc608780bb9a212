package dev.almanac.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static TimeRange range(int fromHour, int toHour) {
        Instant day = Instant.parse("2026-12-01T00:00:00Z");
        return new TimeRange(day.plusSeconds(fromHour * 3600L), day.plusSeconds(toHour * 3600L));
    }

    @Test
    void isHalfOpenSoBackToBackRangesDoNotOverlap() {
        assertThat(range(9, 10).overlaps(range(10, 11))).isFalse();
        assertThat(range(9, 11).overlaps(range(10, 12))).isTrue();
        assertThat(range(9, 10).contains(range(10, 11).start())).isFalse();
        assertThat(range(9, 10).contains(range(9, 10).start())).isTrue();
    }

    @Test
    void refusesAnEndThatIsNotAfterTheStart() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        assertThatThrownBy(() -> new TimeRange(at, at)).hasMessageContaining("must be before end");
    }

    @Test
    void spanCoversBoth() {
        assertThat(range(9, 10).span(range(12, 13))).isEqualTo(range(9, 13));
    }
}

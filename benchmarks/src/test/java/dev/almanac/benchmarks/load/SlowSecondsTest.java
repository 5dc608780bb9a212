package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SlowSecondsTest {

    private static final long ORIGIN_NANOS = 1_000_000_000_000L;
    /** 04:21:10.500 UTC, half-way through a second, so that a request 0.6 s on starts in the next one. */
    private static final long ORIGIN_MILLIS = Instant.parse("2026-11-28T04:21:10.500Z").toEpochMilli();

    private final SlowSeconds slow = new SlowSeconds(Duration.ofMillis(50), ORIGIN_NANOS, ORIGIN_MILLIS);

    @Test
    void countsTheSlowAnswersByTheWallClockSecondTheyStartedInAndNamesTheWorstFirst() {
        for (int i = 0; i < 10; i++) {
            slow.add(at(0.1), millis(5));
        }
        slow.add(at(0.2), millis(80));
        slow.add(at(0.6), millis(240));
        slow.add(at(0.7), millis(51));
        slow.add(at(0.8), millis(60));
        slow.add(at(2.6), millis(50));

        assertThat(slow.describe()).isEqualTo("over 50 ms: 4 of 15 (26.67 %), in 2 of 3 s;"
                + " the worst 04:21:11 3 of 3 (max 240 ms), 04:21:10 1 of 11 (max 80 ms)");
    }

    @Test
    void aSecondsOrderIsTheirCountThenTheirTimeAndOnlyThreeAreNamed() {
        for (double second : new double[] {4.6, 3.6, 2.6, 1.6}) {
            slow.add(at(second), millis(70));
        }
        slow.add(at(4.7), millis(70));

        assertThat(slow.describe()).endsWith("in 4 of 4 s; the worst 04:21:15 2 of 2 (max 70 ms),"
                + " 04:21:12 1 of 1 (max 70 ms), 04:21:13 1 of 1 (max 70 ms)");
    }

    @Test
    void anAnswerThatNeverCameIsSlowAndShownAsNever() {
        slow.add(at(0.1), Long.MAX_VALUE);

        assertThat(slow.describe()).isEqualTo("over 50 ms: 1 of 1 (100.00 %), in 1 of 1 s; the worst 04:21:10 1 of 1 (max never)");
    }

    @Test
    void aRequestStartedJustBeforeASecondCountsInTheSecondBefore() {
        SlowSeconds onTheSecond = new SlowSeconds(Duration.ofMillis(50), ORIGIN_NANOS, Instant.parse("2026-11-28T04:21:10Z").toEpochMilli());

        onTheSecond.add(ORIGIN_NANOS - 500_000L, millis(60));

        assertThat(onTheSecond.describe()).endsWith("the worst 04:21:09 1 of 1 (max 60 ms)");
    }

    @Test
    void aStepWithoutSlowAnswersSaysSo() {
        slow.add(at(0.1), millis(50));
        slow.add(at(1.1), millis(3));

        assertThat(slow.describe()).isEqualTo("over 50 ms: none of 2");
    }

    private static long at(double secondsAfterOrigin) {
        return ORIGIN_NANOS + (long) (secondsAfterOrigin * 1e9);
    }

    private static long millis(long millis) {
        return millis * 1_000_000L;
    }
}

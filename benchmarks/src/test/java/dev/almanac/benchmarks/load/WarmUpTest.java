package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.almanac.benchmarks.load.LoadBenchmark.WarmUp;

/** The warm-up goes on until the stack's compilers are quiet, within its limit. */
class WarmUpTest {

    @Test
    void compilersAtAFewHundredthsOfACoreAreQuiet() {
        assertThat(LoadBenchmark.afterRound(false, 0.04, false)).isEqualTo(WarmUp.WARM);
        assertThat(LoadBenchmark.afterRound(false, LoadBenchmark.QUIET_COMPILER_CORES, false)).isEqualTo(WarmUp.WARM);
        assertThat(LoadBenchmark.afterRound(false, 0.03, true)).as("quiet as the limit passes").isEqualTo(WarmUp.WARM);
    }

    @Test
    void busyCompilersMeanAnotherRoundUntilTheLimitHasPassed() {
        assertThat(LoadBenchmark.afterRound(false, 0.06, false)).isEqualTo(WarmUp.GO_ON);
        assertThat(LoadBenchmark.afterRound(false, 0.54, false)).isEqualTo(WarmUp.GO_ON);
        assertThat(LoadBenchmark.afterRound(false, 0.54, true)).isEqualTo(WarmUp.NOT_WARM);
    }

    @Test
    void compilersThatCannotBeReadEndTheWarmUpRatherThanPassForQuiet() {
        assertThat(LoadBenchmark.afterRound(true, 0.0, false)).isEqualTo(WarmUp.UNREADABLE);
    }
}

package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StackCpuTest {

    @Test
    void theCpuSpentIsTheDifferenceOfTwoReadingsPerRole() {
        Map<String, Duration> before = Map.of("command-service", Duration.ofMillis(400));
        Map<String, Duration> after = new LinkedHashMap<>();
        after.put("command-service", Duration.ofMillis(1_400));
        after.put("query-service", Duration.ofMillis(300));

        assertThat(StackCpu.spent(before, after))
                .containsEntry("command-service", Duration.ofMillis(1_000))
                .containsEntry("query-service", Duration.ofMillis(300));
    }

    @Test
    void aRoleWhoseProcessOrThreadEndedCountsNothingRatherThanANegativeTime() {
        Map<String, Duration> before = Map.of("command-service", Duration.ofSeconds(5), "query-service", Duration.ofSeconds(2));
        Map<String, Duration> after = Map.of("command-service", Duration.ofSeconds(3), "query-service", Duration.ofSeconds(4));

        assertThat(StackCpu.spent(before, after))
                .containsEntry("command-service", Duration.ZERO)
                .containsEntry("query-service", Duration.ofSeconds(2));
    }

    @Test
    void theStackCostLeavesTheLoadGeneratorOutAndBoundsTheRate() {
        Map<String, Duration> spent = new LinkedHashMap<>();
        spent.put(StackCpu.LAUNCHER, Duration.ofMillis(1_000));
        spent.put("command-service", Duration.ofMillis(3_000));
        spent.put(StackCpu.LOAD_GENERATOR, Duration.ofMillis(9_000));

        String line = StackCpu.perCommand(spent, 1_000);

        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(line).contains("command-service 3.00", StackCpu.LOAD_GENERATOR + " 9.00", "stack 4.00 ms per command")
                .contains(String.format("at most %.0f commands/s on %d cores", cores * 1000 / 4.0, cores));
    }

    @Test
    void findsTheLocalStacksPostgresAndNoOther() {
        assertThat(StackCpu.isLocalStackPostmaster(
                "/tmp/embedded-pg/PG-1d2e/bin/postgres -D /home/me/.almanac/postgres -p 5433 -F -c timezone=UTC")).isTrue();
        assertThat(StackCpu.isLocalStackPostmaster(
                "/tmp/embedded-pg/PG-1d2e/bin/postgres -D /tmp/epg-3f/data -p 54330 -F")).as("a test suite's server").isFalse();
        assertThat(StackCpu.isLocalStackPostmaster("postgres: postgres postgres 127.0.0.1(5433) idle")).as("a backend").isFalse();
        assertThat(StackCpu.isLocalStackPostmaster("/tmp/embedded-pg/PG-1d2e/bin/pg_ctl -D /x -o -p 5433 -F start")).isFalse();
    }

    @Test
    void theLauncherIsNotTheReadModelStoreOrServicesHostItStartedNorABenchmark() {
        assertThat(StackCpu.isLauncher("java -jar deploy/local/target/almanac-local.jar")).isTrue();
        assertThat(StackCpu.isLauncher("java -jar benchmarks/target/bench-load.jar --rates 500")).isFalse();
        assertThat(StackCpu.isLauncher("/usr/lib/jvm/java-17/bin/java -XX:MaxGCPauseMillis=25"
                + " -Dloader.main=dev.almanac.local.ReadModelStore -jar /work/deploy/local/target/almanac-local.jar --port 40123")).isFalse();
        assertThat(StackCpu.isLauncher("/usr/lib/jvm/java-17/bin/java -Xmx3g -Dloader.main=dev.almanac.local.host.ServicesHost"
                + " -jar /work/deploy/local/target/almanac-local.jar executor=/work/executor/target/executor.jar")).isFalse();
    }

    @Test
    void withoutAStackThereIsNothingToDivide() {
        assertThat(StackCpu.perCommand(Map.of(StackCpu.LOAD_GENERATOR, Duration.ofSeconds(1)), 100)).startsWith("n/a");
    }
}

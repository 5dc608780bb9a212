package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.benchmarks.load.LoadBenchmark;

/**
 * bench-load (the benchmarks module) run briefly against this module's test stack: its three warm-up steps, of a
 * second each here, one step of five seconds at 20 commands/s with a window reader, and its report. It checks that
 * the harness still drives the stack as it is, not the stack's speed.
 */
class LoadBenchmarkSmokeIT {

    private static final int RATE = 20;
    private static final int SECONDS = 5;

    @Test
    void aShortRunSendsEveryCommandThroughTheStackAndReportsTheStep() throws Exception {
        LocalStack stack = TestStack.shared();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LoadBenchmark.run(new LoadBenchmark.Settings(stack.gatewayUrl(), stack.infrastructure().kafkaBootstrapServers(),
                List.of(RATE), Duration.ofSeconds(SECONDS), 2, 1, true, Duration.ZERO, Duration.ofSeconds(1)),
                new PrintStream(out, true, StandardCharsets.UTF_8));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("warm-up: 50 cmd/s", "warm-up: 100 cmd/s", "\nrate | sent | ok | failed | dropped | cmd p50/p99/max ms");
        String row = report.lines().filter(line -> line.startsWith(RATE + " | ")).reduce((first, last) -> last).orElseThrow();
        String[] columns = row.split(" \\| ");
        // A conflict pair is one command of the schedule and two sent: one or two more than the rate's, by the draw.
        assertThat(Integer.parseInt(columns[1])).as("sent, in %s", row).isBetween(RATE * SECONDS, RATE * SECONDS + 2);
        assertThat(columns[2]).as("answered 2xx, in %s", row).isEqualTo(columns[1]);
        assertThat(columns[3]).as("failed, in %s", row).isEqualTo("0");
        assertThat(columns[4]).as("dropped, in %s", row).isEqualTo("0");
        // One command in 25 is a probe, unless the draw made it a reschedule (one in five): all four are, once in 600 runs.
        assertThat(columns[6]).as("visible p50/p99 (probes)").matches(".+ \\([1-9]\\d*\\)");
        assertThat(columns[11]).as("read your writes").matches("n/a|.* fresh \\(\\d+ fresh, \\d+ stale, 0 unflagged\\).*");
        assertThat(columns).as("with the window readers' column").hasSize(16);
    }
}

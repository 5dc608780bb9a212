package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.benchmarks.seedscale.Report;
import dev.almanac.benchmarks.seedscale.SeedScale;
import dev.almanac.benchmarks.seedscale.SeedScaleOptions;
import dev.almanac.embedded.ScratchDirectories;

/**
 * The seed-scale benchmark (benchmarks module) run tiny against this module's test stack, which it uses as a running
 * stack: 12 rules, two of them a planted pair on each of two capacity-1 calendars, probes every second. It checks that
 * the harness still drives the stack through its API and topics and reports every figure, not the stack's speed. It
 * is this small because the test stack is shared: the rules' occurrences (about 4,000 here) must not leave a backlog
 * that the integration tests after it would wait behind. They are read everywhere within seconds; it waits at most 20 s
 * for every consumer's lag to be zero, as a backlog that an earlier test left (the fuzz suite's legal rules) is not its
 * to wait out: the lag is reported either way, and not asserted.
 */
class SeedScaleSmokeIT {

    private static final Logger log = LoggerFactory.getLogger(SeedScaleSmokeIT.class);

    @Test
    void aTinyRunCreatesEveryRuleProbesTheStackAndReportsEveryFigure() throws Exception {
        LocalStack stack = TestStack.shared();
        Path out = Files.createTempDirectory("seed-scale-it-");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Instant before = Instant.now();
        try {
            SeedScaleOptions options = SeedScaleOptions.parse(List.of("--running-stack", "--gateway", stack.gatewayUrl(),
                    "--bootstrap", stack.infrastructure().kafkaBootstrapServers(), "--rules", "12", "--calendars", "4", "--users", "1",
                    "--clients", "2", "--planted-calendars", "2", "--planted-pairs", "2", "--probe-every", "1", "--probe-patience", "30",
                    "--after-load", "5", "--settle-timeout", "20", "--window-readers", "1", "--window-seconds", "2", "--out", out.toString()));

            Report report;
            try {
                report = SeedScale.run(options, new PrintStream(printed, true, StandardCharsets.UTF_8));
            } finally {
                // Its progress lines say, second by second, where a slow or failed run spent its time.
                log.info("seed-scale printed:\n{}", printed.toString(StandardCharsets.UTF_8));
            }

            Map<String, Object> json = report.json();
            assertThat(map(json.get("rules"))).containsEntry("created", 12).containsEntry("failed", 0);
            Map<?, ?> planted = (Map<?, ?>) json.get("planted_conflicts");
            assertThat((Integer) planted.get("expected")).as("two pairs, one conflict a day or a weekday over 90 days").isBetween(2 * 64, 2 * 90);
            assertThat((Map<?, ?>) planted.get("api_by_calendar")).as("read from GET /conflicts for each planted calendar").hasSize(2);
            Map<?, ?> entry = (Map<?, ?>) json.get("item_visible_entry");
            int probes = (Integer) ((Map<?, ?>) entry.get("during_load")).get("n") + (Integer) ((Map<?, ?>) entry.get("after_load")).get("n");
            assertThat(probes).as("a visibility probe a second for the run's few seconds").isGreaterThanOrEqualTo(3);
            assertThat((Map<?, ?>) ((Map<?, ?>) json.get("lag")).get("groups")).as("every consumer group the broker knows").isNotEmpty();
            assertThat(map(json.get("year_window"))).containsKey("total_jobs").containsEntry("readers", 1);
            assertThat(json).doesNotContainKey("restart").containsKey("memory_end_of_load");

            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("== seed-scale summary", "rules created", "item visible, entry", "item visible, day view",
                    "item conflict on topic", "lag zero after last rule", "planted conflicts", "year window, all calendars");
            assertThat(Files.list(out).filter(file -> file.getFileName().toString().endsWith(".json"))).hasSize(1);
            assertThat(Duration.between(before, Instant.now())).as("a smoke test, not a benchmark").isLessThan(Duration.ofMinutes(3));
        } finally {
            ScratchDirectories.delete(out);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object json) {
        return (Map<String, Object>) json;
    }
}

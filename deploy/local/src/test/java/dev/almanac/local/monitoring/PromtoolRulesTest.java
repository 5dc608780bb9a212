package dev.almanac.local.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus' own tool on the rules, where it is installed (Debian: {@code apt-get install prometheus}); skipped
 * elsewhere, as the Docker suite is. {@code promtool check rules} parses every expression as Prometheus will;
 * {@code promtool test rules} runs {@code almanac-rules.test.yml}, which feeds series to the alerts and names the
 * ones that must fire, against a copy of the rules without their annotations (those tests compare labels;
 * {@link DashboardsAndAlertsTest} checks the annotations).
 */
class PromtoolRulesTest {

    private static final MonitoringFiles FILES = MonitoringFiles.ofThisCheckout();

    @TempDir
    Path work;

    @Test
    void prometheusParsesTheRules() throws Exception {
        Path promtool = promtool();

        assertSucceeds(promtool, "check", "rules", FILES.deploy().resolve("prometheus/almanac-rules.yml").toString());
    }

    @Test
    void theAlertsFireOnTheSeriesTheirTestsGiveThemAndOnNoOthers() throws Exception {
        Path promtool = promtool();
        Map<String, Object> rules = FILES.yaml("prometheus/almanac-rules.yml");
        withoutAnnotations(rules);
        Files.writeString(work.resolve("almanac-rules.yml"), new Yaml().dump(rules));
        Path tests = Files.copy(FILES.deploy().resolve("prometheus/almanac-rules.test.yml"), work.resolve("almanac-rules.test.yml"));

        assertSucceeds(promtool, "test", "rules", tests.toString());
    }

    @SuppressWarnings("unchecked")
    private static void withoutAnnotations(Map<String, Object> rules) {
        for (Map<String, Object> group : (List<Map<String, Object>>) rules.get("groups")) {
            ((List<Map<String, Object>>) group.get("rules")).forEach(rule -> rule.remove("annotations"));
        }
    }

    private static Path promtool() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(found.isPresent(), "promtool is not installed (Debian: apt-get install prometheus)");
        return found.get();
    }

    private void assertSucceeds(Path promtool, String... arguments) throws IOException, InterruptedException {
        Path output = work.resolve("promtool.out");
        Process process = new ProcessBuilder(Stream.concat(Stream.of(promtool.toString()), Stream.of(arguments)).toList())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(output, StandardCharsets.UTF_8)).isZero();
    }
}

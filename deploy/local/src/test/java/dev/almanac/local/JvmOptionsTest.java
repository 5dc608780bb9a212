package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * rule-expander's cold start is measured with the broker, MongoDB and the service in one JVM
 * (ColdStartBenchmark); the local stack runs them in the launcher and in rule-expander's own JVM. Both
 * must run the collector and compiler settings the benchmark measured.
 */
class JvmOptionsTest {

    private static final Pattern LAUNCHER_DEFAULT = Pattern.compile("\\$\\{ALMANAC_LAUNCHER_JAVA_OPTS:-([^}]*)}");

    @Test
    void theLauncherRunsRuleExpandersCollectorAndCompilerSettings() throws Exception {
        Path repository = Path.of(System.getProperty("almanac.repository", "../..")).toAbsolutePath().normalize();
        Matcher launcher = LAUNCHER_DEFAULT.matcher(Files.readString(repository.resolve("run-local")));

        assertThat(launcher.find()).as("run-local's default launcher options").isTrue();
        List<String> collectorAndCompiler = LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS.stream()
                .filter(option -> !option.startsWith("-Xm") && !option.startsWith("-XX:MetaspaceSize"))
                .toList();
        assertThat(Arrays.asList(launcher.group(1).trim().split("\\s+"))).containsExactlyInAnyOrderElementsOf(collectorAndCompiler);
        assertThat(collectorAndCompiler).contains("-XX:+UseParallelGC").containsAll(LocalStack.Options.HOT_ONLY_C2);
    }

    @Test
    void ruleExpanderAloneRunsC2UnlessEveryServiceIsGivenItsOptions() {
        LocalStack.Options options = new LocalStack.Options(Path.of("."), Path.of("."), false, null, 0, Map.of(),
                LocalStack.Options.SERVING_JAVA_OPTIONS, LocalStack.Options.LOOPBACK,
                Map.of(Service.RULE_EXPANDER, LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS));

        assertThat(options.javaOptionsOf(Service.RULE_EXPANDER)).doesNotContain("-XX:TieredStopAtLevel=1")
                .containsAll(LocalStack.Options.HOT_ONLY_C2);
        assertThat(options.javaOptionsOf(Service.COMMAND_SERVICE)).isEqualTo(LocalStack.Options.SERVING_JAVA_OPTIONS);
        assertThat(new LocalStack.Options(Path.of("."), Path.of("."), false, null, 0, Map.of(),
                List.of("-Xmx256m"), LocalStack.Options.LOOPBACK).javaOptionsOf(Service.RULE_EXPANDER)).containsExactly("-Xmx256m");
    }
}

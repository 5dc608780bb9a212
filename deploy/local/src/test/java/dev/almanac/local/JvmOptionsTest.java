package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * rule-expander's cold start is measured with the JDK's collector and both compilers (ColdStartBenchmark);
 * the local stack must run rule-expander so too. The read models' MongoDB asks for huge pages where the JVM knows the
 * option, and only there: elsewhere an unknown option would stop its JVM from starting.
 */
class JvmOptionsTest {

    @Test
    void ruleExpanderRunsTheJdksCollectorAndBothCompilers() {
        assertThat(LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS)
                .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.startsWith("-XX:-TieredCompilation"))
                .noneMatch(option -> option.matches("-XX:[+-]Use\\w*GC"));
    }

    @Test
    void ruleExpanderHasItsOwnOptionsUnlessEveryServiceIsGivenTheSame() {
        LocalStack.Options options = new LocalStack.Options(Path.of("."), Path.of("."), false, null, 0, Map.of(),
                LocalStack.Options.SERVING_JAVA_OPTIONS, LocalStack.Options.LOOPBACK,
                Map.of(Service.RULE_EXPANDER, LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS));

        assertThat(options.javaOptionsOf(Service.RULE_EXPANDER)).isEqualTo(LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS);
        assertThat(options.javaOptionsOf(Service.COMMAND_SERVICE)).isEqualTo(LocalStack.Options.SERVING_JAVA_OPTIONS);
        assertThat(new LocalStack.Options(Path.of("."), Path.of("."), false, null, 0, Map.of(),
                List.of("-Xmx256m"), LocalStack.Options.LOOPBACK).javaOptionsOf(Service.RULE_EXPANDER)).containsExactly("-Xmx256m");
    }

    @Test
    void theServicesHostRunsTheJdksConcurrentCollectorAndBothCompilers() {
        assertThat(LocalStack.Options.HOST_JAVA_OPTIONS)
                .noneMatch(option -> option.startsWith("-XX:TieredStopAtLevel") || option.startsWith("-XX:-TieredCompilation"))
                .noneMatch(option -> option.matches("-XX:[+-]Use\\w*GC"));
    }

    @Test
    void inTheServicesHostAServicesSystemPropertiesBecomeItsOwnArgumentsAndItsHeapOptionsAreDropped() {
        LocalStack.Options options = new LocalStack.Options(Path.of("."), Path.of("."), false, null, 0, Map.of(),
                List.of("-Xmx256m"), LocalStack.Options.LOOPBACK,
                Map.of(Service.QUERY_SERVICE, List.of("-Xmx256m", "-Dspring.kafka.consumer.properties.session.timeout.ms=10000", "-Dflag")));

        assertThat(options.hostedArgumentsOf(Service.QUERY_SERVICE)).containsExactly("--spring.kafka.consumer.properties.session.timeout.ms=10000");
        assertThat(options.hostedArgumentsOf(Service.COMMAND_SERVICE)).isEmpty();
    }

    @Test
    void readModelStoreAsksForHugePagesOnLinuxAlone() {
        assertThat(ReadModelStore.javaOptions("Linux")).containsExactly(
                "-XX:MaxGCPauseMillis=25", "-XX:MetaspaceSize=64m", "-XX:+UseTransparentHugePages");
        assertThat(ReadModelStore.javaOptions("Mac OS X")).containsExactly("-XX:MaxGCPauseMillis=25", "-XX:MetaspaceSize=64m");
        assertThat(ReadModelStore.javaOptions("Windows 11")).doesNotContain("-XX:+UseTransparentHugePages");
    }
}

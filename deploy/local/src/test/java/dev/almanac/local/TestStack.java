package dev.almanac.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.ScratchDirectories;

/**
 * One local stack for every integration test of this module, started on first use and stopped
 * when the test JVM ends: starting it takes half a minute, so the test classes share it. It runs the services as
 * {@code ./run-local} does by default, in one JVM; {@code FaultSuiteIT} runs them a JVM each.
 */
public final class TestStack {

    private static final List<String> JAVA_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /**
     * query-service's, which ChangeFeedEndToEndIT kills outright: its listeners' groups give the partitions of the killed
     * process's consumers to the new one's only once their sessions expire, which by Kafka's default takes 45 s. Ten
     * seconds, the dispatcher's own, lets the test wait for the restart rather than for the broker's clock.
     */
    private static final List<String> QUERY_SERVICE_JAVA_OPTIONS = Stream.concat(JAVA_OPTIONS.stream(),
            Stream.of("-Dspring.kafka.consumer.properties.session.timeout.ms=10000")).toList();

    /**
     * The services host's, as the stack runs by default (ADR 0099): the small data of the tests needs no more heap, and C1
     * alone starts the six services sooner.
     */
    private static final List<String> HOST_JAVA_OPTIONS = List.of("-Xms256m", "-Xmx1536m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:MetaspaceSize=512m");

    private static LocalStack stack;

    private TestStack() {
    }

    public static synchronized LocalStack shared() {
        if (stack == null) {
            Path repository = Checkout.root();
            Path home;
            try {
                home = Files.createTempDirectory("almanac-it-");
                stack = LocalStack.start(new LocalStack.Options(repository, home, false,
                        EmbeddedInfrastructure.Ports.anyFree(), 0, Map.of(), JAVA_OPTIONS, LocalStack.Options.LOOPBACK,
                        Map.of(Service.QUERY_SERVICE, QUERY_SERVICE_JAVA_OPTIONS), 0, Map.of(), ServiceHosting.ONE_JVM, HOST_JAVA_OPTIONS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                ScratchDirectories.delete(home);
            }, "test-stack-stop"));
        }
        return stack;
    }
}

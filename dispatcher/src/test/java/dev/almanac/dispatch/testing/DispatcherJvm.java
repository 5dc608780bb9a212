package dev.almanac.dispatch.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

import dev.almanac.dispatch.DispatcherApplication;

/**
 * The dispatcher as a process of its own, on this test's class path, so that a test can kill it as an operating system
 * would ({@code kill -9}: no shutdown hook, no clean close of its transaction) or stop it cleanly, and start it again on
 * the same state directory.
 */
public final class DispatcherJvm implements AutoCloseable {

    /** A system property of the test JVM: the dispatcher's JVM options, in place of the tests' defaults. */
    public static final String JVM_OPTIONS = "almanac.test.dispatcher-jvm-options";

    private final Process process;
    private final int port;

    private DispatcherJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DispatcherJvm start(String bootstrapServers, Path stateDirectory, int port, Path log, String... properties)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // Tests start fast on C1 alone; a benchmark may ask for the options the dispatcher is served with.
        command.addAll(List.of(System.getProperty(JVM_OPTIONS, "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1").trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                DispatcherApplication.class.getName(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--almanac.identity.mode=development",
                // A test JVM that dies (a crashed fork) must not leave its dispatchers running.
                "--almanac.exit-with-parent=true"));
        command.addAll(List.of(properties));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new DispatcherJvm(process, port);
    }

    /** Waits until its readiness says Kafka Streams runs: it has its partitions and has restored their state. */
    public DispatcherJvm awaitReady(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the dispatcher exited with " + process.exitValue());
                }
                return http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            });
        } catch (RuntimeException notReady) {
            // A test that fails here never reaches its own stop: the process would outlive it.
            process.destroyForcibly();
            throw notReady;
        }
        return this;
    }

    /** As {@code kill -9}: the process ends at once, mid-transaction if it was in one. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the service stops cleanly, leaving its group. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

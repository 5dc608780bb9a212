package dev.almanac.conflicts.testing;

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

import dev.almanac.conflicts.ConflictDetectorApplication;

/**
 * conflict-detector as a process of its own, on this test's class path, so that a test can kill it as an operating
 * system would ({@code kill -9}: no shutdown hook, no commit, its open transaction left to time out).
 */
public final class DetectorJvm implements AutoCloseable {

    private final Process process;
    private final int port;

    private DetectorJvm(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param arguments the service's own, as {@code --name=value} */
    public static DetectorJvm start(int port, Path log, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ConflictDetectorApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                // A test JVM that dies (a crashed fork) must not leave its detectors running.
                "--almanac.exit-with-parent=true"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new DetectorJvm(process, port);
    }

    /** Waits until its readiness says Kafka Streams runs: it has its tasks and has restored their state. */
    public DetectorJvm awaitReady(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("conflict-detector exited with " + process.exitValue());
                }
                return http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            });
        } catch (RuntimeException notReady) {
            process.destroyForcibly();
            throw notReady;
        }
        return this;
    }

    /** As {@code kill -9}: the process ends at once, mid-transaction if it was in one. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

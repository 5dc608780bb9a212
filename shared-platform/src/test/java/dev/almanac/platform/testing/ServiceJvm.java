package dev.almanac.platform.testing;

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

/**
 * A service as a process of its own, on the test's class path, so that a test can kill it as an operating system would
 * ({@code kill -9}: no shutdown hook, no commit, an open transaction left to time out) or stop it cleanly.
 */
public final class ServiceJvm implements AutoCloseable {

    /** Tests start fast on C1 alone, in a small heap. */
    public static final String TEST_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private final String name;
    private final Process process;
    private final int port;

    private ServiceJvm(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * @param jvmOptions blank-separated JVM options, such as {@link #TEST_OPTIONS}
     * @param arguments  the service's own, as {@code --name=value}
     */
    public static ServiceJvm start(Class<?> application, String jvmOptions, int port, Path log, List<String> arguments)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions.trim().split("\\s+")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), application.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                // A test JVM that dies (a crashed fork) must not leave its services running.
                "--almanac.exit-with-parent=true"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServiceJvm(application.getSimpleName(), process, port);
    }

    /** Waits until its readiness answers 200; kills it when it does not within {@code patience}. */
    public ServiceJvm awaitReady(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            Awaitility.await().atMost(patience).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue());
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
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}

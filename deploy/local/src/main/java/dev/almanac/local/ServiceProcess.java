package dev.almanac.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One service running from its executable jar as a child process, logging to a file. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(Service service, int port, Process process, Path log) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** @param niceness the CPU niceness to start it at ({@link ChildJvms#javaCommand(int)}); 0 for the normal priority */
    static ServiceProcess start(Service service, Path jar, int port, Map<String, String> environment,
                                List<String> javaOptions, int niceness, Path logDirectory) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist; build the services first: ./mvnw -DskipTests package");
        }
        try {
            Files.createDirectories(logDirectory);
            Path log = logDirectory.resolve(service.serviceName() + ".log");
            List<String> command = ChildJvms.javaCommand(niceness);
            command.addAll(javaOptions);
            command.add("-jar");
            command.add(jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("PORT", Integer.toString(port));
            return new ServiceProcess(service, port, builder.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service.serviceName(), e);
        }
    }

    /** Waits until the service reports itself ready, or fails with the end of its log. */
    void awaitReady(Duration timeout) {
        URI readiness = URI.create(baseUrl() + "/actuator/health/readiness");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.serviceName() + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // The port opens late in start-up; keep polling.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.serviceName(), e);
            }
            pause();
        }
        throw new IllegalStateException(service.serviceName() + " was not ready within " + timeout + ":\n" + tail());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully), and kills it if it takes too long. */
    @Override
    public void close() {
        ChildJvms.stop(process, Duration.ofSeconds(20));
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}

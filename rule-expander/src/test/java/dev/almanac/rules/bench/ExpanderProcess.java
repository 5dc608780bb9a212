package dev.almanac.rules.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.almanac.rules.RuleExpanderApplication;

/**
 * rule-expander in a JVM of its own, as the local stack runs it: {@code java <options> -cp <this JVM's class
 * path> RuleExpanderApplication <arguments>}, its output in a log file. It counts as started when Spring Boot
 * logs that the application has started; its CPU is the whole process's, read from the operating system.
 */
final class ExpanderProcess implements AutoCloseable {

    private static final String STARTED = "Started " + RuleExpanderApplication.class.getSimpleName() + " in ";

    private final Process process;
    private final Path log;
    private final long spawned;
    private long started = -1;

    private ExpanderProcess(Process process, Path log, long spawned) {
        this.process = process;
        this.log = log;
        this.spawned = spawned;
    }

    /**
     * Starts the service with {@code javaOptions} and {@code arguments}. Surefire may put only a manifest jar
     * on {@code java.class.path}, whose manifest names the real class path; java follows it, so the child
     * loads the same classes either way.
     */
    static ExpanderProcess start(List<String> javaOptions, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RuleExpanderApplication.class.getName());
        command.addAll(arguments);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.deleteIfExists(log);
            long spawned = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            return new ExpanderProcess(process, log, spawned);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start rule-expander", e);
        }
    }

    /**
     * Notes when the service has started (the first call after its log says so), and fails with the log's
     * end if the process has exited. Until then the log is short: Spring's start-up and the clients' settings.
     */
    void watch() {
        if (!process.isAlive()) {
            throw new IllegalStateException("rule-expander exited with " + process.exitValue() + ":\n" + tail(40));
        }
        if (started >= 0) {
            return;
        }
        long now = System.nanoTime();
        try {
            if (new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(STARTED)) {
                started = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds from the spawn until the log said the service had started, or -1 if it has not yet. */
    double startedAfterSeconds() {
        return started < 0 ? -1 : (started - spawned) / 1e9;
    }

    /** The CPU the whole process has spent so far (every thread, the JVM's own included), in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the operating system does not report rule-expander's CPU"))
                .toNanos();
    }

    /** The last {@code lines} lines of the service's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    Path log() {
        return log;
    }

    /** Asks the service to stop (SIGTERM: Spring shuts down gracefully) and waits; kills it if it takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

package dev.almanac.benchmarks.seedscale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.almanac.benchmarks.load.LocalStackDefaults;

/**
 * A local stack the benchmark runs as a user would: {@code java -jar deploy/local/target/almanac-local.jar} with
 * {@code ALMANAC_HOME} and {@code ALMANAC_REPOSITORY} set, its output in a log file beside the home. It is ready when
 * the gateway answers, which it does only once every service is ready. It is stopped as Ctrl-C stops it: SIGTERM to
 * the launcher, whose shutdown hook stops the services, Kafka, MongoDB and PostgreSQL.
 */
final class LocalStackProcess {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Process launcher;
    private final Path home;
    private final Path log;
    private final long startedAt;

    private LocalStackProcess(Process launcher, Path home, Path log, long startedAt) {
        this.launcher = launcher;
        this.home = home;
        this.log = log;
        this.startedAt = startedAt;
    }

    /** The launcher's jar in {@code repository}, or why it cannot be run. */
    static Path launcherJar(Path repository) {
        Path jar = repository.resolve("deploy/local/target").resolve(LocalStackDefaults.LAUNCHER_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " is missing: build the stack first (./mvnw -B -q -DskipTests package),"
                    + " or name the checkout with --repository");
        }
        return jar;
    }

    /**
     * Starts the launcher on {@code home} (created if missing), its gateway on {@code gateway}'s port, through the
     * checkout's {@code run-local} without its build. Returns at once; {@link #awaitGateway} waits for it.
     */
    static LocalStackProcess start(Path repository, Path home, String gateway, Path log) {
        launcherJar(repository);
        // As a newcomer starts it: run-local, without its build, with the launcher's JVM options it gives.
        List<String> command = List.of(repository.resolve("run-local").toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ALMANAC_SKIP_BUILD", "1");
        builder.environment().put("ALMANAC_HOME", home.toString());
        // The benchmark measures capacity, not policy: its readers would use up any one caller's read budget (ADR 0092).
        builder.environment().put("ALMANAC_QUERY_READLIMITS_ENABLED", "false");
        builder.environment().put("ALMANAC_REPOSITORY", repository.toString());
        int port = URI.create(gateway).getPort();
        builder.environment().put("ALMANAC_GATEWAY_PORT", Integer.toString(port < 0 ? 80 : port));
        try {
            Files.createDirectories(home);
            long startedAt = System.nanoTime();
            return new LocalStackProcess(builder.start(), home, log, startedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /**
     * Waits until the gateway answers, and returns how long after the start it did.
     *
     * @throws IllegalStateException when the launcher ends first, or {@code patience} passes, naming its log
     */
    Duration awaitGateway(Api api, Duration patience) {
        long deadline = startedAt + patience.toNanos();
        while (!api.answers()) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the local stack ended with status " + launcher.exitValue() + " before its gateway answered;"
                        + " its output is in " + log + ":\n" + tail());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the local stack's gateway did not answer within " + patience.toSeconds() + " s; its output is in "
                        + log + ":\n" + tail());
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** What stopping took, and whether every process of the stack ended by itself. */
    record Stopped(Duration took, boolean clean, int exitStatus) {
    }

    /**
     * SIGTERM to the launcher, then waits for it, everything it started and its PostgreSQL to end. After
     * {@code patience}, what is left is killed, and the stop is not clean.
     */
    Stopped stop(Duration patience) {
        long started = System.nanoTime();
        List<ProcessHandle> stack = Stream.concat(Stream.concat(Stream.of(launcher.toHandle()), launcher.descendants()),
                ProcessHandle.allProcesses().filter(process -> StackMemory.postmasterOf(home).test(process.info().commandLine().orElse(""))))
                .toList();
        launcher.destroy();
        boolean clean = true;
        long deadline = started + patience.toNanos();
        for (ProcessHandle process : stack) {
            if (!awaitEnd(process, deadline)) {
                clean = false;
                process.destroyForcibly();
            }
        }
        int status;
        try {
            status = launcher.waitFor(10, TimeUnit.SECONDS) ? launcher.exitValue() : -1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        return new Stopped(Duration.ofNanos(System.nanoTime() - started), clean, status);
    }

    /** SIGTERM to the launcher without waiting, for when the benchmark itself is stopped: it stops the rest. */
    void signalStop() {
        launcher.destroy();
    }

    boolean alive() {
        return launcher.isAlive();
    }

    ProcessHandle handle() {
        return launcher.toHandle();
    }

    Path home() {
        return home;
    }

    private static boolean awaitEnd(ProcessHandle process, long deadline) {
        while (process.isAlive()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }
}

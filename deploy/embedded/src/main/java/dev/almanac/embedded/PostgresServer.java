package dev.almanac.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from zonky's embedded binaries. The data directory is kept
 * between starts. No JVM shutdown hook is registered: the owner stops PostgreSQL last, after
 * every service that uses it (a hook would race with connection pools still in use).
 *
 * <p>A durable server holds the local stack's event store, the record every other store is
 * rebuilt from, so it commits as PostgreSQL does by default: a commit is flushed to disk before
 * the command is answered. zonky starts the server with {@code -F} (no fsync) and
 * {@code synchronous_commit=off}, which suit the tests' throw-away databases and stay theirs; for
 * data kept between starts they would lose answered commands to a crash of PostgreSQL (up to three
 * WAL writer delays) and could corrupt the data directory on a crash of the machine (ADR 0043).
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    /** The server as it runs now: {@link #restart} replaces it with one on the same port and data directory. */
    private volatile EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final boolean durable;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory, boolean durable) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.durable = durable;
    }

    /**
     * @param durable whether each commit is flushed to disk before it is answered (for data kept between starts)
     */
    public static PostgresServer start(Path dataDirectory, int port, boolean durable) {
        return new PostgresServer(startServer(dataDirectory, port, durable), dataDirectory, durable);
    }

    private static EmbeddedPostgres startServer(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // Given after zonky's -F on the command line, so they win over it.
                    .setServerConfig("fsync", durable ? "on" : "off")
                    .setServerConfig("synchronous_commit", durable ? "on" : "off")
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start in " + dataDirectory, e);
        }
    }

    /**
     * Stops the server (zonky's fast shutdown: open transactions roll back, every connection is closed), runs
     * {@code whileDown}, and starts it again on the same port and data directory, so that the services' pools reconnect to
     * the address they know and find every commit (the fault suite's PostgreSQL restart, issue 74).
     */
    public synchronized void restart(Runnable whileDown) {
        int port = port();
        close();
        try {
            whileDown.run();
        } finally {
            postgres = startServer(dataDirectory, port, durable);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    /**
     * The server's main process, as its data directory's {@code postmaster.pid} names it; the connections' processes
     * are its children. pg_ctl starts it detached, so it is no descendant of the JVM that started it.
     */
    public Optional<ProcessHandle> process() {
        return mainProcess(dataDirectory);
    }

    /** The server's processes as they are now: its main process, the connections' and the background ones. */
    public List<ProcessHandle> processes() {
        return process().stream().flatMap(main -> Stream.concat(Stream.of(main), main.descendants())).toList();
    }

    /**
     * Stops the server an earlier start left running on {@code dataDirectory}: a launcher killed outright runs no
     * shutdown hook, and pg_ctl had detached the server from it, so it would hold the port and the data directory. It
     * is stopped as PostgreSQL's fast shutdown does (SIGINT): open transactions roll back and the data stays whole. A
     * process that {@code postmaster.pid} names but is not this directory's server (its pid taken since) is left alone.
     *
     * @return the server stopped; empty when none was running on {@code dataDirectory}
     * @throws IllegalStateException when it would not stop within {@code patience}
     */
    public static Optional<ProcessHandle> stopLeftOver(Path dataDirectory, Duration patience) {
        Optional<ProcessHandle> leftOver = mainProcess(dataDirectory).filter(process -> serves(process, dataDirectory));
        leftOver.ifPresent(server -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).inheritIO().start().waitFor();
                server.onExit().get(patience.toMillis(), TimeUnit.MILLISECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                throw new IllegalStateException("PostgreSQL (pid " + server.pid() + ") left running on " + dataDirectory
                        + " by an earlier start did not stop; stop it (kill " + server.pid() + ") and start again", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping PostgreSQL (pid " + server.pid() + ")", e);
            }
        });
        return leftOver;
    }

    /**
     * Whether {@code process} is a PostgreSQL server of {@code dataDirectory}, not a process that has since taken the pid
     * that {@code postmaster.pid} names. The server works in its data directory, so its working directory tells, however
     * the directory was spelled when it started (relative, through a link); without {@code /proc}, its command line.
     */
    private static boolean serves(ProcessHandle process, Path dataDirectory) {
        boolean postgres = process.info().command().or(() -> process.info().commandLine())
                .filter(command -> command.contains("postgres")).isPresent();
        if (!postgres) {
            return false;
        }
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), dataDirectory);
        } catch (IOException noProcFileSystem) {
            return process.info().commandLine().filter(line -> line.contains(dataDirectory.toString())).isPresent();
        }
    }

    private static Optional<ProcessHandle> mainProcess(Path dataDirectory) {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException notRunning) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }
}

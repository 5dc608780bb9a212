package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dataDirectory;

    /** zonky's own defaults (-F, synchronous_commit=off) would answer "off" to the first two. */
    @Test
    void aDurableServerFlushesEveryCommitToDiskBeforeAnsweringIt() throws Exception {
        assertThat(settingsOf(true, "fsync", "synchronous_commit", "full_page_writes")).containsExactly("on", "on", "on");
    }

    @Test
    void aThrowAwayServerDoesNotWaitForTheDisk() throws Exception {
        assertThat(settingsOf(false, "fsync", "synchronous_commit")).containsExactly("off", "off");
    }

    /** The connection's own process is a child of the main one: counted among the local stack's processes, though pg_ctl starts it detached. */
    @Test
    void namesItsMainProcessWhoseChildrenServeTheConnections() throws Exception {
        PostgresServer postgres = PostgresServer.start(dataDirectory.resolve("postgres"), FreePorts.any(), false);
        ProcessHandle main;
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
             ResultSet row = connection.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            assertThat(row.next()).isTrue();
            main = postgres.process().orElseThrow();
            assertThat(main.isAlive()).isTrue();
            assertThat(main.children().map(ProcessHandle::pid)).contains((long) row.getInt(1));
            assertThat(postgres.processes()).first().isEqualTo(main);
            assertThat(postgres.processes().stream().map(ProcessHandle::pid)).contains((long) row.getInt(1));
        } finally {
            postgres.close();
        }
        main.onExit().get(30, TimeUnit.SECONDS);
        assertThat(postgres.process()).isEmpty();
        assertThat(postgres.processes()).isEmpty();
    }

    /** A launcher killed outright leaves its server running, detached; the next start on the directory stops it and starts. */
    @Test
    void aServerLeftRunningByAKilledLauncherIsStoppedWholeAndTheDirectoryStartsAgain() throws Exception {
        Path directory = dataDirectory.resolve("postgres");
        int port = FreePorts.any();
        ProcessHandle server = leftRunningByAKilledLauncher(directory, port);

        Optional<ProcessHandle> stopped = PostgresServer.stopLeftOver(directory, Duration.ofSeconds(60));

        assertThat(stopped).contains(server);
        assertThat(server.isAlive()).isFalse();
        assertThat(PostgresServer.stopLeftOver(directory, Duration.ofSeconds(60))).as("nothing left the second time").isEmpty();
        try (PostgresServer again = PostgresServer.start(directory, port, true);
             Connection connection = DriverManager.getConnection(again.jdbcUrl());
             ResultSet row = connection.createStatement().executeQuery("SELECT id FROM kept")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(7);
        }
    }

    /** A home reached through a link, or spelled otherwise, is still the home: its left-over server is found. */
    @Test
    void aServerStartedThroughALinkIsStoppedByTheDirectorysOwnPath() throws Exception {
        Path directory = Files.createDirectories(dataDirectory.resolve("real")).resolve("postgres");
        Path link = Files.createSymbolicLink(dataDirectory.resolve("link"), directory.getParent());
        ProcessHandle server = leftRunningByAKilledLauncher(link.resolve("postgres"), FreePorts.any());
        try {
            assertThat(PostgresServer.stopLeftOver(directory, Duration.ofSeconds(60))).contains(server);
            assertThat(server.isAlive()).isFalse();
        } finally {
            server.destroy();
        }
    }

    /** Starts a durable server from a launcher JVM, writes a row, kills the launcher outright, and returns the server. */
    private static ProcessHandle leftRunningByAKilledLauncher(Path directory, int port) throws Exception {
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName(), directory.toString(), Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            String url = output.lines().filter(line -> line.startsWith("jdbc:")).findFirst().orElseThrow();
            try (Connection connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("CREATE TABLE kept (id int primary key); INSERT INTO kept VALUES (7)");
            }
        } finally {
            launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        ProcessHandle server = ProcessHandle.of(Long.parseLong(
                Files.readAllLines(directory.resolve("postmaster.pid")).get(0).trim())).orElseThrow();
        assertThat(server.isAlive()).as("detached from the launcher, it outlives it").isTrue();
        return server;
    }

    /** Stands for the local stack's launcher: starts a durable server on the directory and port given, prints its URL, waits. */
    static final class Launcher {
        public static void main(String[] args) throws Exception {
            PostgresServer postgres = PostgresServer.start(Path.of(args[0]), Integer.parseInt(args[1]), true);
            System.out.println(postgres.jdbcUrl());
            System.out.flush();
            new CountDownLatch(1).await();
        }
    }

    @Test
    void aDirectoryWithoutAServerHasNothingToStop() {
        assertThat(PostgresServer.stopLeftOver(dataDirectory.resolve("never-started"), Duration.ofSeconds(1))).isEmpty();
    }

    private List<String> settingsOf(boolean durable, String... names) throws SQLException {
        try (PostgresServer postgres = PostgresServer.start(dataDirectory.resolve("postgres"), FreePorts.any(), durable);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            List<String> settings = new ArrayList<>();
            for (String name : names) {
                settings.add(setting(connection, name));
            }
            return settings;
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SHOW " + name)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}

package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

    /** The connection's own process is a child of the main one: what the local stack lowers the priority of (ADR 0044). */
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
        } finally {
            postgres.close();
        }
        main.onExit().get(30, TimeUnit.SECONDS);
        assertThat(postgres.process()).isEmpty();
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

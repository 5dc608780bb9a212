package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dataDirectory;

    /** zonky's own defaults (-F, synchronous_commit=off) would answer "off" to both. */
    @Test
    void aDurableServerFlushesEveryCommitToDiskBeforeAnsweringIt() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dataDirectory.resolve("postgres"), EmbeddedInfrastructure.freeIfZero(0), true);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            assertThat(setting(connection, "fsync")).isEqualTo("on");
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    void aThrowAwayServerDoesNotWaitForTheDisk() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dataDirectory.resolve("postgres"), EmbeddedInfrastructure.freeIfZero(0), false);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            assertThat(setting(connection, "fsync")).isEqualTo("off");
            assertThat(setting(connection, "synchronous_commit")).isEqualTo("off");
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet row = connection.createStatement().executeQuery("SHOW " + name)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }
}

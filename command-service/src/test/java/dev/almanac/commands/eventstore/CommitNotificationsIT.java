package dev.almanac.commands.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import dev.almanac.embedded.EmbeddedInfrastructure;

/** The relay hears of every replica's commits from PostgreSQL, on the real server with the event store's migrations. */
class CommitNotificationsIT {

    private static final String SCHEMA = "commit_notifications_it";
    private static final String LISTENER = "commit-notifications-it listener";
    private static final Duration RETRY = Duration.ofMillis(300);

    private static String url;

    private final AtomicInteger told = new AtomicInteger();
    private CommitNotifications notifications;

    @BeforeAll
    static void migrate() throws SQLException {
        url = EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl();
        try (Connection admin = DriverManager.getConnection(url, "postgres", null); Statement drop = admin.createStatement()) {
            drop.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        Flyway.configure().dataSource(url, "postgres", null).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
    }

    @BeforeEach
    void listen() {
        Commits commits = new Commits();
        commits.onCommit(told::incrementAndGet);
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("ApplicationName", LISTENER);
        Driver postgres = new Driver();
        notifications = new CommitNotifications(() -> postgres.connect(url, login), commits, RETRY);
        notifications.start();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(told).as("told once on listening").hasValue(1));
    }

    @AfterEach
    void stop() {
        notifications.stop();
    }

    @Test
    void anotherSessionsCommitOfEventsIsTold() throws SQLException {
        storeEvents(3, true);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(told).hasValueGreaterThanOrEqualTo(2));
    }

    @Test
    void eventsRolledBackAreNotTold() throws SQLException {
        storeEvents(1, false);

        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(told).hasValue(1));
        storeEvents(1, true);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(told).hasValue(2));
    }

    @Test
    void aListenerWhoseSessionEndsListensAgainAndTellsACommitForWhatItMayHaveMissed() throws SQLException {
        try (Connection admin = DriverManager.getConnection(url, "postgres", null); Statement kill = admin.createStatement()) {
            kill.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '" + LISTENER + "'");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(told).as("told again on listening again").hasValue(2));
        storeEvents(1, true);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(told).hasValue(3));
    }

    private static void storeEvents(int count, boolean commit) throws SQLException {
        try (Connection replica = DriverManager.getConnection(url, "postgres", null)) {
            replica.setAutoCommit(false);
            try (Statement path = replica.createStatement()) {
                path.execute("SET search_path TO " + SCHEMA);
            }
            try (PreparedStatement insert = replica.prepareStatement("INSERT INTO DomainEventEntry (aggregateIdentifier, "
                    + "sequenceNumber, eventIdentifier, payload, payloadType) VALUES (?, ?, ?, ?, 'probe')")) {
                String aggregate = "item:" + UUID.randomUUID();
                for (int sequence = 0; sequence < count; sequence++) {
                    insert.setString(1, aggregate);
                    insert.setLong(2, sequence);
                    insert.setString(3, UUID.randomUUID().toString());
                    insert.setBytes(4, new byte[] {'{', '}'});
                    insert.executeUpdate();
                }
            }
            if (commit) {
                replica.commit();
            } else {
                replica.rollback();
            }
        }
    }
}

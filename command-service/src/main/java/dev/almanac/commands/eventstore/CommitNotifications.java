package dev.almanac.commands.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells {@link Commits} when any replica commits events, so that the relay reads the store on a commit rather than
 * polling it for other replicas' commits (ADR 0095). A trigger on the event table notifies the channel
 * {@value #CHANNEL} (migration V9); PostgreSQL delivers it at commit. This listens on a connection of its own, outside
 * the pool that commands and the relay share. While it cannot listen, the relay's slow poll still finds every event;
 * each time it listens again it tells one commit, so that whatever was stored meanwhile is read at once.
 */
public final class CommitNotifications implements SmartLifecycle {

    public static final String CHANNEL = "almanac_events_committed";

    private static final Logger log = LoggerFactory.getLogger(CommitNotifications.class);

    /** Connects the listening session; a plain connection of the event store's database. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Commits commits;
    private final Duration reconnectAfter;
    private volatile boolean running;
    private volatile @Nullable Thread listener;
    private volatile @Nullable Connection connection;

    public CommitNotifications(Connector connector, Commits commits, Duration reconnectAfter) {
        this.connector = connector;
        this.commits = commits;
        this.reconnectAfter = reconnectAfter;
    }

    @Override
    public void start() {
        running = true;
        Thread thread = new Thread(this::listen, "event-commit-listener");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly(connection);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection session = connector.connect()) {
                connection = session;
                session.setAutoCommit(true);
                try (Statement listen = session.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                commits.committed();
                PGConnection notifications = session.unwrap(PGConnection.class);
                while (running) {
                    // Blocks until a notification arrives or the timeout passes; the timeout only bounds how late a stop is seen.
                    PGNotification[] arrived = notifications.getNotifications((int) reconnectAfter.toMillis());
                    if (arrived != null && arrived.length > 0) {
                        commits.committed();
                    }
                }
            } catch (SQLException | RuntimeException failure) {
                if (running) {
                    log.warn("Not listening for event commits ({}); the relay polls until it listens again in {}",
                            failure.toString(), reconnectAfter);
                    pause();
                }
            } finally {
                connection = null;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(reconnectAfter.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(@Nullable Connection session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException ignored) {
            // Stopping: the session ends with the connection either way.
        }
    }
}

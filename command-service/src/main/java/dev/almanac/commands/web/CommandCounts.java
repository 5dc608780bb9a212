package dev.almanac.commands.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Each caller's commands in the current second, counted in the event store's PostgreSQL, which every replica of
 * command-service shares, so a caller's budget holds however many replicas answer it (ADR 0093). One statement per
 * command: an upsert on the caller's row that starts a new second or counts up the current one, by the database's
 * clock so that replicas agree on the second. The row's table is unlogged: nothing waits for the disk.
 * <p>
 * The count has a pool of its own, small and quick to give up: it must neither wait behind the commands for the event
 * store's connections nor hold a command up when PostgreSQL does not answer ({@link CallerRateLimits} then falls back
 * to its per-replica count).
 */
@Component
@ConditionalOnProperty(name = "almanac.commands.rate-limit.shared", havingValue = "true", matchIfMissing = true)
class CommandCounts implements SmartLifecycle, DisposableBean {

    static final String COUNT_ONE = """
            INSERT INTO command_rate_window AS w (caller, second, used)
            VALUES (?, floor(extract(epoch FROM clock_timestamp()))::bigint, 1)
            ON CONFLICT (caller) DO UPDATE
               SET used = CASE WHEN excluded.second > w.second THEN 1 ELSE w.used + 1 END,
                   second = greatest(w.second, excluded.second)
            RETURNING used""";
    /** Callers idle an hour are forgotten; their next command starts a fresh row. */
    static final String FORGET_IDLE = "DELETE FROM command_rate_window WHERE second < floor(extract(epoch FROM clock_timestamp()))::bigint - 3600";
    private static final Logger log = LoggerFactory.getLogger(CommandCounts.class);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(10);
    private static final int QUERY_TIMEOUT_SECONDS = 1;
    /** Beyond the statement's own timeout: a connection that hangs below it. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(2);

    private final DataSource counts;
    private volatile @Nullable ScheduledExecutorService forgetting;

    @Autowired
    CommandCounts(@Value("${spring.datasource.url}") String url,
                  @Value("${spring.datasource.username:postgres}") String username,
                  @Value("${spring.datasource.password:}") String password,
                  @Value("${almanac.commands.rate-limit.connections:3}") int connections) {
        this(pool(url, username, password, connections));
    }

    CommandCounts(DataSource counts) {
        this.counts = counts;
    }

    private static HikariDataSource pool(String url, String username, String password, int connections) {
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("command-counts");
        pool.setJdbcUrl(url);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(connections);
        pool.setMinimumIdle(1);
        // Hikari's least: a count that waits longer for a connection lets the command through on the local count.
        pool.setConnectionTimeout(250);
        // Start without PostgreSQL: the count is tried per command, and fails over to the local count meanwhile.
        pool.setInitializationFailTimeout(-1);
        return pool;
    }

    /** Counts one command of {@code caller} in the current second, on a thread that may block; the count with it. */
    Mono<Long> countOne(String caller) {
        return Mono.fromCallable(() -> countOneNow(caller)).subscribeOn(Schedulers.boundedElastic()).timeout(GIVE_UP_AFTER);
    }

    long countOneNow(String caller) throws SQLException {
        try (Connection connection = counts.getConnection(); PreparedStatement count = connection.prepareStatement(COUNT_ONE)) {
            count.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            count.setString(1, caller);
            try (ResultSet used = count.executeQuery()) {
                used.next();
                return used.getLong(1);
            }
        }
    }

    int forgetIdle() throws SQLException {
        try (Connection connection = counts.getConnection(); PreparedStatement forget = connection.prepareStatement(FORGET_IDLE)) {
            return forget.executeUpdate();
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService forgetting = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "command-counts-forgetting");
            thread.setDaemon(true);
            return thread;
        });
        this.forgetting = forgetting;
        forgetting.scheduleWithFixedDelay(() -> {
            try {
                forgetIdle();
            } catch (SQLException | RuntimeException e) {
                log.warn("Idle callers' command counts not deleted: {}", e.getMessage());
            }
        }, FORGET_EVERY.toSeconds(), FORGET_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** Stopped, as a paused test context is, it may be started again: the pool stays open until the bean is destroyed. */
    @Override
    public void stop() {
        ScheduledExecutorService current = forgetting;
        if (current != null) {
            current.shutdownNow();
        }
        forgetting = null;
    }

    @Override
    public boolean isRunning() {
        return forgetting != null;
    }

    @Override
    public void destroy() {
        if (counts instanceof HikariDataSource pool) {
            pool.close();
        }
    }
}

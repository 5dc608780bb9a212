package dev.almanac.commands.web;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.almanac.embedded.EmbeddedInfrastructure;

/**
 * What the shared command count adds to a command, against the embedded PostgreSQL: the upsert alone, the upsert as the
 * filter runs it (a hop to a thread that may block and back), and for comparison the statements Bucket4j's PostgreSQL
 * backend sends per consumption (SELECT … FOR UPDATE, UPDATE of the state, COMMIT, on a logged table). One caller,
 * from one thread and from eight at once. Prints microseconds at the median and p99 per command:
 * <pre>
 * nice -n 10 ./mvnw -B -o -pl command-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=CommandCountsBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class CommandCountsBenchmarkIT {

    private static final int COMMANDS = Integer.getInteger("almanac.bench.commands", 5_000);
    private static final int THREADS = 8;

    @Test
    void microsecondsPerCommandForEachWayOfCounting() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl());
            pool.setUsername("postgres");
            pool.setMaximumPoolSize(THREADS);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            new JdbcTemplate(pool).execute("CREATE TABLE IF NOT EXISTS bucket_like (id BIGINT PRIMARY KEY, state BYTEA)");
            new JdbcTemplate(pool).update("INSERT INTO bucket_like (id, state) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", (Object) new byte[64]);
            CommandCounts counts = new CommandCounts(pool);
            Step upsert = () -> counts.countOneNow("bench-ann");
            Step throughFilter = () -> counts.countOne("bench-ann").block();
            Step bucket4jLike = () -> bucket4jStatements(pool);

            System.out.printf("%,d commands of one caller; microseconds a command, median / p99%n", COMMANDS);
            for (int round = 1; round <= 3; round++) {
                System.out.printf("round %d: upsert %s | upsert via the filter's thread hop %s | Bucket4j's statements %s"
                                + " | %d threads: upsert %s, Bucket4j's statements %s%n",
                        round, timed(upsert, 1), timed(throughFilter, 1), timed(bucket4jLike, 1),
                        THREADS, timed(upsert, THREADS), timed(bucket4jLike, THREADS));
            }
        }
    }

    private static void bucket4jStatements(HikariDataSource pool) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            byte[] state;
            try (PreparedStatement select = connection.prepareStatement("SELECT state FROM bucket_like WHERE id = ? FOR UPDATE")) {
                select.setLong(1, 1);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    state = row.getBytes(1);
                }
            }
            state[0]++;
            try (PreparedStatement update = connection.prepareStatement("UPDATE bucket_like SET state = ? WHERE id = ?")) {
                update.setBytes(1, state);
                update.setLong(2, 1);
                update.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private static String timed(Step step, int threads) throws Exception {
        int each = COMMANDS / threads;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<long[]>> runs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runs.add(workers.submit(() -> {
                    long[] nanos = new long[each];
                    for (int i = 0; i < each; i++) {
                        long started = System.nanoTime();
                        step.run();
                        nanos[i] = System.nanoTime() - started;
                    }
                    return nanos;
                }));
            }
            long[] all = new long[each * threads];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(runs.get(t).get(), 0, all, t * each, each);
            }
            Arrays.sort(all);
            return "%d / %d".formatted(all[all.length / 2] / 1_000, all[(int) (all.length * 0.99)] / 1_000);
        } finally {
            workers.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}

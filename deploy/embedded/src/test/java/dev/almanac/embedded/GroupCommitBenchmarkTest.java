package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What command-service's PostgreSQL would save if commands were taken in batches, one transaction for several, each
 * in a savepoint of its own so that one refused leaves the others whole (issue 6's last structural lever). Each
 * command runs the statements a schedule runs in command-service: the calendar's advisory lock, its current version,
 * the event's insert into Axon's table and the booking's upsert; then one commit (durable, as the local stack's) for
 * each command, or one for {@code k}. The relay's reads are the same either way and are left out. Prints, for each
 * batch size in alternating rounds, PostgreSQL's CPU a command (the server and its backends, from /proc) and this
 * JVM's (the JDBC driver's side). Two more arms ask for the lock and the version in one round trip, as
 * command-service does since 2026-11-28, and then also send the booking's upsert in the commit's message, as it does
 * since ADR 0048.
 *
 * <pre>
 * ./mvnw -B -o -pl deploy/embedded -am test -Dtest=GroupCommitBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 *
 * {@code -Dalmanac.bench.only=<label start>[|…]} runs only those arms (a bar between them, since labels hold
 * commas), {@code -Dalmanac.bench.durable=false} commits without flushing, and {@code -Dalmanac.bench.commands} and
 * {@code -Dalmanac.bench.rounds} size the run.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class GroupCommitBenchmarkTest {

    private static final int COMMANDS = Integer.getInteger("almanac.bench.commands", 10_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 3);
    private static final int CALENDARS = 100;
    /** Off, the commits neither flush nor wait, so that a round trip's cost is not lost among the flushes' spread. */
    private static final boolean DURABLE = !"false".equals(System.getProperty("almanac.bench.durable"));
    /** The arms to run, by the start of their labels; all by default. */
    private static final String ONLY = System.getProperty("almanac.bench.only", "");
    private static final byte[] PAYLOAD = ("{\"item_id\":\"item-0\",\"calendar_id\":\"cal-00\",\"title\":\"Benchmark item\","
            + "\"type\":\"job\",\"start\":\"2026-12-01T10:00:00Z\",\"end\":\"2026-12-01T11:00:00Z\",\"timezone\":\"UTC\","
            + "\"priority\":\"normal\",\"tags\":[],\"resources\":[],\"dependencies\":[],\"estimated_duration_minutes\":60,"
            + "\"created_by\":\"bench\",\"created_at\":\"2026-11-27T18:00:00Z\",\"status\":\"scheduled\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = ("{\"actor\":\"bench\",\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-"
            + "b7ad6b7169203331-01\",\"causation_id\":\"" + UUID.randomUUID() + "\",\"correlation_id\":\"" + UUID.randomUUID()
            + "\"}").getBytes(StandardCharsets.UTF_8);

    private static final String BOOKING = "INSERT INTO calendar_booking (item_id, calendar_id, start_at, end_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (item_id) DO UPDATE SET start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at";
    private static final String VERSION = "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?";

    /** Tests run in their module's directory, deploy/embedded. */
    private static final Path COMMAND_SERVICE_MIGRATIONS = Path.of("../../command-service/src/main/resources/db/migration");

    @TempDir
    Path dataDirectory;

    private int itemCounter;

    /**
     * How commands share transactions: {@code perCommit} to a commit, each in a savepoint or not; and whether the lock
     * and the version are asked for in one round trip (two statements in one message) or in two.
     */
    private record Batching(String label, int perCommit, boolean savepoints, boolean lockWithVersion,
                            boolean bookingWithCommit) {

        Batching(String label, int perCommit, boolean savepoints, boolean lockWithVersion) {
            this(label, perCommit, savepoints, lockWithVersion, false);
        }
    }

    @Test
    void commandsInTransactionsOfTheirOwnAndInBatches() throws Exception {
        try (PostgresServer postgres = PostgresServer.start(dataDirectory.resolve("postgres"), FreePorts.any(), DURABLE);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            createTables(connection);
            System.out.printf("%,d commands a run, %d calendars, %s commits; %d rounds%n", COMMANDS, CALENDARS,
                    DURABLE ? "durable" : "unflushed", ROUNDS);
            Batching[] batchings = {
                    new Batching("a transaction each (today)", 1, false, false),
                    new Batching("a transaction each, lock with version", 1, false, true),
                    new Batching("a transaction each, booking with commit", 1, false, true, true),
                    new Batching("4 to a transaction, savepoints", 4, true, false),
                    new Batching("16 to a transaction, savepoints", 16, true, false),
                    new Batching("16 to a transaction, no savepoints", 16, false, false),
            };
            run(connection, postgres, batchings[0], false); // warms the driver, the server's caches and the JIT
            for (int round = 1; round <= ROUNDS; round++) {
                for (Batching batching : batchings) {
                    if (ONLY.isEmpty() || Arrays.stream(ONLY.split("\\|")).anyMatch(batching.label()::startsWith)) {
                        run(connection, postgres, batching, true);
                    }
                }
            }
        }
    }

    private void run(Connection connection, PostgresServer server, Batching batching, boolean print) throws SQLException {
        connection.setAutoCommit(false);
        Duration serverBefore = cpu(server);
        long clientBefore = ProcessCpu.nanos();
        long started = System.nanoTime();
        int committed = 0;
        try (PreparedStatement lock = connection.prepareStatement(batching.lockWithVersion()
                ? "SELECT pg_advisory_xact_lock(hashtextextended(?, 0)); " + VERSION : "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))");
             PreparedStatement version = connection.prepareStatement(VERSION);
             PreparedStatement event = connection.prepareStatement("INSERT INTO domainevententry (aggregateidentifier,"
                     + " sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement booking = connection.prepareStatement(batching.bookingWithCommit() ? BOOKING + "; COMMIT" : BOOKING)) {
            while (committed < COMMANDS) {
                for (int i = 0; i < batching.perCommit() && committed < COMMANDS; i++, committed++) {
                    Savepoint savepoint = batching.savepoints() ? connection.setSavepoint() : null;
                    schedule(lock, batching.lockWithVersion() ? null : version, event, booking);
                    if (batching.bookingWithCommit()) {
                        assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
                                .as("the booking's message committed the transaction").isEqualTo(TransactionState.IDLE);
                    }
                    if (savepoint != null) {
                        connection.releaseSavepoint(savepoint);
                    }
                }
                connection.commit();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double serverMs = (cpu(server).minus(serverBefore)).toNanos() / 1e6 / COMMANDS;
        double clientMs = (ProcessCpu.nanos() - clientBefore) / 1e6 / COMMANDS;
        if (print) {
            System.out.printf("%-36s %,8.0f commands/s  PostgreSQL %.3f ms CPU a command  JDBC client %.3f ms%n",
                    batching.label(), COMMANDS / seconds, serverMs, clientMs);
        }
        try (ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM calendar_booking")) {
            count.next();
            assertThat(count.getInt(1)).as("every command's booking committed").isEqualTo(itemCounter);
        }
        connection.commit();
    }

    /** @param version null when {@code lock} reads the version too */
    private void schedule(PreparedStatement lock, @Nullable PreparedStatement version, PreparedStatement event,
                          PreparedStatement booking) throws SQLException {
        String item = "item-" + (itemCounter++);
        String calendar = "cal-" + (itemCounter % CALENDARS);
        lock.setString(1, calendar);
        if (version == null) {
            lock.setString(2, "calendar:" + calendar);
            lock.execute();
            assertThat(lock.getMoreResults()).as("the version's result follows the lock's").isTrue();
            lock.getResultSet().close();
        } else {
            lock.executeQuery().close();
            version.setString(1, "calendar:" + calendar);
            version.executeQuery().close();
        }
        event.setString(1, "item:" + item);
        event.setLong(2, 0);
        event.setString(3, "Item");
        event.setString(4, UUID.randomUUID().toString());
        event.setBytes(5, META_DATA);
        event.setBytes(6, PAYLOAD);
        event.setString(7, null);
        event.setString(8, "dev.almanac.events.schedule.ItemScheduled");
        event.setString(9, Instant.now().toString());
        event.addBatch();
        event.executeBatch(); // as Axon appends a unit of work's events
        Instant start = Instant.parse("2026-12-01T10:00:00Z").plusSeconds(60L * itemCounter);
        booking.setString(1, item);
        booking.setString(2, calendar);
        booking.setTimestamp(3, Timestamp.from(start));
        booking.setTimestamp(4, Timestamp.from(start.plusSeconds(3600)));
        booking.executeUpdate();
    }

    /** The server's CPU: the postmaster, its backends and its background processes. */
    private static Duration cpu(PostgresServer server) {
        return server.processes().stream()
                .map(process -> process.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    /** command-service's own migrations, so that the tables and their indexes are the ones the service writes. */
    private static void createTables(Connection connection) throws SQLException, IOException {
        for (String migration : List.of("V1__axon_event_store.sql", "V2__calendar_booking.sql")) {
            connection.createStatement().execute(Files.readString(COMMAND_SERVICE_MIGRATIONS.resolve(migration)));
        }
    }
}

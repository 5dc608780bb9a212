package dev.almanac.commands.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.CalendarTerms;
import dev.almanac.commands.eventstore.WritesWithCommit;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.ItemDurations;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.embedded.EmbeddedInfrastructure;

/**
 * The ledger's deferred writes ({@link WritesWithCommit}) as its reader meets them: a booking written earlier in a
 * transaction counts against the next one in it, as when each write went at once. On the real PostgreSQL, in a schema
 * of its own.
 */
class BookingLedgerIT {

    private static final CalendarId ROOM = CalendarId.of("ledger-probe-room");
    private static final Instant START = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final TimeRange HOUR = new TimeRange(START, START.plus(1, ChronoUnit.HOURS));

    private static HikariDataSource pool;

    private final JdbcTemplate jdbc = new JdbcTemplate(pool);
    private final WritesWithCommit writes = new WritesWithCommit(jdbc);
    private final BookingLedger ledger = new BookingLedger(writes);
    private final JdbcCapacityGuard guard = new JdbcCapacityGuard(jdbc, writes, Clock.systemUTC());
    private final TransactionTemplate transactions = new TransactionTemplate(writes.transactionManager(pool));

    @BeforeAll
    static void startPool() throws IOException {
        String url = EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl();
        JdbcTemplate setup = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        setup.execute("DROP SCHEMA IF EXISTS ledger_probe CASCADE");
        setup.execute("CREATE SCHEMA ledger_probe");
        pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pool.setSchema("ledger_probe");
        pool.setMaximumPoolSize(2);
        try (InputStream migration = BookingLedger.class.getResourceAsStream("/db/migration/V2__calendar_booking.sql")) {
            new JdbcTemplate(pool).execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyLedger() {
        jdbc.execute("TRUNCATE calendar_booking");
    }

    @Test
    void aBookingWrittenEarlierInTheTransactionCountsAgainstTheNextOne() {
        transactions.executeWithoutResult(status -> {
            ledger.on(scheduled("first"));

            assertThatThrownBy(() -> guard.admit(terms(), ItemId.of("second"), HOUR))
                    .isInstanceOf(CommandRejectedException.class).hasMessageContaining("is full");
            status.setRollbackOnly();
        });
    }

    @Test
    void theBookingCommitsWithTheTransaction() {
        transactions.executeWithoutResult(status -> ledger.on(scheduled("first")));

        assertThat(bookedElsewhere()).containsExactly("first");
    }

    @Test
    void aRolledBackTransactionBooksNothing() {
        transactions.executeWithoutResult(status -> {
            ledger.on(scheduled("first"));
            status.setRollbackOnly();
        });

        assertThat(bookedElsewhere()).isEmpty();
    }

    private List<String> bookedElsewhere() {
        return new JdbcTemplate(pool).queryForList("SELECT item_id FROM calendar_booking", String.class);
    }

    private static ItemScheduled scheduled(String item) {
        return new ItemScheduled(ItemId.of(item), ROOM, "Probe", "meeting", HOUR.start(), HOUR.end(), ZoneOffset.UTC,
                Priority.NORMAL, List.of());
    }

    private static CalendarTerms terms() {
        return new CalendarTerms(ROOM, ZoneOffset.UTC, 1, OverbookingPolicy.BLOCK, ItemDurations.defaultsFor(CalendarType.VENUE),
                true, 0);
    }
}

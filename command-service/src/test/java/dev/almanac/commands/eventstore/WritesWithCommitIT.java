package dev.almanac.commands.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.almanac.embedded.EmbeddedInfrastructure;

/** Deferred writes against the real PostgreSQL and driver, under the manager that sends them with the commit. */
class WritesWithCommitIT {

    private static final String INSERT = "INSERT INTO writes_with_commit_probe (id, n) VALUES (?, ?)";

    private static HikariDataSource pool;

    private final Counting counting = new Counting();
    private final DataSource dataSource = counting.wrap(pool);
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final WritesWithCommit writes = new WritesWithCommit(jdbc);
    private final TransactionTemplate transactions =
            new TransactionTemplate(writes.transactionManager(dataSource));

    @BeforeAll
    static void startPool() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl());
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        new JdbcTemplate(pool).execute("CREATE TABLE IF NOT EXISTS writes_with_commit_probe (id text PRIMARY KEY, n int)");
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @BeforeEach
    void emptyTable() {
        new JdbcTemplate(pool).execute("TRUNCATE writes_with_commit_probe");
    }

    @Test
    void aDeferredWriteTravelsInTheCommitsOwnMessage() {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject("SELECT 1", Integer.class);
            writes.defer(INSERT, "a", 1);
            assertThat(counting.executions).as("the write is not sent yet").hasValue(1);
        });

        assertThat(rows()).containsExactly("a=1");
        assertThat(counting.executions).as("the query, then the write with the commit").hasValue(2);
        assertThat(counting.statesAtCommit).as("the driver's own commit finds nothing left to send")
                .containsExactly(TransactionState.IDLE);
    }

    @Test
    void aTransactionWithNothingDeferredCommitsAsBefore() {
        transactions.executeWithoutResult(status -> jdbc.update(INSERT, "a", 1));

        assertThat(rows()).containsExactly("a=1");
        assertThat(counting.statesAtCommit).containsExactly(TransactionState.OPEN);
    }

    @Test
    void severalWritesWithTheirArgumentsTravelTogetherInOrder() {
        transactions.executeWithoutResult(status -> {
            writes.defer(INSERT, "a", 1);
            writes.defer(INSERT, "b", 2);
            writes.defer("UPDATE writes_with_commit_probe SET n = ? WHERE id = ?", 3, "a");
            writes.defer("DELETE FROM writes_with_commit_probe WHERE id = ?", "b");
        });

        assertThat(rows()).containsExactly("a=3");
        assertThat(counting.executions).as("one message for all four and the commit").hasValue(1);
    }

    @Test
    void aRolledBackTransactionSendsNothing() {
        transactions.executeWithoutResult(status -> {
            writes.defer(INSERT, "a", 1);
            status.setRollbackOnly();
        });

        assertThat(rows()).isEmpty();
        assertThat(counting.executions).hasValue(0);
    }

    @Test
    void aFlushSendsTheWritesSoThatTheTransactionReadsThem() {
        transactions.executeWithoutResult(status -> {
            writes.defer(INSERT, "a", 1);
            writes.flush();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM writes_with_commit_probe", Integer.class)).isEqualTo(1);
            writes.defer(INSERT, "b", 2);
        });

        assertThat(rows()).containsExactly("a=1", "b=2");
    }

    @Test
    void aFailingWriteFailsTheCommitAndNothingOfItsTransactionLands() {
        new JdbcTemplate(pool).update(INSERT, "taken", 0);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            jdbc.update(INSERT, "sent at once", 1);
            writes.defer(INSERT, "deferred", 2);
            writes.defer(INSERT, "taken", 3);
        })).isInstanceOf(DuplicateKeyException.class);

        assertThat(rows()).containsExactly("taken=0");
        transactions.executeWithoutResult(status -> writes.defer(INSERT, "next", 4));
        assertThat(rows()).as("the pool's connection is usable again").containsExactly("next=4", "taken=0");
    }

    @Test
    void aWriteDeferredAfterTheCommitTookItsWritesStillLands() {
        transactions.executeWithoutResult(status -> {
            writes.defer(INSERT, "a", 1);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writes.defer(INSERT, "late", 2);
                }
            });
        });

        assertThat(rows()).containsExactly("a=1", "late=2");
    }

    @Test
    void aWriteDeferredAfterTheCommitOfATransactionThatHeldNoneStillLands() {
        transactions.executeWithoutResult(status ->
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        writes.defer(INSERT, "late", 2);
                    }
                }));

        assertThat(rows()).containsExactly("late=2");
        transactions.executeWithoutResult(status -> writes.defer(INSERT, "next", 3));
        assertThat(rows()).as("nothing held over to the thread's next transaction").containsExactly("late=2", "next=3");
    }

    @Test
    void outsideATransactionAWriteGoesAtOnce() {
        writes.defer(INSERT, "a", 1);

        assertThat(rows()).containsExactly("a=1");
    }

    @Test
    void anotherManagersCommitStillLandsTheWrites() {
        TransactionTemplate plain = new TransactionTemplate(new JdbcTransactionManager(dataSource));

        plain.executeWithoutResult(status -> writes.defer(INSERT, "a", 1));

        assertThat(rows()).containsExactly("a=1");
        assertThat(counting.executions).as("a round trip of its own before the commit").hasValue(1);
        assertThat(counting.statesAtCommit).containsExactly(TransactionState.OPEN);
    }

    @Test
    void anInnerTransactionOfItsOwnKeepsItsWritesApart() {
        TransactionTemplate inner = new TransactionTemplate(transactions.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        transactions.executeWithoutResult(status -> {
            writes.defer(INSERT, "outer", 1);
            inner.executeWithoutResult(innerStatus -> writes.defer(INSERT, "inner", 2));
            assertThat(rows()).as("the inner commit sent only its own write").containsExactly("inner=2");
            status.setRollbackOnly();
        });

        assertThat(rows()).containsExactly("inner=2");
    }

    private List<String> rows() {
        return new JdbcTemplate(pool).queryForList(
                "SELECT id || '=' || n FROM writes_with_commit_probe ORDER BY id", String.class);
    }

    /** Counts the statements run through it, and notes the driver's transaction state whenever commit is asked for. */
    private static final class Counting {

        final AtomicInteger executions = new AtomicInteger();
        final List<TransactionState> statesAtCommit = new ArrayList<>();

        DataSource wrap(DataSource target) {
            return proxy(DataSource.class, target, (result, method) -> result instanceof Connection connection
                    ? proxy(Connection.class, connection, (statement, created) -> statement instanceof PreparedStatement prepared
                            ? proxy(PreparedStatement.class, prepared, null)
                            : statement instanceof Statement plain ? proxy(Statement.class, plain, null) : statement)
                    : result);
        }

        private interface Wrapping {
            Object apply(Object result, String method);
        }

        @SuppressWarnings("unchecked")
        private <T> T proxy(Class<T> type, T target, Wrapping wrapping) {
            InvocationHandler handler = (self, method, arguments) -> {
                if (method.getName().startsWith("execute")) {
                    executions.incrementAndGet();
                } else if (method.getName().equals("commit")) {
                    statesAtCommit.add(((Connection) target).unwrap(BaseConnection.class).getTransactionState());
                }
                try {
                    Object result = method.invoke(target, arguments);
                    return wrapping == null ? result : wrapping.apply(result, method.getName());
                } catch (InvocationTargetException failed) {
                    throw failed.getCause();
                }
            };
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
        }
    }
}

package dev.almanac.commands.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that their transaction does not read back, sent to PostgreSQL in one message with the transaction's
 * {@code COMMIT} instead of a round trip each ({@link WritesWithCommitTransactionManager}; ADR 0048). A reader of the
 * same rows inside the transaction calls {@link #flush()} first, so it sees them as it would have without deferral.
 * Outside a transaction a write is sent at once.
 *
 * <p>Should the transaction be committed by another manager, the writes are sent just before its commit, in a round
 * trip of their own: deferral changes when a write travels, never whether it lands.
 */
public final class WritesWithCommit {

    private final JdbcTemplate jdbc;

    public WritesWithCommit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A JDBC transaction manager over {@code dataSource} whose commits carry these writes. */
    public JdbcTransactionManager transactionManager(DataSource dataSource) {
        return new WritesWithCommitTransactionManager(dataSource, this);
    }

    /** Sends {@code sql} with the current transaction's commit, or now when no transaction is active. */
    public void defer(String sql, Object... arguments) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(sql, arguments);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.committing) {
            jdbc.update(sql, arguments);
        } else {
            pending.writes.add(new Write(sql, arguments));
        }
    }

    /** Sends the current transaction's deferred writes now, so that a query after this sees them. */
    public void flush() {
        Pending pending = current();
        if (pending != null) {
            pending.sendNow();
        }
    }

    /**
     * Takes the current transaction's deferred writes for its commit to send; from then on they are the caller's, and a
     * write deferred later (from another synchronization's after-commit callback) goes at once, as it did before.
     */
    List<Write> takeForCommit() {
        Pending pending = current();
        if (pending == null) {
            return List.of();
        }
        pending.committing = true;
        List<Write> taken = List.copyOf(pending.writes);
        pending.writes.clear();
        return taken;
    }

    /** Marks the current transaction's deferred writes as sent by its commit, so that nothing sends them before it. */
    void willSendWithCommit() {
        Pending pending = current();
        if (pending != null) {
            pending.sentWithCommit = true;
        }
    }

    /**
     * Runs {@code writes} and then {@code COMMIT} as one statement: the driver sends them in one message, the server
     * runs them in turn, and a write that fails ends the transaction without committing anything of it.
     */
    static void sendWithCommit(Connection connection, List<Write> writes) throws SQLException {
        String statements = writes.stream().map(Write::sql).collect(Collectors.joining("; ", "", "; COMMIT"));
        try (PreparedStatement statement = connection.prepareStatement(statements)) {
            int index = 1;
            for (Write write : writes) {
                for (Object argument : write.arguments()) {
                    StatementCreatorUtils.setParameterValue(statement, index++, SqlTypeValue.TYPE_UNKNOWN, argument);
                }
            }
            statement.execute();
        }
    }

    private @Nullable Pending current() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                ? (Pending) TransactionSynchronizationManager.getResource(this) : null;
    }

    record Write(String sql, Object[] arguments) {
    }

    /** One transaction's deferred writes; bound to it, and set aside while an inner transaction of its own runs. */
    private final class Pending implements TransactionSynchronization {

        private final List<Write> writes = new ArrayList<>();
        private boolean sentWithCommit;
        /** Past the point where the commit takes or sends them: later writes go at once. */
        private boolean committing;

        void sendNow() {
            for (Write write : writes) {
                jdbc.update(write.sql(), write.arguments());
            }
            writes.clear();
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(WritesWithCommit.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(WritesWithCommit.this, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!sentWithCommit) {
                sendNow();
                committing = true;
            }
        }

        /**
         * Writes still held after a commit were deferred once the commit had taken its own (from an after-commit
         * callback of a transaction that held none): they go now, as such a write went before deferral.
         */
        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED && !writes.isEmpty()) {
                sendNow();
            }
            TransactionSynchronizationManager.unbindResourceIfPossible(WritesWithCommit.this);
        }
    }
}

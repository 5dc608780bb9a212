package dev.almanac.commands.eventstore;

import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring's JDBC transaction manager, but a commit sends the transaction's {@link WritesWithCommit} and its
 * {@code COMMIT} in one message. The driver then finds the connection idle, so its own commit sends nothing.
 */
final class WritesWithCommitTransactionManager extends JdbcTransactionManager {

    private final WritesWithCommit writesWithCommit;

    WritesWithCommitTransactionManager(DataSource dataSource, WritesWithCommit writesWithCommit) {
        super(dataSource);
        this.writesWithCommit = writesWithCommit;
    }

    @Override
    protected void prepareForCommit(DefaultTransactionStatus status) {
        super.prepareForCommit(status);
        if (status.isNewTransaction()) {
            writesWithCommit.willSendWithCommit();
        }
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<WritesWithCommit.Write> writes = writesWithCommit.takeForCommit();
        if (!writes.isEmpty()) {
            try {
                WritesWithCommit.sendWithCommit(((JdbcTransactionObjectSupport) status.getTransaction())
                        .getConnectionHolder().getConnection(), writes);
            } catch (SQLException failed) {
                throw translateException("JDBC commit", failed);
            }
        }
        super.doCommit(status);
    }
}

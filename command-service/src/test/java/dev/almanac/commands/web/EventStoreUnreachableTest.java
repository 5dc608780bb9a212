package dev.almanac.commands.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.almanac.commands.CommandRejectedException;

/** A store that cannot be reached is told from a bug however it comes wrapped; only it is a 503. */
class EventStoreUnreachableTest {

    /** Hikari's answer when no connection came free within connection-timeout. */
    private static final SQLTransientConnectionException POOL_TIMED_OUT =
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 3000ms",
                    "08001", new ConnectException("Connection refused"));

    @Test
    void aPoolThatGaveNoConnectionIsUnreachableAndNothingWasWritten() {
        Throwable atTransactionStart = new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                POOL_TIMED_OUT);
        Throwable atAppend = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", POOL_TIMED_OUT);

        assertThat(EventStoreUnreachable.causedBy(atTransactionStart)).isTrue();
        assertThat(EventStoreUnreachable.causedBy(atAppend)).isTrue();
        assertThat(EventStoreUnreachable.neverConnected(atTransactionStart)).isTrue();
        assertThat(EventStoreUnreachable.problem(atAppend).getMessage()).contains("nothing of this command was stored");
    }

    @Test
    void aConnectionThatBrokeUnderAxonsAppendIsUnreachableButMayHaveCommitted() {
        // PostgreSQL's fast shutdown ends every session with 57P01; a connection cut mid-query is 08006.
        Throwable shutDown = new EventStoreException("An event could not be stored",
                new SQLException("terminating connection due to administrator command", "57P01"));
        Throwable cut = new EventStoreException("An event could not be stored", new SQLException("An I/O error occurred", "08006"));

        assertThat(EventStoreUnreachable.causedBy(shutDown)).isTrue();
        assertThat(EventStoreUnreachable.causedBy(cut)).isTrue();
        assertThat(EventStoreUnreachable.neverConnected(cut)).isFalse();
        assertThat(EventStoreUnreachable.problem(cut).getMessage()).contains("may have been if it broke while committing");
        assertThat(EventStoreUnreachable.problem(cut).status().value()).isEqualTo(503);
    }

    @Test
    void aBugOrARefusalIsNot() {
        assertThat(EventStoreUnreachable.causedBy(new EventStoreException("An event could not be stored",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(EventStoreUnreachable.causedBy(new ConcurrencyException("taken"))).isFalse();
        assertThat(EventStoreUnreachable.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(EventStoreUnreachable.causedBy(new CommandRejectedException(CommandRejectedException.Reason.CONFLICT,
                "full", List.of()))).isFalse();
    }
}

package dev.almanac.commands.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.almanac.platform.problem.ProblemException;

/**
 * Tells a failure to reach PostgreSQL (refused, shut down, or no pooled connection free within Hikari's
 * {@code connection-timeout}) from a bug, however Spring, Hikari or Axon wrapped it. Such a command is answered 503 with
 * {@code Retry-After}: the outage is the operator's to fix and the client's to wait out, not a fault in the request.
 */
final class EventStoreUnreachable {

    /** About how long PostgreSQL takes to restart; a client that waits this long mostly finds it back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private EventStoreUnreachable() {
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessResourceException
                    || cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof ConnectException
                    || cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether no connection was had at all, so nothing of the command was written; otherwise an open connection broke,
     * which rolls its transaction back unless it broke during the commit.
     */
    static boolean neverConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    static ProblemException problem(Throwable failure) {
        return failure instanceof Refused refused && refused.getCause() == null || neverConnected(failure) ? refusedAtOnce() : ProblemException.unavailable("the event store's connection broke "
                + "while the command ran; it was most likely not stored, but may have been if it broke while committing: "
                + "send it again after Retry-After seconds (a creation with its id, a change with If-Match)");
    }

    private static ProblemException refusedAtOnce() {
        return ProblemException.unavailable("the event store cannot be reached; nothing of this command was stored, so send "
                + "it again after Retry-After seconds");
    }

    static void retryAfter(HttpHeaders headers) {
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
    }

    /** PostgreSQL's connection exceptions (class 08) and its shutting down or starting (57P01 to 57P03). */
    private static boolean isConnectionState(@Nullable String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    /**
     * A command refused because the store could not be reached: with the failure as its cause, or with none when it was
     * not even tried, since a command a moment before had found the store unreachable.
     */
    static final class Refused extends RuntimeException {

        Refused(@Nullable Throwable cause) {
            super("the event store cannot be reached", cause);
        }
    }
}

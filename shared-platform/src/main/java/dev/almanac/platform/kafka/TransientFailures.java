package dev.almanac.platform.kafka;

import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RetriableException;
import org.jspecify.annotations.Nullable;

/**
 * Tells an outage (a store or broker that is down or slow) from a record that fails on its
 * own merits. An outage is retried until it ends, keeping the partition in order; anything
 * else is retried briefly and then dead-lettered so the partition keeps flowing.
 */
public final class TransientFailures {

    // By name, so that the platform does not need the MongoDB driver on every service's classpath.
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoExecutionTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException");

    private TransientFailures() {
    }

    public static boolean isTransient(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PoisonMessageException) {
                return false;
            }
            if (cause instanceof RetriableException || cause instanceof TimeoutException || isKnownTransient(cause.getClass())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isKnownTransient(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (TRANSIENT_TYPES.contains(current.getName())) {
                return true;
            }
        }
        return false;
    }
}

package dev.almanac.platform.kafka;

import org.slf4j.Logger;
import org.springframework.core.NestedExceptionUtils;

/**
 * The log line of a record going to its dead-letter topic, the same for every consumer (the
 * platform's listener error handler and conflict-detector's stream processors): where the record
 * came from and its failure's root cause, class and message. A listener's failure reaches the
 * error handler wrapped by the container ("Listener method ... threw exception"), whose message
 * says nothing of the cause. The whole failure is logged at debug.
 */
public final class DeadLetterLog {

    private DeadLetterLog() {
    }

    public static void deadLettering(Logger log, String topic, int partition, long offset, Throwable failure) {
        log.warn("Dead-lettering {}-{}@{}: {}", topic, partition, offset, rootCause(failure));
        log.debug("The failure of {}-{}@{}", topic, partition, offset, failure);
    }

    /** The deepest cause of {@code failure} (itself when it has none), as its class name and message. */
    static String rootCause(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        return root.getClass().getName() + ": " + root.getMessage();
    }
}

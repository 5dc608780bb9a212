package dev.almanac.platform.kafka;

/**
 * A record that can never be applied, however often it is retried: a broken envelope, JSON
 * that does not match its type, an unknown event type. It goes straight to the topic's
 * dead-letter companion with this message in its headers, and the partition moves on.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.almanac.recurrence;

/** A cron expression that cannot be parsed or never fires; the message says what is wrong with it. */
public class InvalidCronException extends RuntimeException {

    public InvalidCronException(String message) {
        super(message);
    }

    public InvalidCronException(String message, Throwable cause) {
        super(message, cause);
    }
}

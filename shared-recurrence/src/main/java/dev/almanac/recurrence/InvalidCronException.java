package dev.almanac.recurrence;

/** A cron expression that cannot be parsed or never fires; the message says what is wrong with it. */
public class InvalidCronException extends InvalidScheduleException {

    public InvalidCronException(String message) {
        super(Problem.INVALID_SYNTAX, message);
    }

    public InvalidCronException(String message, Throwable cause) {
        super(Problem.INVALID_SYNTAX, message, cause);
    }

    public InvalidCronException(Problem problem, String message) {
        super(problem, message);
    }
}

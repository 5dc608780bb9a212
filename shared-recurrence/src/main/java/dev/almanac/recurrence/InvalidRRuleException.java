package dev.almanac.recurrence;

/** An RFC 5545 recurrence rule, or its DTSTART, EXDATE or RDATE, that cannot run; the message says why. */
public class InvalidRRuleException extends InvalidScheduleException {

    public InvalidRRuleException(Problem problem, String message) {
        super(problem, message);
    }

    public InvalidRRuleException(Problem problem, String message, Throwable cause) {
        super(problem, message, cause);
    }
}

package dev.almanac.recurrence;

/**
 * A schedule that Almanac cannot run. The message names the problem and where it lies (the field or
 * rule part, the value); {@link #problem()} classifies it for an API's error body.
 */
public class InvalidScheduleException extends RuntimeException {

    /** What kind of problem the schedule has. */
    public enum Problem {
        /** The text does not parse, or a field or rule part holds a value it cannot hold. */
        INVALID_SYNTAX,
        /** The schedule parses but no date and time ever satisfies it, such as 30 February. */
        NEVER_FIRES,
        /** The schedule asks for more than the engine computes: a COUNT, INTERVAL or search past its limits. */
        BEYOND_LIMITS
    }

    private final Problem problem;

    public InvalidScheduleException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public InvalidScheduleException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

package dev.almanac.commands.calendar;

/**
 * The per-calendar lock that serialises the commands booking a calendar and the changes of its terms, across every
 * command-service replica (ADR 0005, ADR 0020): a PostgreSQL advisory lock, held until the transaction ends.
 */
public final class CalendarLock {

    /** Takes the lock of the calendar whose id is the one parameter, waiting while another transaction holds it. */
    public static final String TAKE = "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))";

    private CalendarLock() {
    }
}

package dev.almanac.recurrence;

/**
 * When a rule fires, as wall-clock times with no zone: a cron expression in one of the
 * {@link CronDialect}s, or an RFC 5545 recurrence rule with its DTSTART, EXDATEs and RDATEs. A
 * {@link RecurrenceSpec} pairs a schedule with a zone and a DST policy, and {@link RecurrenceExpander}
 * turns both kinds into occurrences by the same path.
 */
public sealed interface Schedule permits CronExpression, RRuleSchedule {

    /** What the schedule means, in English. */
    String description();

    /**
     * Whether the schedule has a last time: an RRULE with COUNT or UNTIL, or a Quartz cron whose year
     * field names particular years. {@link RecurrenceExpander#last} finds it.
     */
    boolean isFinite();

}

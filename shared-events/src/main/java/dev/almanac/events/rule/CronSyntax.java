package dev.almanac.events.rule;

/**
 * The dialect a rule's {@code cron} is written in: POSIX crontab's 5 fields, Quartz's 6 or 7 (seconds
 * first, optional year, exactly one day field {@code ?}), or Spring's 6 (seconds first, a day must
 * match both day fields). A rule without one is {@link #UNIX}, as every rule created before dialects.
 */
public enum CronSyntax {
    UNIX,
    QUARTZ,
    SPRING
}

package dev.almanac.events;

import java.util.List;

/**
 * The topic catalogue. Names are constants so that listeners can use them in annotations.
 * Every topic has a dead-letter companion named {@code <topic>.DLT}.
 */
public final class Topics {

    /** Calendar and resource lifecycle, capacity, grants, resource availability. Key: calendar id, or resource id for resources. */
    public static final String CALENDARS = "almanac.calendars.v1";
    /** One-off items. Key: calendar id. */
    public static final String SCHEDULE = "almanac.schedule.v1";
    /** Recurring rules. Key: rule id. */
    public static final String RULES = "almanac.rules.v1";
    /** Run reports from executors. Key: calendar id. */
    public static final String RUNS = "almanac.runs.v1";
    /** Materialised occurrences, published by rule-expander. Key: calendar id. */
    public static final String OCCURRENCES = "almanac.occurrences.v1";
    /**
     * A copy of the records of {@link #OCCURRENCES} that no reader can compute from {@link #RULES}: missed runs (with the
     * catch-up run their rule's policy started) and approved backfill runs. rule-expander writes each to both topics, so
     * that the services that compute rule occurrences read a few records here rather than millions there (ADR 0072).
     * Key: calendar id.
     */
    public static final String MISSED_RUNS = "almanac.missed-runs.v1";
    /** Conflict lifecycle, published by conflict-detector. Key: calendar id. */
    public static final String CONFLICTS = "almanac.conflicts.v1";
    /** Occurrences due now, published by the dispatcher in transactions. Key: calendar id. */
    public static final String DISPATCH = "almanac.dispatch.v1";
    /** Notifications for people, one per fact and recipient, published by the dispatcher's notifier (ADR 0075). Key: user id. */
    public static final String NOTIFICATIONS = "almanac.notifications.v1";
    /** How each user wants notifications delivered, set by command-service (ADR 0078). Key: user id, as {@link #NOTIFICATIONS}. */
    public static final String NOTIFICATION_PREFERENCES = "almanac.notification-preferences.v1";
    /** What became of each notification on its way out (suppressed, held, digested, sent, failed), by the deliverer (ADR 0078). Key: user id. */
    public static final String NOTIFICATION_DELIVERIES = "almanac.notification-deliveries.v1";
    /** What each calendar's notifications do for everyone, set by its managers through command-service. Key: calendar id. */
    public static final String NOTIFICATION_POLICIES = "almanac.notification-policies.v1";

    /**
     * Commands the domain refused, recorded by command-service for the audit trail (ADR 0081), and platform admins' requests,
     * recorded by every service that answers one (ADR 0102). Key: the refused command's target; the tenant.
     */
    public static final String AUDIT = "almanac.audit.v1";

    /** Secret calendar feed URLs issued and revoked, set by command-service (ADR 0082). Key: calendar id. */
    public static final String CALENDAR_SUBSCRIPTIONS = "almanac.calendar-subscriptions.v1";

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** Every topic, in the order of the architecture's table. */
    public static final List<String> ALL = List.of(CALENDARS, SCHEDULE, RULES, RUNS, OCCURRENCES, MISSED_RUNS, CONFLICTS, DISPATCH,
            NOTIFICATIONS, NOTIFICATION_PREFERENCES, NOTIFICATION_DELIVERIES, NOTIFICATION_POLICIES, AUDIT, CALENDAR_SUBSCRIPTIONS);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}

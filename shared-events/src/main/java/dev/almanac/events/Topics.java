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
    /** Conflict lifecycle, published by conflict-detector. Key: calendar id. */
    public static final String CONFLICTS = "almanac.conflicts.v1";
    /** Occurrences due now, published by the dispatcher in transactions. Key: calendar id. */
    public static final String DISPATCH = "almanac.dispatch.v1";

    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** Every topic, in the order of the architecture's table. */
    public static final List<String> ALL = List.of(CALENDARS, SCHEDULE, RULES, RUNS, OCCURRENCES, CONFLICTS, DISPATCH);

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}

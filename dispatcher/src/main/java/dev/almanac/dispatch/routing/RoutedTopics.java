package dev.almanac.dispatch.routing;

import java.util.List;

/** The dispatcher's own topics between its sub-topologies, partitioned like the calendar-keyed topics. */
public final class RoutedTopics {

    /** Every rule event, keyed by each calendar its rule has had (from its creation on). */
    public static final String RULES_BY_CALENDAR = "almanac-dispatcher.rules-by-calendar";
    /** rule-expander's missed-run records that start a catch-up run, keyed by calendar. */
    public static final String CATCH_UP_RUNS = "almanac-dispatcher.catch-up-runs";

    public static final List<String> ALL = List.of(RULES_BY_CALENDAR, CATCH_UP_RUNS);

    private RoutedTopics() {
    }
}

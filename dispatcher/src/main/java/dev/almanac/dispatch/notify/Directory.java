package dev.almanac.dispatch.notify;

import org.jspecify.annotations.Nullable;

/**
 * What the notifier knows of one partition's calendars: who manages each, the contact of each rule on them, who
 * scheduled each item, and which conflicts are open (so that a conflict published again is not news).
 */
interface Directory {

    CalendarContact calendar(String calendarId);

    void calendar(String calendarId, CalendarContact contact);

    @Nullable RuleContact rule(String ruleId);

    void rule(RuleContact contact);

    @Nullable String itemScheduler(String itemId);

    void itemScheduler(String itemId, String scheduler);

    /** The item's title and the users named on it (ADR 0079); null for an item whose {@code ItemScheduled} was not read. */
    @Nullable ItemContact item(String itemId);

    void item(String itemId, ItemContact contact);

    boolean conflictOpen(String conflictId);

    void conflictOpen(String conflictId, boolean open);
}

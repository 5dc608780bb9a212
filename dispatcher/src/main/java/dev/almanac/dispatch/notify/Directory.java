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

    boolean conflictOpen(String conflictId);

    void conflictOpen(String conflictId, boolean open);
}

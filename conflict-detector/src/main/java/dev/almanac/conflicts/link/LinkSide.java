package dev.almanac.conflicts.link;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * One item's side of a pair, as its calendar's task last told it: whether, by its own history, it is
 * linked to the other item and with which offset, and where it is (or, cancelled, where it was).
 *
 * @param otherCalendarId the other item's calendar as the item's {@code ItemLinked} named it; null if it saw none
 * @param placed          false when the item is cancelled
 * @param version         the item's aggregate version at the change that made this state
 * @param sameTransaction what that change's event said of the other item: whether its own side of the same
 *                        transaction is on its way
 */
public record LinkSide(LinkRole role, ItemId itemId, CalendarId calendarId, ItemId otherId, @Nullable CalendarId otherCalendarId,
                       boolean linked, long offsetSeconds, boolean placed, String title, TimeRange time, long version,
                       SameTransaction sameTransaction) {

    /** A side whose fact did not say what else its transaction changed. */
    public LinkSide(LinkRole role, ItemId itemId, CalendarId calendarId, ItemId otherId, @Nullable CalendarId otherCalendarId,
                    boolean linked, long offsetSeconds, boolean placed, String title, TimeRange time, long version) {
        this(role, itemId, calendarId, otherId, otherCalendarId, linked, offsetSeconds, placed, title, time, version,
                SameTransaction.UNSAID);
    }

    public ItemId primaryId() {
        return role == LinkRole.PRIMARY ? itemId : otherId;
    }

    public ItemId followerId() {
        return role == LinkRole.PRIMARY ? otherId : itemId;
    }

    public Instant start() {
        return time.start();
    }
}

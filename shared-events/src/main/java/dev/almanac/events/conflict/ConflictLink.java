package dev.almanac.events.conflict;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;

/**
 * The linked pair of an {@link ConflictType#ORPHANED_LINK orphaned link} (LNK-PAIR's linked items,
 * {@code ItemLinked}): the primary and its follower, each with its calendar, the offset the link
 * fixes (the follower's start minus the primary's, in seconds) and what is wrong with the pair.
 */
public record ConflictLink(
        ItemId primaryId,
        CalendarId primaryCalendarId,
        ItemId followerId,
        CalendarId followerCalendarId,
        long offsetSeconds,
        LinkProblem problem) {
}

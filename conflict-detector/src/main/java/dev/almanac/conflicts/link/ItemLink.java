package dev.almanac.conflicts.link;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;

/**
 * One link of an item, as its own history says it ({@code ItemLinked}, {@code ItemUnlinked}): the side
 * it is on, the other item and its calendar, the offset, and whether the link still holds. An ended
 * link stays as a version guard.
 *
 * @param otherCalendarId the other item's calendar, from {@code ItemLinked}; null when only an ending was seen
 * @param version         the item's aggregate version at the last link event applied
 */
public record ItemLink(ItemId itemId, LinkRole role, ItemId otherId, @Nullable CalendarId otherCalendarId, long offsetSeconds,
                       boolean linked, long version) {

    public ItemId primaryId() {
        return role == LinkRole.PRIMARY ? itemId : otherId;
    }

    public ItemId followerId() {
        return role == LinkRole.PRIMARY ? otherId : itemId;
    }
}

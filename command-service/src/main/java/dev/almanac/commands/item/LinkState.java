package dev.almanac.commands.item;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.item.ItemLinks.Follows;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;

/**
 * An item as a change that spans linked items sees it ({@link Item#linkState}): where it is, whether
 * it is cancelled, the primary it follows or the followers it leads, and its version with the event
 * that made it.
 */
record LinkState(ItemId itemId, CalendarId calendarId, TimeRange slot, boolean cancelled, @Nullable Follows follows,
                 Set<ItemId> followers, long version, Instant at, String eventId) {
}

package dev.almanac.commands.item;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/**
 * A cancellation as the API asks it: takes the item off its calendar, and its followers with it, in
 * one unit of work (LNK-PAIR's unschedule of a pair); a follower on its own is refused.
 *
 * @param expectedVersion the item's version that If-Match names, or null for any
 */
public record UnscheduleItem(ItemId itemId, @Nullable String reason, @Nullable Long expectedVersion) {
}

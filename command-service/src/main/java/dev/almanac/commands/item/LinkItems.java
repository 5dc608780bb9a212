package dev.almanac.commands.item;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/**
 * Links {@code follower} to {@code primary} (LNK-PAIR): from now on the follower moves and is
 * cancelled with the primary. With an {@code offset}, the follower first moves to start that long
 * after the primary (before it, when negative); without one, the offset is what it is now. Linking
 * a pair again with another offset changes the offset.
 *
 * @param expectedVersion the primary's version that If-Match names, or null for any
 */
public record LinkItems(ItemId primary, ItemId follower, @Nullable Duration offset, @Nullable Long expectedVersion) {
}

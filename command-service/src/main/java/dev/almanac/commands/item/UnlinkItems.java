package dev.almanac.commands.item;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/**
 * Ends the link between {@code primary} and its {@code follower}; both stay where they are.
 *
 * @param expectedVersion the primary's version that If-Match names, or null for any
 */
public record UnlinkItems(ItemId primary, ItemId follower, @Nullable Long expectedVersion) {
}

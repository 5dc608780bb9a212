package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.events.schedule.ItemId;

/** What a cancellation did: the item's own, and each follower cancelled with it, in the order of their ids. */
public record CancelledTogether(StatusChanged item, List<Follower> followers) {

    public CancelledTogether {
        followers = List.copyOf(followers);
    }

    public record Follower(ItemId itemId, StatusChanged cancelled) {
    }
}

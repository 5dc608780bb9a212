package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.events.schedule.ItemId;

/**
 * What a bulk reschedule did: one {@link Rescheduled} per move, in the order of the request, and
 * each follower its primary took along, with the index of the primary's move.
 */
public record ItemsRescheduled(List<Rescheduled> moves, List<Carried> followers) {

    public ItemsRescheduled {
        moves = List.copyOf(moves);
        followers = List.copyOf(followers);
    }

    /** A follower moved with the item of move {@code index}. */
    public record Carried(int index, ItemId itemId, Rescheduled moved) {
    }
}

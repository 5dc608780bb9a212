package dev.almanac.commands.item;

import java.util.List;

/** What a bulk reschedule did: one {@link Rescheduled} per move, in the order of the request. */
public record ItemsRescheduled(List<Rescheduled> moves) {

    public ItemsRescheduled {
        moves = List.copyOf(moves);
    }
}

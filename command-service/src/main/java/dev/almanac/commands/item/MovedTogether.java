package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.events.schedule.ItemId;

/** What a reschedule did: the item's own move, and every item it took along, in the order of their ids. */
public record MovedTogether(Rescheduled item, List<Carried> carried) {

    public MovedTogether {
        carried = List.copyOf(carried);
    }

    /** An item moved along with another: a follower of an item moved, or (with cascade) a dependent. */
    public record Carried(ItemId itemId, Relation relation, Rescheduled moved) {
    }

    /** Why an item moved along: it follows a moved item, or depends on one. */
    public enum Relation {
        FOLLOWER,
        DEPENDENT
    }
}

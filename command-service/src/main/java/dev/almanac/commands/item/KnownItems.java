package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.events.schedule.ItemId;

/** Which items exist, for an item that names others when it is scheduled (its dependencies). */
@FunctionalInterface
public interface KnownItems {

    /** The ids of {@code items} that name no item, in the order given. */
    List<ItemId> unknown(List<ItemId> items);
}

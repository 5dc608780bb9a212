package dev.almanac.commands.item;

import java.util.List;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/** Which items exist, for an item that names others when it is scheduled (its dependencies). */
@FunctionalInterface
public interface KnownItems {

    /** The ids of {@code items} that name no item, in the order given. */
    List<ItemId> unknown(List<ItemId> items);

    /** @throws CommandRejectedException 422 naming each of {@code items} that names no item, by its place in {@code field} */
    default void requireKnown(String field, List<ItemId> items) {
        List<ItemId> unknown = unknown(items);
        if (!unknown.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, unknown.stream()
                    .map(missing -> new Violation(field + "[" + items.indexOf(missing) + "]", "exists",
                            "dependency " + missing + " names no item; an item depends only on items scheduled before it"))
                    .toList());
        }
    }
}

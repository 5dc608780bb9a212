package dev.almanac.commands.item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/** Which items an item may name when it is scheduled (its dependencies): those scheduled before it and not deleted. */
@FunctionalInterface
public interface KnownItems {

    /** Why a named item cannot be depended on. */
    enum Absence {
        /** No item has the id. */
        NEVER_SCHEDULED,
        /** The item was deleted (ADR 0084): no dependency names a deleted item. */
        DELETED
    }

    /**
     * Each of {@code items} that cannot be depended on, with why, in the order given. The others are held against
     * deletion until the command's transaction ends, so that a deletion beside it sees the new dependency.
     */
    Map<ItemId, Absence> absent(List<ItemId> items);

    /** @throws CommandRejectedException 422 naming each of {@code items} that names no item or a deleted one, by its place in {@code field} */
    default void requireKnown(String field, List<ItemId> items) {
        requireKnown(field, items, id -> true);
    }

    /**
     * As {@link #requireKnown(String, List)}, where an item whose id {@code mayKnow} refuses (another tenant's, ADR 0102) is
     * answered as one never scheduled, without asking whether it exists.
     */
    default void requireKnown(String field, List<ItemId> items, Predicate<String> mayKnow) {
        Map<ItemId, Absence> found = absent(items.stream().filter(id -> mayKnow.test(id.value())).toList());
        Map<ItemId, Absence> absent = new LinkedHashMap<>();
        for (ItemId id : items) {
            if (!mayKnow.test(id.value())) {
                absent.put(id, Absence.NEVER_SCHEDULED);
            } else if (found.containsKey(id)) {
                absent.put(id, found.get(id));
            }
        }
        if (!absent.isEmpty()) {
            throw new CommandRejectedException(CommandRejectedException.Reason.UNKNOWN_REFERENCE, absent.entrySet().stream()
                    .map(missing -> {
                        String at = field + "[" + items.indexOf(missing.getKey()) + "]";
                        return missing.getValue() == Absence.DELETED
                                ? new Violation(at, "deleted", "dependency " + missing.getKey()
                                        + " was deleted; an item depends only on items that exist")
                                : new Violation(at, "exists", "dependency " + missing.getKey()
                                        + " names no item; an item depends only on items scheduled before it");
                    })
                    .toList());
        }
    }
}

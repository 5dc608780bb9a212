package dev.almanac.commands.item;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkedChange;

/**
 * The versions a change that spans several items leaves each of them at, planned before the first of them
 * changes. Its items change one after another, in the order of their ids, so an item's event names linked
 * items that have not changed yet: what each event declares in {@code linked_changes} (its primary or its
 * followers that the change changes too, each with the version it reaches; ADR 0061) must come from the plan.
 * A consumer waits for a linked item up to the declared version, so a version too low would make it see a
 * broken pair that is not; {@link #confirm} checks the plan against the items once all have changed.
 */
final class PlannedVersions {

    private final Map<ItemId, LinkState> before = new HashMap<>();
    private final Map<ItemId, Integer> events = new HashMap<>();

    /** @param items every item the change has locked, as they were before it changed any */
    PlannedVersions(Collection<LinkState> items) {
        items.forEach(item -> before.put(item.itemId(), item));
    }

    /** Plans the change of the group's items, read right after they were locked and before any of them changes. */
    static PlannedVersions of(ItemGroup group) {
        return new PlannedVersions(group.ids().stream().map(group::state).toList());
    }

    /**
     * A change that gives one event to {@code root} and to every other item of the group that is not
     * cancelled: a cancelled item is neither moved nor cancelled again, and takes no part.
     */
    static PlannedVersions oneEventEach(ItemGroup group, ItemId root) {
        PlannedVersions plan = of(group);
        for (ItemId id : group.ids()) {
            if (id.equals(root) || !group.state(id).cancelled()) {
                plan.expect(id, 1);
            }
        }
        return plan;
    }

    /** The item will apply {@code count} more events in this change. */
    void expect(ItemId item, int count) {
        state(item);
        events.merge(item, count, Integer::sum);
    }

    /** The version the item reaches in this change: its version before it plus the events planned for it. */
    long reached(ItemId item) {
        return state(item).version() + events.getOrDefault(item, 0);
    }

    /**
     * What an event of {@code item} declares: the items linked with it before the change (its primary, or its
     * followers), and {@code alsoLinked} (the other side of a link being made or ended), that this change
     * changes too, each with the version it reaches; in the order of their ids.
     */
    List<LinkedChange> linkedChangesOf(ItemId item, ItemId... alsoLinked) {
        LinkState state = state(item);
        TreeSet<ItemId> linked = new TreeSet<>(ItemGroup.BY_ID);
        linked.addAll(state.followers());
        if (state.follows() != null) {
            linked.add(state.follows().primary());
        }
        linked.addAll(List.of(alsoLinked));
        List<LinkedChange> changes = new ArrayList<>();
        for (ItemId other : linked) {
            if (events.getOrDefault(other, 0) > 0) {
                changes.add(new LinkedChange(other, reached(other)));
            }
        }
        return changes;
    }

    /** Checks, after the change, that every item reached the version planned for it, which its linked items declared. */
    void confirm(ItemGroup group) {
        confirm(group::state);
    }

    /**
     * @throws IllegalStateException naming the first item whose version differs from the planned one: the plan
     *         disagrees with what the items did, a programming error; the unit of work rolls back
     */
    void confirm(Function<ItemId, LinkState> current) {
        for (ItemId item : before.keySet().stream().sorted(ItemGroup.BY_ID).toList()) {
            long actual = current.apply(item).version();
            if (actual != reached(item)) {
                throw new IllegalStateException("item " + item + " reached version " + actual + " but the change planned, and its"
                        + " linked items declared, version " + reached(item) + " (" + events.getOrDefault(item, 0)
                        + " events from version " + before.get(item).version() + ")");
            }
        }
    }

    private LinkState state(ItemId item) {
        LinkState state = before.get(item);
        if (state == null) {
            throw new IllegalArgumentException("item " + item + " is not one of the items this change locked");
        }
        return state;
    }
}

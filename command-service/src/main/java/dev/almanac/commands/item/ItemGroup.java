package dev.almanac.commands.item;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.Repository;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.UserId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;

/**
 * The items one command changes together, loaded through Axon's repository, which locks each of
 * them for the unit of work, in the order of their ids. Every command that changes several items
 * takes its locks in that one order, and only the items it planned from {@link ItemGraph}, so two
 * such commands never wait on each other in a cycle (ADR 0016, ADR 0022).
 */
final class ItemGroup {

    static final Comparator<ItemId> BY_ID = Comparator.comparing(ItemId::value);

    private final SortedMap<ItemId, Aggregate<Item>> loaded;
    private final MetaData metaData;

    /** @param metaData the request's metadata, which names the actor whose roles each item's command checks (ADR 0027) */
    ItemGroup(Map<ItemId, Aggregate<Item>> loaded, MetaData metaData) {
        this.loaded = new TreeMap<>(BY_ID);
        this.loaded.putAll(loaded);
        this.metaData = metaData;
    }

    /**
     * Loads {@code ids} in the order of their ids.
     *
     * @param target          the item in the request's path; its absence is Axon's {@link AggregateNotFoundException} (404)
     * @param expectedVersion the version If-Match names for {@code target}, or null; compared as the unit of work prepares
     *                        its commit, once every role the command asks for was decided (ADR 0086), as Axon compares
     *                        a version behind the current one
     * @param missing         the refusal when another item does not exist
     * @param metaData        the request's metadata, passed on to every item's command
     */
    static ItemGroup load(Repository<Item> items, Collection<ItemId> ids, ItemId target, @Nullable Long expectedVersion,
                          Function<ItemId, RuntimeException> missing, MetaData metaData) {
        SortedMap<ItemId, Aggregate<Item>> loaded = new TreeMap<>(BY_ID);
        for (ItemId id : ids.stream().sorted(BY_ID).toList()) {
            if (id.equals(target)) {
                Aggregate<Item> item = items.load(StoreIds.item(id));
                requireAtCommit(item, expectedVersion);
                loaded.put(id, item);
                continue;
            }
            try {
                loaded.put(id, items.load(StoreIds.item(id)));
            } catch (AggregateNotFoundException absent) {
                throw missing.apply(id);
            }
        }
        return new ItemGroup(loaded, metaData);
    }

    /** Refuses the commit (412) when {@code item} was loaded at another version than If-Match names. */
    private static void requireAtCommit(Aggregate<Item> item, @Nullable Long expectedVersion) {
        Long loadedAt = item.version();
        if (expectedVersion == null || loadedAt == null || expectedVersion.equals(loadedAt)) {
            return;
        }
        CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> {
            throw new ConflictingAggregateVersionException(item.identifierAsString(), expectedVersion, loadedAt);
        });
    }

    /** In the order of their ids, the order in which they were locked and are changed. */
    Collection<ItemId> ids() {
        return loaded.keySet();
    }

    LinkState state(ItemId id) {
        return loaded.get(id).invoke(Item::linkState);
    }

    /** Sends one item a command of its own, in this unit of work, as the request's actor. */
    Object handle(ItemId id, Object command) throws Exception {
        return loaded.get(id).handle(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    /** Who owns item {@code id} (ADR 0090); null when its scheduling recorded no owner. */
    @Nullable UserId ownerOf(ItemId id) {
        return loaded.get(id).invoke(Item::owner);
    }

    void link(ItemId id, LinkRole role, ItemId other, LinkState otherState, long offsetSeconds, List<LinkedChange> linkedChanges) {
        loaded.get(id).execute(item -> item.links().link(role, other, otherState.calendarId(), offsetSeconds, linkedChanges));
    }

    void unlink(ItemId id, LinkRole role, ItemId other, List<LinkedChange> linkedChanges) {
        loaded.get(id).execute(item -> item.links().unlink(role, other, linkedChanges));
    }

    /**
     * Checks, under the items' locks, that the plan read from {@link ItemGraph} still holds: each
     * primary's followers are all here, and each item here that is not a root was reached by a
     * dependency or still follows an item here. A link made or ended between the plan and the locks
     * makes the plan stale: the command fails with a {@link ConcurrencyException}, which
     * {@code CommandDispatcher} retries once from a fresh plan. A root that follows another item is
     * the caller's to refuse.
     *
     * @throws CommandRejectedException 409, rule {@code linked}, field {@code cascade}, when a cascade
     *         reaches a follower by a dependency but not its primary: the follower cannot move alone
     */
    void verify(ItemGraph.Reach reach) {
        for (ItemId id : ids()) {
            LinkState state = state(id);
            for (ItemId follower : state.followers()) {
                if (!reach.contains(follower)) {
                    throw stale();
                }
            }
            if (reach.isRoot(id)) {
                continue;
            }
            if (state.follows() == null) {
                if (!reach.isDependent(id)) {
                    throw stale();
                }
            } else if (!reach.contains(state.follows().primary())) {
                if (!reach.isDependent(id)) {
                    throw stale();
                }
                throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "cascade", "linked", "item " + id
                        + " depends on a moved item but follows " + state.follows().primary() + ", which this reschedule does not "
                        + "move; a follower moves only with its primary. Unlink " + id + ", or move without cascade");
            }
        }
    }

    private static ConcurrencyException stale() {
        return new ConcurrencyException("links between these items changed while the change was planned; retry");
    }
}

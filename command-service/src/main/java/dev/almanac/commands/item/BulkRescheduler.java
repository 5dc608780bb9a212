package dev.almanac.commands.item;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.commands.item.BatchPlan.Placement;
import dev.almanac.commands.item.RescheduleItems.Move;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/**
 * Bulk reschedule: every move is checked by its item, exactly as a single reschedule is, and
 * all of them are applied in this one unit of work, so their events and bookings commit in
 * one database transaction or not at all. Any refusal fails the whole command, naming every
 * refused move by its index; the unit of work then rolls back, and Axon drops the items it
 * had changed in memory from its cache. A moved item's followers (LNK-PAIR) move with it by the
 * same amount; a follower named on its own is refused.
 *
 * <p>Locks are taken in a fixed order, so that two batches never wait on each other in a
 * cycle: the items' in-memory locks (the moved items and their followers, read from
 * {@link ItemGraph}) in the order of their ids, then the calendars' advisory locks in the order
 * of theirs (ADR 0016, ADR 0022).
 */
@Component
class BulkRescheduler {

    private final Repository<Item> items;
    private final CapacityGuard capacity;
    private final ItemGraph graph;

    BulkRescheduler(Repository<Item> items, CapacityGuard capacity, ItemGraph graph) {
        this.items = items;
        this.capacity = capacity;
        this.graph = graph;
    }

    @CommandHandler
    public ItemsRescheduled handle(RescheduleItems command, MetaData metaData) throws Exception {
        Map<ItemId, Move> byItem = new HashMap<>();
        command.moves().forEach(move -> byItem.put(move.itemId(), move));
        Map<ItemId, ItemId> primaryOf = new HashMap<>(graph.followersOf(byItem.keySet()));
        // A follower named in the batch is a move of its own, refused below; it is not also taken along.
        primaryOf.keySet().removeAll(byItem.keySet());
        Refusals refusals = new Refusals();
        // Told only once the move's item has decided the caller's role on it: nothing of its version to one without it (ADR 0086).
        Map<Move, Violation> staleVersions = new LinkedHashMap<>();
        Set<Move> refusedTheirRole = new HashSet<>();

        Map<ItemId, Aggregate<Item>> loaded = new TreeMap<>(ItemGroup.BY_ID);
        List<ItemId> inIdOrder = new ArrayList<>(byItem.keySet());
        inIdOrder.addAll(primaryOf.keySet());
        inIdOrder.sort(ItemGroup.BY_ID);
        for (ItemId id : inIdOrder) {
            Move move = byItem.get(id);
            if (move == null) {
                loaded.put(id, items.load(StoreIds.item(id)));
                continue;
            }
            try {
                Aggregate<Item> item = items.load(StoreIds.item(id));
                if (move.expectedVersion() != null && !move.expectedVersion().equals(item.version())) {
                    staleVersions.put(move, new Violation("expected_version", "current_version",
                            "item " + move.itemId() + " is at version " + item.version() + ", not "
                                    + move.expectedVersion() + "; read it again and retry"));
                }
                loaded.put(id, item);
            } catch (AggregateNotFoundException missing) {
                refusals.add(move, Reason.UNKNOWN_REFERENCE,
                        new Violation("job_id", "exists", "job_id " + move.itemId() + " names no item"));
            }
        }
        // The batch's metadata names the actor, whose roles each move checks (SCH-005).
        ItemGroup group = new ItemGroup(loaded, metaData);
        group.verify(ItemGraph.Reach.of(byItem.keySet().stream().filter(loaded::containsKey).toList(), primaryOf.keySet()));

        Map<ItemId, Duration> shifts = new HashMap<>();
        Map<ItemId, Placement> placements = new HashMap<>();
        for (ItemId id : group.ids()) {
            Move move = byItem.get(id);
            LinkState state = group.state(id);
            if (move != null) {
                shifts.put(id, Duration.between(state.slot().start(), move.newTime()));
                if (state.follows() != null) {
                    refusals.add(move, Reason.CONFLICT, new Violation("job_id", "linked", "item " + id + " follows "
                            + state.follows().primary() + " and moves only with it; move " + state.follows().primary()
                            + " instead, or unlink " + id + " first"));
                }
            }
        }
        for (ItemId id : group.ids()) {
            LinkState state = group.state(id);
            Duration shift = byItem.containsKey(id) ? shifts.get(id) : shifts.get(state.follows().primary());
            if (!state.cancelled()) {
                placements.put(id, new Placement(state.calendarId(),
                        new TimeRange(state.slot().start().plus(shift), state.slot().end().plus(shift))));
            }
        }
        // A named follower is refused above and moves nothing; a cancelled follower is not carried.
        PlannedVersions plan = PlannedVersions.of(group);
        for (ItemId id : group.ids()) {
            LinkState state = group.state(id);
            boolean moves = byItem.containsKey(id) ? state.follows() == null && !shifts.get(id).isZero()
                    : !state.cancelled() && !shifts.get(state.follows().primary()).isZero();
            if (moves) {
                plan.expect(id, 1);
            }
        }
        new BatchPlan(placements).holdInCurrentUnitOfWork();
        capacity.holdInOrder(placements.values().stream().map(Placement::calendarId).distinct()
                .sorted(Comparator.comparing(CalendarId::value)).toList());

        Rescheduled[] done = new Rescheduled[command.moves().size()];
        List<ItemsRescheduled.Carried> followers = new ArrayList<>();
        for (ItemId id : group.ids()) {
            Move move = byItem.get(id);
            LinkState state = group.state(id);
            if (move != null && state.follows() != null) {
                continue;
            }
            try {
                if (move != null) {
                    done[move.index()] = (Rescheduled) group.handle(id, new RescheduleItem(id, move.newTime(), command.reason(), null,
                            null, null, plan.linkedChangesOf(id)));
                } else if (!state.cancelled()) {
                    ItemId primary = state.follows().primary();
                    Rescheduled moved = (Rescheduled) group.handle(id, new RescheduleItem(id,
                            state.slot().start().plus(shifts.get(primary)), command.reason(), null, null, primary, plan.linkedChangesOf(id)));
                    if (!moved.previousStart().equals(moved.start())) {
                        followers.add(new ItemsRescheduled.Carried(byItem.get(primary).index(), id, moved));
                    }
                }
            } catch (CommandRejectedException refused) {
                Move named = move != null ? move : byItem.get(state.follows().primary());
                if (refused.reason() == Reason.HIDDEN) {
                    // An item on a calendar hidden from the caller is named as one that does not exist (ADR 0086).
                    refusals.add(named, Reason.UNKNOWN_REFERENCE, new Violation("job_id", "exists", "job_id " + named.itemId() + " names no item"));
                    refusedTheirRole.add(named);
                    continue;
                }
                refused.violations().forEach(violation -> refusals.add(named, refused.reason(), move != null ? violation
                        : new Violation("new_time", violation.rule(), "follower " + id + ": " + violation.message())));
                if (refused.reason() == Reason.FORBIDDEN) {
                    refusals.needing(refused.requiredRole());
                    refusedTheirRole.add(named);
                }
            }
        }
        staleVersions.forEach((move, stale) -> {
            if (!refusedTheirRole.contains(move)) {
                refusals.add(move, Reason.CONFLICT, stale);
            }
        });
        refusals.throwIfAny(command.moves().size());
        plan.confirm(group);
        followers.sort(Comparator.comparingInt(ItemsRescheduled.Carried::index));
        return new ItemsRescheduled(List.of(done), followers);
    }

    /** Every refused move, named by its index in the request. */
    private static final class Refusals {

        private final List<IndexedViolation> violations = new ArrayList<>();
        private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        private CalendarRole requiredRole = CalendarRole.SCHEDULER;

        private record IndexedViolation(int index, Violation violation) {
        }

        /** A forbidden move's role; the batch needs the highest of them. */
        void needing(String role) {
            requiredRole = requiredRole.atLeast(CalendarRole.ofWire(role));
        }

        void add(Move move, Reason reason, Violation violation) {
            reasons.add(reason);
            // An item's own refusal names its id ("id") or its new start (new_time, or "start" for capacity).
            String field = switch (violation.field()) {
                case "id", "job_id" -> "job_id";
                case "expected_version" -> "expected_version";
                default -> "new_time";
            };
            violations.add(new IndexedViolation(move.index(),
                    new Violation("jobs[" + move.index() + "]." + field, violation.rule(), violation.message())));
        }

        /**
         * One status for the batch, the most basic reason first: an invalid move (400) before a
         * move the caller may not make (403) before a move of an unknown item (422) before a clash
         * with the current state (409).
         */
        void throwIfAny(int batchSize) {
            if (violations.isEmpty()) {
                return;
            }
            Reason reason = reasons.contains(Reason.INVALID) ? Reason.INVALID
                    : reasons.contains(Reason.FORBIDDEN) ? Reason.FORBIDDEN
                    : reasons.contains(Reason.UNKNOWN_REFERENCE) ? Reason.UNKNOWN_REFERENCE : Reason.CONFLICT;
            List<Violation> inRequestOrder = violations.stream()
                    .sorted(Comparator.comparingInt(IndexedViolation::index))
                    .map(IndexedViolation::violation)
                    .toList();
            long refusedMoves = violations.stream().mapToInt(IndexedViolation::index).distinct().count();
            throw new CommandRejectedException(reason, refusedMoves + " of " + batchSize
                    + " moves are refused, so none was applied: " + inRequestOrder.get(0).field() + " "
                    + inRequestOrder.get(0).message(), inRequestOrder).needing(requiredRole.wireName());
        }
    }
}

package dev.almanac.commands.item;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
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
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.Violation;

/**
 * Bulk reschedule: every move is checked by its item, exactly as a single reschedule is, and
 * all of them are applied in this one unit of work, so their events and bookings commit in
 * one database transaction or not at all. Any refusal fails the whole command, naming every
 * refused move by its index; the unit of work then rolls back, and Axon drops the items it
 * had changed in memory from its cache.
 *
 * <p>Locks are taken in a fixed order, so that two batches never wait on each other in a
 * cycle: the items' in-memory locks in the order of their ids, then the calendars' advisory
 * locks in the order of theirs (ADR 0016).
 */
@Component
class BulkRescheduler {

    private final Repository<Item> items;
    private final CapacityGuard capacity;

    BulkRescheduler(Repository<Item> items, CapacityGuard capacity) {
        this.items = items;
        this.capacity = capacity;
    }

    @CommandHandler
    public ItemsRescheduled handle(RescheduleItems command, MetaData metaData) throws Exception {
        List<Move> inIdOrder = command.moves().stream()
                .sorted(Comparator.comparing(move -> move.itemId().value()))
                .toList();
        Refusals refusals = new Refusals();

        Map<Move, Aggregate<Item>> loaded = new LinkedHashMap<>();
        for (Move move : inIdOrder) {
            try {
                Aggregate<Item> item = items.load(StoreIds.item(move.itemId()));
                if (move.expectedVersion() != null && !move.expectedVersion().equals(item.version())) {
                    refusals.add(move, Reason.CONFLICT, new Violation("expected_version", "current_version",
                            "item " + move.itemId() + " is at version " + item.version() + ", not "
                                    + move.expectedVersion() + "; read it again and retry"));
                }
                loaded.put(move, item);
            } catch (AggregateNotFoundException missing) {
                refusals.add(move, Reason.UNKNOWN_REFERENCE,
                        new Violation("job_id", "exists", "job_id " + move.itemId() + " names no item"));
            }
        }

        Map<ItemId, Placement> placements = new HashMap<>();
        loaded.forEach((move, item) -> item.invoke(root -> root.placeAt(move.newTime()))
                .ifPresent(placement -> placements.put(move.itemId(), placement)));
        new BatchPlan(placements).holdInCurrentUnitOfWork();
        capacity.holdInOrder(placements.values().stream().map(Placement::calendarId).distinct()
                .sorted(Comparator.comparing(CalendarId::value)).toList());

        Rescheduled[] done = new Rescheduled[command.moves().size()];
        for (Map.Entry<Move, Aggregate<Item>> entry : loaded.entrySet()) {
            Move move = entry.getKey();
            try {
                // The batch's metadata names the actor, whose roles each move checks (SCH-005).
                done[move.index()] = (Rescheduled) entry.getValue().handle(GenericCommandMessage.asCommandMessage(
                        new RescheduleItem(move.itemId(), move.newTime(), command.reason(), null)).andMetaData(metaData));
            } catch (CommandRejectedException refused) {
                refused.violations().forEach(violation -> refusals.add(move, refused.reason(), violation));
                if (refused.reason() == Reason.FORBIDDEN) {
                    refusals.needing(refused.requiredRole());
                }
            }
        }
        refusals.throwIfAny(command.moves().size());
        return new ItemsRescheduled(List.of(done));
    }

    /** Every refused move, named by its index in the request. */
    private static final class Refusals {

        private final List<IndexedViolation> violations = new ArrayList<>();
        private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        private String requiredRole = "scheduler";

        private record IndexedViolation(int index, Violation violation) {
        }

        /** A forbidden move's role; the batch needs the highest of them. */
        void needing(String role) {
            if (CalendarRole.valueOf(role.toUpperCase(Locale.ROOT)).includes(CalendarRole.valueOf(requiredRole.toUpperCase(Locale.ROOT)))) {
                requiredRole = role;
            }
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
                    + inRequestOrder.get(0).message(), inRequestOrder).needing(requiredRole);
        }
    }
}

package dev.almanac.commands.item;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.calendar.Calendars;
import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.item.BatchPlan.Placement;
import dev.almanac.commands.item.MovedTogether.Carried;
import dev.almanac.commands.item.MovedTogether.Relation;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.problem.Violation;

/**
 * The changes that may span several items, each in one unit of work, so that their events and
 * bookings commit in one PostgreSQL transaction or not at all: a reschedule, which takes the item's
 * followers along (LNK-PAIR) and, with cascade, its dependents (F033-DEPENDENCIES); a cancellation, which
 * takes the followers; and linking and unlinking two items. Each reads from {@link ItemGraph} which
 * items it touches, locks them in the order of their ids ({@link ItemGroup}), checks that the plan
 * still holds, and then has each item check and apply its own change, so every item meets exactly
 * the rules of a single change. Moves take the capacity guards of all their calendars, in the order
 * of the calendars' ids, before any item is checked, and are checked against the calendars as the
 * whole change leaves them ({@link BatchPlan}). Each item's event names the linked items the change
 * changes too, at the versions planned before the first item changed, and checked after the last
 * ({@link PlannedVersions}, ADR 0061). See ADR 0022.
 */
@Component
class ItemMoves {

    /** The most items one reschedule with cascade moves: the item, its dependents and their followers. */
    static final int MAX_CASCADE = 100;
    /** The most followers one primary leads. */
    static final int MAX_FOLLOWERS = 10;

    private final Repository<Item> items;
    private final ItemGraph graph;
    private final CapacityGuard capacity;

    ItemMoves(Repository<Item> items, ItemGraph graph, CapacityGuard capacity) {
        this.items = items;
        this.graph = graph;
        this.capacity = capacity;
    }

    @CommandHandler
    public MovedTogether handle(MoveItem command, MetaData metaData) throws Exception {
        ItemGraph.Reach reach = graph.reach(command.itemId(), command.cascade(), MAX_CASCADE);
        if (reach.size() > MAX_CASCADE) {
            throw new CommandRejectedException(Reason.CONFLICT, "cascade", "max_cascade", "a reschedule with cascade moves at most "
                    + MAX_CASCADE + " items (the item, every item that depends on it and their followers), and item "
                    + command.itemId() + " would take along more; move fewer at once, or without cascade");
        }
        ItemGroup group = ItemGroup.load(items, reach.items(), command.itemId(), command.expectedVersion(), ItemMoves::vanished, metaData);
        LinkState root = group.state(command.itemId());
        rejectIfFollower(root);
        group.verify(reach);

        Duration shift = Duration.between(root.slot().start(), command.newTime());
        // A move to where the item stands applies nothing.
        PlannedVersions plan = shift.isZero() ? PlannedVersions.of(group) : PlannedVersions.oneEventEach(group, command.itemId());
        if (!shift.isZero()) {
            Map<ItemId, Placement> placements = new HashMap<>();
            for (ItemId id : group.ids()) {
                LinkState state = group.state(id);
                if (!state.cancelled()) {
                    placements.put(id, new Placement(state.calendarId(), shifted(state.slot(), shift)));
                }
            }
            new BatchPlan(placements).holdInCurrentUnitOfWork();
            capacity.holdInOrder(placements.values().stream().map(Placement::calendarId).distinct()
                    .sorted(Comparator.comparing(CalendarId::value)).toList());
        }

        Refusals refusals = new Refusals();
        Rescheduled own = null;
        List<Carried> carried = new ArrayList<>();
        for (ItemId id : group.ids()) {
            LinkState state = group.state(id);
            boolean isRoot = id.equals(command.itemId());
            if (!isRoot && state.cancelled()) {
                // A cancelled item holds no place and does not move; the cascade still goes through it.
                continue;
            }
            Relation relation = reach.isDependent(id) ? Relation.DEPENDENT : Relation.FOLLOWER;
            try {
                Rescheduled moved = (Rescheduled) group.handle(id, new RescheduleItem(id, state.slot().start().plus(shift),
                        command.reason(), null, command.overrideReason(), isRoot ? null : command.itemId(), plan.linkedChangesOf(id),
                        command.notifyParticipants()));
                if (isRoot) {
                    own = moved;
                } else if (!moved.previousStart().equals(moved.start())) {
                    carried.add(new Carried(id, relation, moved));
                }
            } catch (CommandRejectedException refused) {
                if (isRoot && refused.reason() == Reason.HIDDEN) {
                    // The item the request names is on a calendar hidden from the caller: answered as unknown (ADR 0086).
                    throw refused;
                }
                String field = isRoot ? null : relation == Relation.DEPENDENT ? "cascade" : "new_time";
                String prefix = isRoot ? "" : relation.name().toLowerCase(Locale.ROOT) + " " + id + ": ";
                refused.violations().forEach(violation -> refusals.add(refused, field == null ? violation
                        : new Violation(field, violation.rule(), prefix + violation.message())));
            }
        }
        refusals.throwIfAny("item " + command.itemId() + " moves with " + (group.ids().size() - 1) + " other items");
        plan.confirm(group);
        return new MovedTogether(own, carried);
    }

    /**
     * Cancels an item and its followers. A follower alone is refused (409, rule {@code linked}) while its
     * primary stands; once the primary is cancelled, the follower may be cancelled on its own, which repairs
     * the orphan: the pair is then cancelled on both sides (ADR 0030). The primary is locked with the follower,
     * in the order of their ids, so that it cannot be restored in between.
     */
    @CommandHandler
    public CancelledTogether handle(UnscheduleItem command, MetaData metaData) throws Exception {
        ItemId primaryId = graph.primaryOf(command.itemId()).orElse(null);
        if (primaryId != null) {
            return cancelFollower(command, primaryId, metaData);
        }
        ItemGraph.Reach reach = graph.reach(command.itemId(), false, MAX_FOLLOWERS);
        ItemGroup group = ItemGroup.load(items, reach.items(), command.itemId(), command.expectedVersion(), ItemMoves::vanished, metaData);
        rejectIfFollower(group.state(command.itemId()));
        group.verify(reach);
        PlannedVersions plan = PlannedVersions.oneEventEach(group, command.itemId());
        StatusChanged own = null;
        List<CancelledTogether.Follower> followers = new ArrayList<>();
        for (ItemId id : group.ids()) {
            if (id.equals(command.itemId())) {
                own = (StatusChanged) group.handle(id, new CancelItem(id, command.reason(), null, null, null, plan.linkedChangesOf(id)));
            } else if (!group.state(id).cancelled()) {
                followers.add(new CancelledTogether.Follower(id, (StatusChanged) group.handle(id,
                        new CancelItem(id, command.reason(), null, command.itemId(), null, plan.linkedChangesOf(id)))));
            }
        }
        plan.confirm(group);
        return new CancelledTogether(own, followers);
    }

    /**
     * A follower's own cancellation: refused (409, rule {@code linked}) while its primary stands, allowed once the
     * primary is cancelled, which repairs the orphan: the pair is then cancelled on both sides and keeps its link
     * (ADR 0030). The primary is locked with the follower, in the order of their ids, so that it cannot be restored
     * in between; a link that changed since the graph was read is retried from a fresh read.
     */
    private CancelledTogether cancelFollower(UnscheduleItem command, ItemId primaryId, MetaData metaData) throws Exception {
        ItemGroup group = ItemGroup.load(items, List.of(command.itemId(), primaryId), command.itemId(), command.expectedVersion(),
                ItemMoves::vanished, metaData);
        LinkState follower = group.state(command.itemId());
        if (follower.follows() == null || !follower.follows().primary().equals(primaryId)) {
            throw new ConcurrencyException("the link of item " + command.itemId() + " changed while its cancellation was planned; retry");
        }
        if (!group.state(primaryId).cancelled()) {
            rejectIfFollower(follower);
        }
        // The primary, cancelled already, does not change: the follower's event declares no linked change.
        PlannedVersions plan = PlannedVersions.of(group);
        plan.expect(command.itemId(), 1);
        StatusChanged own = (StatusChanged) group.handle(command.itemId(),
                new CancelItem(command.itemId(), command.reason(), null, null, primaryId, plan.linkedChangesOf(command.itemId())));
        plan.confirm(group);
        return new CancelledTogether(own, List.of());
    }

    /**
     * Links a follower to a primary. Refused (409) when either is cancelled ({@code cancelled}), the
     * primary follows another item or the follower leads followers ({@code nested_link}: pairs do not
     * nest), the follower follows another primary ({@code linked}), the primary has the most
     * followers ({@code max_followers}), or the primary depends on the follower, directly or through
     * others ({@code cycle}).
     */
    @CommandHandler
    public LinkChanged handle(LinkItems command, MetaData metaData, Caller caller, Calendars calendars) throws Exception {
        ItemId primaryId = command.primary();
        ItemId followerId = command.follower();
        if (primaryId.equals(followerId)) {
            throw CommandRejectedException.invalid("follower_id", "not_self", "an item cannot follow itself");
        }
        graph.holdLinks();
        if (graph.reaches(followerId, primaryId)) {
            throw conflict("follower_id", "cycle", "item " + primaryId + " depends on " + followerId
                    + " (directly, or through other items and their followers), so " + followerId + " cannot follow it: "
                    + "moving either would have to move the other first");
        }
        ItemGroup group = ItemGroup.load(items, List.of(primaryId, followerId), primaryId, command.expectedVersion(),
                absent -> new CommandRejectedException(Reason.UNKNOWN_REFERENCE, "follower_id", "exists",
                        "follower_id " + absent + " names no item"), metaData);
        LinkState primary = group.state(primaryId);
        LinkState follower = group.state(followerId);
        requireChangeable(group, caller, calendars, primary, "id");
        requireChangeable(group, caller, calendars, follower, "follower_id");
        if (primary.cancelled()) {
            throw conflict("id", "cancelled", "item " + primaryId + " is cancelled and cannot lead a follower");
        }
        if (follower.cancelled()) {
            throw conflict("follower_id", "cancelled", "item " + followerId + " is cancelled and cannot follow another item");
        }
        if (primary.follows() != null) {
            throw conflict("id", "nested_link", "item " + primaryId + " follows " + primary.follows().primary()
                    + "; a follower cannot lead followers of its own");
        }
        if (!follower.followers().isEmpty()) {
            throw conflict("follower_id", "nested_link", "item " + followerId + " leads " + follower.followers().size()
                    + " followers; a primary cannot follow another item");
        }
        boolean alreadyLinked = follower.follows() != null;
        if (alreadyLinked && !follower.follows().primary().equals(primaryId)) {
            throw conflict("follower_id", "linked", "item " + followerId + " already follows " + follower.follows().primary()
                    + "; unlink it from there first");
        }
        long offset = command.offset() != null ? command.offset().toSeconds()
                : alreadyLinked ? follower.follows().offsetSeconds()
                : Duration.between(primary.slot().start(), follower.slot().start()).toSeconds();
        if (alreadyLinked && offset == follower.follows().offsetSeconds()) {
            return linkChanged(primary, follower, offset, false);
        }
        if (!alreadyLinked && primary.followers().size() >= MAX_FOLLOWERS) {
            throw conflict("follower_id", "max_followers", "item " + primaryId + " already leads " + primary.followers().size()
                    + " followers, the most one item may lead");
        }
        Instant followerStart = primary.slot().start().plusSeconds(offset);
        boolean followerMoves = !followerStart.equals(follower.slot().start());
        // The follower's move to the offset is its second event, the version its primary's ItemLinked declares.
        PlannedVersions plan = PlannedVersions.of(group);
        plan.expect(primaryId, 1);
        plan.expect(followerId, followerMoves ? 2 : 1);
        for (ItemId id : group.ids()) {
            if (id.equals(primaryId)) {
                group.link(id, LinkRole.PRIMARY, followerId, follower, offset, plan.linkedChangesOf(primaryId, followerId));
            } else {
                group.link(id, LinkRole.FOLLOWER, primaryId, primary, offset, plan.linkedChangesOf(followerId, primaryId));
                if (followerMoves) {
                    moveToOffset(group, followerId, followerStart, primaryId, plan.linkedChangesOf(followerId, primaryId));
                }
            }
        }
        plan.confirm(group);
        return linkChanged(group.state(primaryId), group.state(followerId), offset, true);
    }

    /**
     * Ends a link; a follower that does not follow the primary is 404. It needs a caller who may change both items, as
     * linking does. A pair whose primary is cancelled and whose follower is not (an orphan)
     * may be unlinked too, which frees the follower: that needs a caller who may change the follower only, since
     * the cancelled primary holds no place and moves no more (ADR 0030). A pair cancelled together keeps its
     * link (409, rule {@code cancelled}).
     */
    @CommandHandler
    public LinkChanged handle(UnlinkItems command, MetaData metaData, Caller caller, Calendars calendars) throws Exception {
        ItemId primaryId = command.primary();
        ItemId followerId = command.follower();
        ItemGroup group = ItemGroup.load(items, Set.of(primaryId, followerId), primaryId, command.expectedVersion(),
                absent -> new CommandRejectedException(Reason.NOT_FOUND, "followerId", "exists", "no item " + absent), metaData);
        LinkState primary = group.state(primaryId);
        LinkState follower = group.state(followerId);
        if (!primary.cancelled()) {
            requireChangeable(group, caller, calendars, primary, "id");
        }
        requireChangeable(group, caller, calendars, follower, "followerId");
        if (follower.follows() == null || !follower.follows().primary().equals(primaryId)) {
            throw new CommandRejectedException(Reason.NOT_FOUND, "followerId", "exists",
                    "item " + followerId + " does not follow " + primaryId);
        }
        if (primary.cancelled() && follower.cancelled()) {
            throw conflict("id", "cancelled", "items " + primaryId + " and " + followerId + " are cancelled; their link stays");
        }
        long offset = follower.follows().offsetSeconds();
        PlannedVersions plan = PlannedVersions.of(group);
        plan.expect(primaryId, 1);
        plan.expect(followerId, 1);
        for (ItemId id : group.ids()) {
            ItemId other = id.equals(primaryId) ? followerId : primaryId;
            group.unlink(id, id.equals(primaryId) ? LinkRole.PRIMARY : LinkRole.FOLLOWER, other, plan.linkedChangesOf(id, other));
        }
        plan.confirm(group);
        return linkChanged(group.state(primaryId), group.state(followerId), offset, true);
    }

    /**
     * A link ties two items' moves together, so it changes both: each needs the caller to be its owner with the scheduler
     * role on its calendar, or a manager there (ADR 0027, ADR 0090).
     */
    private static void requireChangeable(ItemGroup group, Caller caller, Calendars calendars, LinkState item, String field) {
        calendars.find(item.calendarId()).ifPresent(terms -> {
            try {
                ItemRoles.requireOwnerOrManager(terms, caller, item.itemId(), group.ownerOf(item.itemId()), field);
            } catch (CommandRejectedException refused) {
                if (refused.reason() == Reason.HIDDEN && "follower_id".equals(field)) {
                    // A follower on a calendar hidden from the caller is named as one that does not exist (ADR 0086).
                    throw new CommandRejectedException(Reason.UNKNOWN_REFERENCE, field, "exists", "follower_id " + item.itemId() + " names no item");
                }
                throw refused;
            }
        });
    }

    /** The follower's move to its new offset: a reschedule of it along with its primary, under the same rules. */
    private void moveToOffset(ItemGroup group, ItemId followerId, Instant start, ItemId primaryId, List<LinkedChange> linkedChanges)
            throws Exception {
        try {
            group.handle(followerId, new RescheduleItem(followerId, start, null, null, null, primaryId, linkedChanges));
        } catch (CommandRejectedException refused) {
            throw new CommandRejectedException(refused.reason(), refused.violations().stream()
                    .map(violation -> new Violation("offset", violation.rule(), "follower " + followerId + " would start at "
                            + start + ": " + violation.message()))
                    .toList());
        }
    }

    private static LinkChanged linkChanged(LinkState primary, LinkState follower, long offset, boolean changed) {
        return new LinkChanged(new LinkChanged.Side(primary.version(), primary.at(), primary.eventId()),
                new LinkChanged.Side(follower.version(), follower.at(), follower.eventId()), follower.slot(), offset, changed);
    }

    /** A follower changes only with its primary (409, rule {@code linked}). */
    private static void rejectIfFollower(LinkState item) {
        if (item.follows() != null) {
            throw conflict("id", "linked", "item " + item.itemId() + " follows " + item.follows().primary()
                    + " and changes only with it; change " + item.follows().primary() + ", or unlink " + item.itemId()
                    + " from it first");
        }
    }

    /** The graph named an item that the event store does not hold: the table derived from the store is damaged. */
    private static RuntimeException vanished(ItemId item) {
        return new IllegalStateException("item_link or item_dependency names item " + item + ", which has no events; "
                + "the table must be rebuilt from the event store");
    }

    private static TimeRange shifted(TimeRange slot, Duration shift) {
        return new TimeRange(slot.start().plus(shift), slot.end().plus(shift));
    }

    private static CommandRejectedException conflict(String field, String rule, String message) {
        return new CommandRejectedException(Reason.CONFLICT, field, rule, message);
    }

    /** Every refusal of the items one reschedule moves; the most basic reason decides the status. */
    private static final class Refusals {

        private final List<Violation> violations = new ArrayList<>();
        private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        private CalendarRole requiredRole = CalendarRole.SCHEDULER;

        void add(CommandRejectedException refused, Violation violation) {
            // A carried item on a calendar hidden from the caller refuses the move as a missing role would (ADR 0086).
            reasons.add(refused.reason() == Reason.HIDDEN ? Reason.FORBIDDEN : refused.reason());
            violations.add(violation);
            if (refused.reason() == Reason.FORBIDDEN) {
                requiredRole = requiredRole.atLeast(CalendarRole.ofWire(refused.requiredRole()));
            }
        }

        /**
         * 400 if any move is invalid, else 403 if the caller may not make one (naming the highest role
         * they need), else 422, else 409, as a bulk reschedule answers.
         */
        void throwIfAny(@Nullable String summary) {
            if (violations.isEmpty()) {
                return;
            }
            // A deleted item is gone (404, ADR 0084): only the item a request names can be one, since others are skipped.
            Reason reason = reasons.contains(Reason.NOT_FOUND) ? Reason.NOT_FOUND
                    : reasons.contains(Reason.INVALID) ? Reason.INVALID
                    : reasons.contains(Reason.FORBIDDEN) ? Reason.FORBIDDEN
                    : reasons.contains(Reason.UNKNOWN_REFERENCE) ? Reason.UNKNOWN_REFERENCE : Reason.CONFLICT;
            String message = violations.size() == 1 ? violations.get(0).message()
                    : summary + "; " + violations.size() + " of the moves are refused, so none was applied: "
                    + violations.get(0).field() + " " + violations.get(0).message();
            CommandRejectedException refused = new CommandRejectedException(reason, message, violations);
            throw reason == Reason.FORBIDDEN ? refused.needing(requiredRole.wireName()) : refused;
        }
    }
}

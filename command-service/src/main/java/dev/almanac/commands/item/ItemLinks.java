package dev.almanac.commands.item;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemUnlinked;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;

/**
 * An {@link Item}'s links (LNK-PAIR): the primary it follows, or the followers it leads. A follower
 * moves and is cancelled only with its primary, in the same unit of work ({@link ItemMoves}), which
 * also writes both sides of a link. A member of the item's aggregate, in its event stream.
 */
class ItemLinks {

    private final Item item;
    /** The primary this item follows, with the offset; null when it follows none. */
    private @Nullable Follows follows;
    private final Set<ItemId> followers = new HashSet<>();

    ItemLinks(Item item) {
        this.item = item;
    }

    /**
     * Records one side of a link; {@link ItemMoves} has checked both items and writes the other side in
     * the same unit of work, which {@code linkedChanges} declares with the version it reaches there.
     */
    void link(LinkRole role, ItemId other, CalendarId otherCalendar, long offsetSeconds, List<LinkedChange> linkedChanges) {
        apply(new ItemLinked(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), role, other, otherCalendar,
                offsetSeconds, linkedChanges));
    }

    /** Records one side of a link's end; the other side is written in the same unit of work, as for {@link #link}. */
    void unlink(LinkRole role, ItemId other, List<LinkedChange> linkedChanges) {
        apply(new ItemUnlinked(item.itemId(), item.calendarId(), item.slot().start(), item.slot().end(), role, other, linkedChanges));
    }

    @EventSourcingHandler
    void on(ItemLinked linked) {
        if (linked.role() == LinkRole.FOLLOWER) {
            follows = new Follows(linked.linkedItemId(), linked.offsetSeconds());
        } else {
            followers.add(linked.linkedItemId());
        }
    }

    @EventSourcingHandler
    void on(ItemUnlinked unlinked) {
        if (unlinked.role() == LinkRole.FOLLOWER) {
            follows = null;
        } else {
            followers.remove(unlinked.linkedItemId());
        }
    }

    /** A follower moves and is cancelled only with its primary (409, rule {@code linked}). */
    void rejectIfFollowing(@Nullable ItemId alongWith, String change) {
        if (follows != null && alongWith == null) {
            throw new CommandRejectedException(CommandRejectedException.Reason.CONFLICT, "id", "linked", "item " + item.itemId()
                    + " follows " + follows.primary() + " and " + change + " only with it; change " + follows.primary()
                    + ", or unlink " + item.itemId() + " from it first");
        }
    }

    /**
     * A follower is cancelled along with its primary, or on its own once its primary is cancelled (an
     * orphan, ADR 0030): its link stays, and the pair is then cancelled on both sides.
     */
    void rejectIfCancelledAlone(CancelItem command) {
        if (follows == null || !follows.primary().equals(command.cancelledPrimary())) {
            rejectIfFollowing(command.alongWith(), "is cancelled");
        }
    }

    /** How the item is linked, for a message: " follows p", " leads 2 followers", or empty when it is not. */
    String described() {
        if (follows != null) {
            return " follows " + follows.primary();
        }
        return followers.isEmpty() ? "" : " leads " + followers.size() + " followers";
    }

    @Nullable Follows primary() {
        return follows;
    }

    Set<ItemId> followers() {
        return Set.copyOf(followers);
    }

    /** The primary an item follows, and how long after the primary's start it starts (before, when negative). */
    record Follows(ItemId primary, long offsetSeconds) {
    }
}

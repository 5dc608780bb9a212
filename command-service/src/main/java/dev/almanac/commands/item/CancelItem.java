package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/**
 * Takes one item off its calendar (unschedules it), freeing its place. {@link ItemMoves} sends it
 * to a primary and to each of its followers; {@code alongWith} then names the primary. Without it,
 * a follower refuses: it is cancelled only with its primary, unless that primary is cancelled
 * already, which {@link ItemMoves} has seen under the primary's lock and says in
 * {@code cancelledPrimary} (an orphan's repair, ADR 0030).
 */
public record CancelItem(
        ItemId itemId,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable ItemId alongWith,
        @Nullable ItemId cancelledPrimary) {

    /** A cancellation of the item itself. */
    public CancelItem(ItemId itemId, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, reason, expectedVersion, null, null);
    }

    /** A cancellation of the item, or of a follower along with its primary. */
    public CancelItem(ItemId itemId, @Nullable String reason, @Nullable Long expectedVersion, @Nullable ItemId alongWith) {
        this(itemId, reason, expectedVersion, alongWith, null);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

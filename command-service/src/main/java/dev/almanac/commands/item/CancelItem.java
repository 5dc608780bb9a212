package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/**
 * Takes one item off its calendar (unschedules it), freeing its place. {@link ItemMoves} sends it
 * to a primary and to each of its followers; {@code alongWith} then names the primary. Without it,
 * a follower refuses: it is cancelled only with its primary.
 */
public record CancelItem(
        ItemId itemId,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable ItemId alongWith) {

    /** A cancellation of the item itself. */
    public CancelItem(ItemId itemId, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, reason, expectedVersion, null);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

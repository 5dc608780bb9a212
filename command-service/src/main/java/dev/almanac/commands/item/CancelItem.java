package dev.almanac.commands.item;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkedChange;

/**
 * Takes one item off its calendar (unschedules it), freeing its place. {@link ItemMoves} sends it
 * to a primary and to each of its followers; {@code alongWith} then names the primary. Without it,
 * a follower refuses: it is cancelled only with its primary, unless that primary is cancelled
 * already, which {@link ItemMoves} has seen under the primary's lock and says in
 * {@code cancelledPrimary} (an orphan's repair, ADR 0030). {@code linkedChanges} is what the item's event
 * declares: the items linked with it that the same change changes too, with the version each reaches
 * ({@link PlannedVersions}); empty when the item is cancelled alone.
 */
public record CancelItem(
        ItemId itemId,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable ItemId alongWith,
        @Nullable ItemId cancelledPrimary,
        List<LinkedChange> linkedChanges) {

    public CancelItem {
        linkedChanges = List.copyOf(linkedChanges);
    }

    /** A cancellation of the item itself, alone. */
    public CancelItem(ItemId itemId, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, reason, expectedVersion, null, null, List.of());
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

package dev.almanac.commands.item;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/**
 * Moves one item to start at {@code newTime}, keeping its duration. A change that spans linked
 * items ({@link ItemMoves}) sends it to each item it moves; {@code alongWith} then names the item
 * the request moved, which carries this one. Without it, a follower refuses to move: it moves
 * only with its primary.
 */
public record RescheduleItem(
        ItemId itemId,
        Instant newTime,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable ItemId alongWith) {

    /** A move of the item itself. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, newTime, reason, expectedVersion, null);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

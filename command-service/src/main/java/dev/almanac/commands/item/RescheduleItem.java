package dev.almanac.commands.item;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/**
 * Moves one item to start at {@code newTime}, keeping its duration; {@code overrideReason}, a manager's,
 * admits it past the capacity of a calendar that blocks overbooking (SCH-021, SCH-024). A change that
 * spans linked items ({@link ItemMoves}) sends it to each item it moves; {@code alongWith} then names
 * the item the request moved, which carries this one. Without it, a follower refuses to move: it
 * moves only with its primary.
 */
public record RescheduleItem(
        ItemId itemId,
        Instant newTime,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable String overrideReason,
        @Nullable ItemId alongWith) {

    /** A move of the item itself, without a manager's override. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, newTime, reason, expectedVersion, null, null);
    }

    /** A move carried along by {@code alongWith}'s, without a manager's override. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion,
                          @Nullable ItemId alongWith) {
        this(itemId, newTime, reason, expectedVersion, null, alongWith);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.LinkedChange;

/**
 * Moves one item to start at {@code newTime}, keeping its duration; {@code overrideReason}, a manager's,
 * admits it past the capacity of a calendar that blocks overbooking (SCH-021, SCH-024). A change that
 * spans linked items ({@link ItemMoves}) sends it to each item it moves; {@code alongWith} then names
 * the item the request moved, which carries this one. Without it, a follower refuses to move: it
 * moves only with its primary. {@code linkedChanges} is what the item's event declares: the items linked
 * with it that the same change changes too, with the version each reaches ({@link PlannedVersions}); empty
 * when the item moves alone. {@code notifyParticipants} asks that the item's people be told of the move.
 */
public record RescheduleItem(
        ItemId itemId,
        Instant newTime,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable String overrideReason,
        @Nullable ItemId alongWith,
        List<LinkedChange> linkedChanges,
        boolean notifyParticipants) {

    public RescheduleItem {
        linkedChanges = List.copyOf(linkedChanges);
    }

    /** A move whose people are not told. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion,
                          @Nullable String overrideReason, @Nullable ItemId alongWith, List<LinkedChange> linkedChanges) {
        this(itemId, newTime, reason, expectedVersion, overrideReason, alongWith, linkedChanges, false);
    }

    /** A move of the item itself, without a manager's override, that changes no linked item. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, newTime, reason, expectedVersion, null, null, List.of(), false);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

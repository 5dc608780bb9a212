package dev.almanac.commands.item;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/**
 * Moves an item to start at {@code newTime}, keeping its duration; {@code overrideReason}, a manager's, admits
 * it past the capacity of a calendar that blocks overbooking (SCH-021, SCH-024).
 */
public record RescheduleItem(
        ItemId itemId,
        Instant newTime,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable String overrideReason) {

    /** A move without a manager's override. */
    public RescheduleItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion) {
        this(itemId, newTime, reason, expectedVersion, null);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

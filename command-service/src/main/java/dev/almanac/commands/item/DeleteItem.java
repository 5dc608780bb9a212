package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/** Deletes an item: its tombstone, {@code ItemDeleted} (ADR 0084). */
public record DeleteItem(
        ItemId itemId,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

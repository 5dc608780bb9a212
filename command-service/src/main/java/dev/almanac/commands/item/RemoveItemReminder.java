package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.ReminderId;
import dev.almanac.events.schedule.ItemId;

/** Removes a reminder from an item: it is not sent (ADR 0079). */
public record RemoveItemReminder(
        ItemId itemId,
        ReminderId reminderId,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

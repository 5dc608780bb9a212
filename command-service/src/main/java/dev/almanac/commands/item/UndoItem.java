package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;

/** Undoes the acting user's own last change to an item, within {@link ItemUndo#UNDO_WINDOW}. */
public record UndoItem(
        ItemId itemId,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

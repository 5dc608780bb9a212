package dev.almanac.commands.item;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.ItemId;

/** Removes an attachment's reference from an item; the file itself is the client's to delete. */
public record RemoveAttachment(
        ItemId itemId,
        AttachmentId attachmentId,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}

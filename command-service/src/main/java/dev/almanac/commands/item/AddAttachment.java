package dev.almanac.commands.item;

import java.util.Objects;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.ItemId;

/**
 * Attaches a reference to a file to an item (DEP-ATTACH): the file stays where it is, at an https
 * {@code url} or under a {@code storageKey} in the client's own store (exactly one of them, checked
 * by the request). Adding the same attachment again under its id changes nothing.
 */
public record AddAttachment(
        ItemId itemId,
        AttachmentId attachmentId,
        String name,
        String mediaType,
        long sizeBytes,
        @Nullable String url,
        @Nullable String storageKey,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }

    /** What the item keeps of an attachment to tell its repeat from another attachment under the same id. */
    int fingerprint() {
        return Objects.hash(name, mediaType, sizeBytes, url, storageKey);
    }
}

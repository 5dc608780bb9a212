package dev.almanac.commands.item;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The answer to adding or removing an attachment: the item, the attachment (as added, or its id when
 * removed), how many the item has now, and its new version ({@code audit_id}: the stored event).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AttachmentResponse(
        String itemId,
        String attachmentId,
        @Nullable String name,
        @Nullable String mediaType,
        @Nullable Long sizeBytes,
        @Nullable String url,
        @Nullable String storageKey,
        @Schema(description = "How many files the item has attached after this request") int attachmentCount,
        long version,
        String auditId) {
}

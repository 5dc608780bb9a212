package dev.almanac.commands.item;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.schedule.AttachmentId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.problem.ProblemException;

/**
 * {@code POST /api/v1/schedules/{id}/attachments} (DEP-ATTACH): a reference to a file kept elsewhere.
 * Almanac stores the reference, never the file: exactly one of an https {@code url} and a
 * {@code storage_key} in the client's own store.
 */
record AttachmentRequest(
        @Schema(description = "The attachment's id within its item; server-assigned when left out. With an id of its own the "
                + "request is idempotent", example = "att-slides")
        @Nullable @Pattern(regexp = Identifiers.PATTERN, message = "must be 1-128 letters, digits or . _ : - and start with a letter or digit") String id,
        @Schema(description = "The file's name", example = "Q4 review slides.pdf") @NotBlank @Size(max = 255) String name,
        @Schema(description = "An RFC 6838 media type, without parameters", example = "application/pdf")
        @NotBlank @Size(max = 255) @Pattern(regexp = MEDIA_TYPE, message = "must be a media type such as image/jpeg or application/pdf")
        String mediaType,
        @Schema(description = "The file's size in bytes, at most 5 TiB", example = "2481337")
        @NotNull @PositiveOrZero @Max(MAX_SIZE_BYTES) Long sizeBytes,
        @Schema(description = "An https URL of the file, without credentials; give this or storage_key", example = "https://files.example.com/q4/slides.pdf")
        @Nullable @Size(max = 2048) String url,
        @Schema(description = "The file's key in the client's own store (relative, no . or .. segments, no backslash); give this or url",
                example = "reviews/2026/q4/slides.pdf")
        @Nullable @Size(max = 1024) @Pattern(regexp = STORAGE_KEY, message = "must be a relative key: no leading /, no . or .. segment, no backslash")
        String storageKey) {

    static final String MEDIA_TYPE = "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$";
    static final String STORAGE_KEY = "^(?!/)(?!.*\\\\)(?!(.*/)?\\.{1,2}(/|$))(?!.*//).+$";
    /** 5 TiB: the largest object the common object stores keep. */
    static final long MAX_SIZE_BYTES = 5L * 1024 * 1024 * 1024 * 1024;

    AddAttachment toCommand(ItemId itemId, Supplier<AttachmentId> newId, @Nullable Long expectedVersion) {
        if (url != null && storageKey != null) {
            throw ProblemException.invalid("storage_key", "one_of", "give url or storage_key, not both");
        }
        if (url == null && storageKey == null) {
            throw ProblemException.invalid("url", "one_of", "give the file's url (https) or its storage_key");
        }
        if (url != null) {
            requireHttps(url);
        }
        return new AddAttachment(itemId, id == null ? newId.get() : AttachmentId.of(id), name.strip(),
                mediaType.toLowerCase(Locale.ROOT), sizeBytes, url, storageKey, expectedVersion);
    }

    /** An absolute https URL with a host and no user information: a reference must not carry a secret. */
    private static void requireHttps(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("url", "https_url", "url is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw ProblemException.invalid("url", "https_url", "url must be an absolute https URL with a host, such as "
                    + "https://files.example.com/slides.pdf");
        }
        if (uri.getRawUserInfo() != null) {
            throw ProblemException.invalid("url", "https_url", "url must not carry credentials (user:password@)");
        }
    }
}

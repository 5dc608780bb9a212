package dev.almanac.commands.rule.change;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The optional body of a rejection: why, and the change request's version the caller saw (instead of, or equal to, If-Match). */
record RejectBody(
        @Nullable @Size(max = 256) String reason,
        @Schema(description = "The change request's version (its ETag), when not sent as If-Match")
        @Nullable @Min(0) Long version) {
}

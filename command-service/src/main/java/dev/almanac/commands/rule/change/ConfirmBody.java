package dev.almanac.commands.rule.change;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;

/** The optional body of a confirmation: the change request's version the caller saw, instead of (or equal to) If-Match. */
record ConfirmBody(
        @Schema(description = "The change request's version (its ETag), when not sent as If-Match")
        @Nullable @Min(0) Long version) {
}

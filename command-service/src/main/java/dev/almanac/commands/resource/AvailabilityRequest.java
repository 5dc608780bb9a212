package dev.almanac.commands.resource;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.platform.problem.ProblemException;

/** The body of {@code .../availability/mark-unavailable} and {@code .../mark-available}: a half-open range and why. */
record AvailabilityRequest(
        @Schema(description = "Start of the range, inclusive", example = "2026-12-01T00:00:00Z") @NotNull Instant start,
        @Schema(description = "End of the range, exclusive; after start", example = "2026-12-04T00:00:00Z") @NotNull Instant end,
        @Schema(description = "Why, such as 'Sent for repair'", example = "Sent for repair") @Nullable @Size(max = 256) String reason) {

    /** The range's ends, once they are known to be in order. */
    AvailabilityRequest checked() {
        if (!end.isAfter(start)) {
            throw ProblemException.invalid("end", "after_start", "end (" + end + ") must be after start (" + start + ")");
        }
        return this;
    }

    @Nullable String trimmedReason() {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }
}

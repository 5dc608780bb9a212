package dev.almanac.commands.resource;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** What a marking asked for, and the resource's version after it: the same version when it changed nothing. */
record AvailabilityChangeResponse(
        String resourceId,
        @Schema(description = "What the range now is", allowableValues = {"unavailable", "available"}) String availability,
        Instant start,
        Instant end,
        @Nullable String reason,
        long version) {
}

package dev.almanac.query.availability;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The resource batch check's answer: one entry per resource asked for, in the order asked. */
@Schema(name = "ResourceCheckMultipleResult")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceCheckMultipleResult(
        @Schema(description = "Range start, inclusive") Instant from,
        @Schema(description = "Range end, exclusive") Instant till,
        @Schema(description = "The buffer applied, ISO-8601", example = "PT15M") String buffer,
        @Schema(description = "from minus the buffer: the start of the range that must be clear") Instant checkedFrom,
        @Schema(description = "till plus the buffer: the end of the range that must be clear") Instant checkedTill,
        @Schema(description = "Length of each free slot, ISO-8601; only with include_slots", example = "PT30M") @Nullable String duration,
        @Schema(description = "Spacing of candidate starts, ISO-8601; only with include_slots", example = "PT30M") @Nullable String increment,
        @Schema(description = "One answer per resource, in the order of resource_ids") List<ResourceAvailability> resources) {
}

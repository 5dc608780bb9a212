package dev.almanac.query.availability;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The free slots of a resource in a range, with the parameters they were computed with. */
@Schema(name = "ResourceFreeSlots")
public record ResourceFreeSlots(
        @Schema(example = "res-projector") String resourceId,
        @Schema(type = "string", description = "IANA zone whose wall clock the slots are aligned to", example = "America/New_York")
        ZoneId timezone,
        @Schema(description = "Range start, inclusive") Instant from,
        @Schema(description = "Range end, exclusive") Instant till,
        @Schema(description = "Length of each slot, ISO-8601", example = "PT30M") String duration,
        @Schema(description = "Spacing of candidate starts on the wall clock, ISO-8601", example = "PT30M") String increment,
        @Schema(description = "Time kept clear before and after each slot, ISO-8601", example = "PT15M") String buffer,
        @Schema(description = "Free slots by start: neither booked nor unavailable, buffer included") List<FreeSlot> slots) {
}

package dev.almanac.query.resource;

import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.ResourceType;

/** A resource as the resources list shows it: what it is, without its unavailable ranges, which its own read gives. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ResourceSummary", description = "A resource in the resources list: GET /resources/{id} adds its unavailable ranges and version")
public record ResourceSummary(
        @Schema(example = "res-projector") String id,
        @Schema(example = "Ceiling projector") String name,
        ResourceType type,
        @Schema(type = "string", example = "America/New_York", description = "IANA zone of the resource's wall clock") ZoneId timezone,
        @Schema(description = "Absent when the resource has none") @Nullable String description) {

    static ResourceSummary of(String id, ResourceList.Listed listed) {
        return new ResourceSummary(id, listed.name(), listed.type(), listed.timezone(), listed.description());
    }
}

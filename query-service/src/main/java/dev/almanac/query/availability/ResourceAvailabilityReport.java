package dev.almanac.query.availability;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.query.resource.ResourceView;

/** {@code GET /api/v1/resources/{id}/availability}: one resource over a range, checked with its buffer. */
@Schema(name = "ResourceAvailabilityReport")
public record ResourceAvailabilityReport(
        @Schema(example = "res-projector") String resourceId,
        @Schema(example = "Ceiling projector") String name,
        ResourceType type,
        @Schema(type = "string", description = "IANA zone of the resource's wall clock", example = "America/New_York") ZoneId timezone,
        @Schema(description = "Range start, inclusive") Instant from,
        @Schema(description = "Range end, exclusive") Instant till,
        @Schema(description = "The buffer applied, ISO-8601", example = "PT15M") String buffer,
        @Schema(description = "from minus the buffer: the start of the range that must be clear") Instant checkedFrom,
        @Schema(description = "till plus the buffer: the end of the range that must be clear") Instant checkedTill,
        ResourceStatus status,
        @Schema(description = "Whether the resource is neither booked nor unavailable at any instant of [checked_from, checked_till)")
        boolean available,
        @Schema(description = "The ranges the resource is marked unavailable that overlap [checked_from, checked_till), whole, by "
                + "start, with their reasons") List<UnavailableRange> unavailable,
        @Schema(description = "Merged intervals inside [checked_from, checked_till) during which items book the resource; nothing "
                + "is told of the items") List<BusyInterval> busy) {

    static ResourceAvailabilityReport of(ResourceView resource, Instant from, Instant till, String buffer, Instant checkedFrom,
                                         Instant checkedTill, ResourceOccupancy occupancy) {
        return new ResourceAvailabilityReport(resource.id(), resource.name(), resource.type(), resource.timezone(), from, till, buffer,
                checkedFrom, checkedTill, occupancy.status(), occupancy.available(), occupancy.unavailable(),
                occupancy.busy().stream().map(BusyInterval::of).toList());
    }
}

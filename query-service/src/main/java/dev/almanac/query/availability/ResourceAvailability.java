package dev.almanac.query.availability;

import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.query.resource.ResourceView;

/** One resource's answer in a batch check (SCH-AVAILABILITY's ResourceAvailabilityDto, without the booked items: free/busy tells nothing of them). */
@Schema(name = "ResourceAvailability")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceAvailability(
        @Schema(example = "res-projector") String resourceId,
        @Schema(description = "Absent for an unknown resource", example = "Ceiling projector") @Nullable String name,
        @Schema(description = "Absent for an unknown resource") @Nullable ResourceType type,
        @Schema(type = "string", description = "IANA zone of the resource's wall clock, on which its free slots are laid out; "
                + "absent for an unknown resource", example = "America/New_York") @Nullable ZoneId timezone,
        ResourceStatus status,
        @Schema(description = "Whether the resource is neither booked nor unavailable at any instant of [checked_from, "
                + "checked_till); absent for an unknown resource") @Nullable Boolean available,
        @Schema(description = "The ranges the resource is marked unavailable that overlap [checked_from, checked_till), "
                + "whole, by start, with their reasons") List<UnavailableRange> unavailable,
        @Schema(description = "Merged intervals inside [checked_from, checked_till) during which items book the resource; "
                + "nothing is told of the items") List<BusyInterval> busy,
        @Schema(description = "The free slots inside [from, till), when include_slots was asked; absent otherwise")
        @Nullable List<FreeSlot> freeSlots) {

    static ResourceAvailability unknown(String resourceId) {
        return new ResourceAvailability(resourceId, null, null, null, ResourceStatus.UNKNOWN, null, List.of(), List.of(), null);
    }

    static ResourceAvailability of(ResourceView resource, ResourceOccupancy occupancy, @Nullable List<FreeSlot> freeSlots) {
        return new ResourceAvailability(resource.id(), resource.name(), resource.type(), resource.timezone(), occupancy.status(),
                occupancy.available(), occupancy.unavailable(), occupancy.busy().stream().map(BusyInterval::of).toList(), freeSlots);
    }
}

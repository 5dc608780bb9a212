package dev.almanac.events.schedule;

import dev.almanac.events.calendar.ResourceId;

/** A resource an item books for its whole slot, and the part it plays. */
public record ResourceBooking(ResourceId resourceId, ResourceRole role) {
}

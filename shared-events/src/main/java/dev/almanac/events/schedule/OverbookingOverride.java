package dev.almanac.events.schedule;

import dev.almanac.events.UserId;

/**
 * A manager admitted an item past the capacity of a calendar that blocks overbooking (SCH-021),
 * saying why (SCH-024); recorded on the event that placed the item, for audit (SCH-025, the source's
 * OverbookingAllowedByOverride). The event's time is when.
 */
public record OverbookingOverride(String reason, UserId overriddenBy) {

    public OverbookingOverride {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an override must say why (SCH-024)");
        }
    }
}

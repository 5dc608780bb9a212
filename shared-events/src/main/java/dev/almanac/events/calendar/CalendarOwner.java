package dev.almanac.events.calendar;

import dev.almanac.events.Identifiers;

/** Who or what a calendar belongs to: a venue, a person, a department (SCH-CALENDAR). */
public record CalendarOwner(String id, OwnerType type) {

    public CalendarOwner {
        Identifiers.requireValid(id, "owner id");
    }
}

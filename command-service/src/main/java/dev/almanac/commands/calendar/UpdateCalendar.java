package dev.almanac.commands.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Replaces a calendar's definition as a whole ({@code PUT}). */
public record UpdateCalendar(
        CalendarId calendarId,
        CalendarDefinition definition,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendar(calendarId);
    }
}

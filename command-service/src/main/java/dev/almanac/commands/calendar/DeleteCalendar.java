package dev.almanac.commands.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Deletes an empty calendar: its tombstone, {@code CalendarDeleted} (ADR 0084). */
public record DeleteCalendar(
        CalendarId calendarId,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendar(calendarId);
    }
}

package dev.almanac.commands.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;

/** Withdraws {@code userId}'s grant on the calendar; a user without one changes nothing. */
public record RevokeCalendarAccess(
        CalendarId calendarId,
        UserId userId,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendar(calendarId);
    }
}

package dev.almanac.commands.calendar;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;

/** Gives {@code userId} the role {@code role} on the calendar, in place of any role they had. */
public record GrantCalendarAccess(
        CalendarId calendarId,
        UserId userId,
        CalendarRole role,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendar(calendarId);
    }
}

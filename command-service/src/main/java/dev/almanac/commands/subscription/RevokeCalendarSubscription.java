package dev.almanac.commands.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Revokes a subscription of {@code calendarId} (the path names both, and they must agree). */
public record RevokeCalendarSubscription(String subscriptionId, CalendarId calendarId) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendarSubscription(subscriptionId);
    }
}

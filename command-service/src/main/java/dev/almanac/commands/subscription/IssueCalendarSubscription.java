package dev.almanac.commands.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.CalendarId;

/** Issues a subscription to {@code calendarId} for the caller, whose token hashes to {@code tokenHash} (SHA-256, hex). */
public record IssueCalendarSubscription(String subscriptionId, CalendarId calendarId, String tokenHash) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.calendarSubscription(subscriptionId);
    }
}

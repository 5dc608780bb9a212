package dev.almanac.events.subscription;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#CALENDAR_SUBSCRIPTIONS}, keyed by the calendar's id, so that a subscription's issue and
 * revocation stay in order. Closed: a consumer decides each type through {@link Handler}.
 */
public sealed interface CalendarSubscriptionEvent extends AlmanacEvent permits CalendarSubscriptionIssued, CalendarSubscriptionRevoked {

    String subscriptionId();

    CalendarId calendarId();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return calendarId().value();
    }

    @Override
    default String subject() {
        return subscriptionId();
    }

    /** One method per event type of {@value Topics#CALENDAR_SUBSCRIPTIONS}. */
    interface Handler<R> {

        R on(CalendarSubscriptionIssued event, EventMetadata envelope);

        R on(CalendarSubscriptionRevoked event, EventMetadata envelope);
    }
}

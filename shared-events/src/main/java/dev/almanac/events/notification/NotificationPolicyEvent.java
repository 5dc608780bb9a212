package dev.almanac.events.notification;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#NOTIFICATION_POLICIES}, keyed by the calendar's id. Closed: a consumer decides each type
 * through {@link Handler}.
 */
public sealed interface NotificationPolicyEvent extends AlmanacEvent permits CalendarNotificationPolicySet {

    CalendarId calendarId();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return calendarId().value();
    }

    /** One method per event type of {@value Topics#NOTIFICATION_POLICIES}. */
    interface Handler<R> {

        R on(CalendarNotificationPolicySet event, EventMetadata envelope);
    }
}

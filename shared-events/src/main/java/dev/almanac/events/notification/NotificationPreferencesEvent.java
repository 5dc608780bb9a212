package dev.almanac.events.notification;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#NOTIFICATION_PREFERENCES}, keyed by the user's id like {@value Topics#NOTIFICATIONS}, so a
 * user's preferences and notifications reach the same partition. Closed: a consumer decides each type through {@link Handler}.
 */
public sealed interface NotificationPreferencesEvent extends AlmanacEvent permits NotificationPreferencesSet {

    UserId userId();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return userId().value();
    }

    /** One method per event type of {@value Topics#NOTIFICATION_PREFERENCES}. */
    interface Handler<R> {

        R on(NotificationPreferencesSet event, EventMetadata envelope);
    }
}

package dev.almanac.events.notification;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#NOTIFICATIONS}, keyed by the recipient's user id, so that one user's notifications stay
 * in order on one partition. The hierarchy is closed: a consumer decides each type through {@link Handler}.
 */
public sealed interface NotificationEvent extends AlmanacEvent permits NotificationRaised {

    UserId recipient();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return recipient().value();
    }

    /** One method per event type of {@value Topics#NOTIFICATIONS}. */
    interface Handler<R> {

        R on(NotificationRaised event, EventMetadata envelope);
    }
}

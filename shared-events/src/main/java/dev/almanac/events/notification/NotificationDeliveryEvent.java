package dev.almanac.events.notification;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#NOTIFICATION_DELIVERIES}, keyed by the recipient like {@value Topics#NOTIFICATIONS}. Closed:
 * a consumer decides each type through {@link Handler}.
 */
public sealed interface NotificationDeliveryEvent extends AlmanacEvent permits NotificationDeliveryRecorded {

    UserId recipient();

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    @Override
    default String partitionKey() {
        return recipient().value();
    }

    /** One method per event type of {@value Topics#NOTIFICATION_DELIVERIES}. */
    interface Handler<R> {

        R on(NotificationDeliveryRecorded event, EventMetadata envelope);
    }
}

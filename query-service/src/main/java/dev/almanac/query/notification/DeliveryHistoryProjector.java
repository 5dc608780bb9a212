package dev.almanac.query.notification;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationDeliveryEvent;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.platform.consumer.Decision;

/** Every line of almanac.notification-deliveries.v1 joins its notification's history. */
final class DeliveryHistoryProjector implements NotificationDeliveryEvent.Handler<Decision<NotificationDeliveryRecorded>> {

    @Override
    public Decision<NotificationDeliveryRecorded> on(NotificationDeliveryRecorded event, EventMetadata envelope) {
        return Decision.handle(event);
    }
}

package dev.almanac.query.notification;

import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationEvent;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.consumer.Decision;

/** The centre's decision on every type of almanac.notifications.v1. */
final class NotificationProjector implements NotificationEvent.Handler<Decision<NotificationRaised>> {

    @Override
    public Decision<NotificationRaised> on(NotificationRaised event, EventMetadata envelope) {
        return Decision.handle(event);
    }
}

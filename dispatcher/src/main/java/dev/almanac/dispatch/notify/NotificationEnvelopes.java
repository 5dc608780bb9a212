package dev.almanac.dispatch.notify;

import dev.almanac.events.Identifiers;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.NotificationRaised;

/**
 * The envelope of a notification: its id derives from the notification's, so the fact read again publishes the same
 * {@code ce_id}; its time, actor, correlation and trace are the fact's, and its cause is the fact's event id. A
 * notification is raised once, so its version is 1.
 */
public final class NotificationEnvelopes {

    public static final String SOURCE = "/almanac/dispatcher";

    private NotificationEnvelopes() {
    }

    public static EventMetadata of(NotificationRaised raised, EventMetadata fact) {
        return new EventMetadata(Identifiers.derive("notification-raised", raised.notificationId().value()),
                EventCatalog.of(raised).ceType(), SOURCE, fact.time(), raised.subject(), 1, fact.actor(), fact.correlationId(),
                fact.traceparent(), fact.id());
    }
}

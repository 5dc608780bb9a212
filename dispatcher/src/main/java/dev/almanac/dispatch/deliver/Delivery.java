package dev.almanac.dispatch.deliver;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.WebhookTarget;

/**
 * One message to send on one channel, as the deliverer's stream decided it and the sender sends it: one notification,
 * or a digest of several of one kind. On {@value DeliverTopics#DUE}, keyed by recipient; not a contract.
 *
 * @param deliveryId derived from the notification (or digest) and the channel: the e-mail's {@code Message-ID} and the
 *                   webhook's {@code Almanac-Delivery}, the same however often it is sent
 */
record Delivery(String deliveryId, UserId recipient, DeliveryChannel channel, @Nullable String email, @Nullable WebhookTarget webhook,
                @Nullable String digestId, List<NotificationRaised> notifications) {

    Delivery {
        notifications = List.copyOf(notifications);
    }

    static String idOf(String notificationOrDigestId, DeliveryChannel channel) {
        return Identifiers.derive("notification-delivery", notificationOrDigestId, channel.name());
    }

    boolean isDigest() {
        return digestId != null;
    }
}

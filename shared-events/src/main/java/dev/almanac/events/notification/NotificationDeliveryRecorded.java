package dev.almanac.events.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * What became of one notification on its way to {@code recipient}: a line of its delivery history. A digest's lines are
 * recorded for each notification it carries.
 *
 * @param deliveryId the delivery (one notification or digest on one channel), derived from both, so a receiver can take
 *                   it once: the e-mail's {@code Message-ID}, the webhook's {@code Almanac-Delivery} header; absent where
 *                   no delivery was made (suppressed, held)
 * @param channel    the channel; absent for a policy that concerns every channel but the centre
 * @param policy     the policy that decided it ({@code suppress category=low}, {@code quiet_hours 22:00-07:00 Europe/Berlin})
 * @param until      while held, when quiet hours end
 * @param digestId   the digest it went out in
 * @param attempt    the attempt's number, from 1, for sent, failed and dead-lettered; else 0
 * @param detail     why an attempt failed
 * @param at         when this was decided
 */
public record NotificationDeliveryRecorded(
        NotificationId notificationId,
        UserId recipient,
        DeliveryOutcome outcome,
        @Nullable String deliveryId,
        @Nullable DeliveryChannel channel,
        @Nullable String policy,
        @Nullable Instant until,
        @Nullable String digestId,
        int attempt,
        @Nullable String detail,
        Instant at) implements NotificationDeliveryEvent {

    /** The event id of this line: one per notification, delivery, outcome and attempt, so a line recorded again is the same event. */
    public String eventId() {
        return Identifiers.derive("notification-delivery", notificationId.value(), String.valueOf(deliveryId), outcome.name(),
                String.valueOf(channel), Integer.toString(attempt));
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return notificationId.value();
    }
}

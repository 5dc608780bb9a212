package dev.almanac.events.notification;

/** Where a notification may reach its recipient: the notification centre, e-mail, or the recipient's webhook. */
public enum DeliveryChannel {
    CENTRE,
    EMAIL,
    WEBHOOK
}

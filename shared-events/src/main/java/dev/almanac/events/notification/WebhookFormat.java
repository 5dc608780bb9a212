package dev.almanac.events.notification;

/** The body a webhook receives: Slack's incoming-webhook shape ({@code text} and {@code blocks}), or the notification as JSON. */
public enum WebhookFormat {
    SLACK,
    JSON
}

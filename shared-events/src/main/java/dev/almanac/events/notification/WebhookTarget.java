package dev.almanac.events.notification;

/**
 * A user's webhook.
 *
 * @param url          absolute {@code http} or {@code https} URL, without credentials
 * @param format       the body it receives
 * @param sealedSecret the HMAC signing secret the user chose, sealed (AES-GCM) with a key only command-service and the
 *                     deliverer hold: the topic never carries the secret itself
 */
public record WebhookTarget(String url, WebhookFormat format, String sealedSecret) {
}

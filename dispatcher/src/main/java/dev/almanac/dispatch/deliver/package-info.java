/**
 * The deliverer (ADR 0078): a Kafka Streams application beside the dispatcher and the notifier that applies each user's
 * policies (suppression, quiet hours, digests, channels) to their notifications, and a sender that sends the deliveries
 * it decides by e-mail and webhook, with retries, recording every outcome on almanac.notification-deliveries.v1.
 */
@NullMarked
package dev.almanac.dispatch.deliver;

import org.jspecify.annotations.NullMarked;

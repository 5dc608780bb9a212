package dev.almanac.dispatch.deliver;

import java.time.Instant;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.kafka.EventCodec;

/** The records of {@code almanac.notification-deliveries.v1}: one line of a notification's history, its ce_id derived from it. */
final class Outcomes {

    static final String SOURCE = "/almanac/dispatcher";
    static final String ACTOR = "almanac-deliverer";

    private final EventCodec codec;

    Outcomes(EventCodec codec) {
        this.codec = codec;
    }

    ProducerRecord<String, byte[]> record(NotificationRaised notification, DeliveryOutcome outcome, @Nullable String deliveryId,
                                          @Nullable DeliveryChannel channel, @Nullable String policy, @Nullable Instant until,
                                          @Nullable String digestId, int attempt, @Nullable String detail, Instant at) {
        NotificationDeliveryRecorded line = new NotificationDeliveryRecorded(notification.notificationId(), notification.recipient(),
                outcome, deliveryId, channel, policy, until, digestId, attempt, detail, at);
        EventMetadata metadata = new EventMetadata(line.eventId(), EventCatalog.of(line).ceType(), SOURCE, at, line.subject(), 1, ACTOR,
                notification.notificationId().value(), null, notification.notificationId().value());
        return codec.toRecord(metadata, line);
    }
}

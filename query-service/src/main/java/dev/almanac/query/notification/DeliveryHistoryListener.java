package dev.almanac.query.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.ConsumerSeekAware;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.events.notification.NotificationDeliveryRecorded;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.query.projection.ProjectedOffsets;

/**
 * Reads {@value Topics#NOTIFICATION_DELIVERIES} into each notification's delivery history, in a group of its own
 * ({@code <group-id>-notification-deliveries}). Lines are added by their event id, so a batch read again adds nothing;
 * as for the notifications, a partition the store holds less of than the group committed is read again (ADR 0014).
 */
@Component
class DeliveryHistoryListener implements ConsumerSeekAware {

    static final String LISTENER_ID = "notification-delivery-history";

    private final EventCodec codec;
    private final Notifications notifications;
    private final EventDecider<NotificationDeliveryRecorded> decider =
            EventDecider.of("query-service/notification-deliveries", new DeliveryHistoryProjector());

    private final ProjectedOffsets offsets;

    DeliveryHistoryListener(EventCodec codec, Notifications notifications, MongoDatabase database,
                            @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.codec = codec;
        this.notifications = notifications;
        this.offsets = new ProjectedOffsets(database, timeout);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, batch = "true", groupId = "${spring.kafka.consumer.group-id}-notification-deliveries",
            topics = Topics.NOTIFICATION_DELIVERIES, properties = "max.poll.records=${almanac.query.projection-batch-size:500}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<NotificationDeliveryRecorded> decided = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            try {
                if (decider.decide(codec.fromRecord(records.get(index))) instanceof Decision.Handle<NotificationDeliveryRecorded> handle) {
                    decided.add(handle.work());
                }
            } catch (PoisonMessageException poison) {
                write(decided);
                offsets.held(records.subList(0, index + 1));
                throw new BatchListenerFailedException(poison.getMessage(), poison, index);
            }
        }
        write(decided);
        offsets.held(records);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        offsets.rewinds(assignments).forEach((partition, offset) -> callback.seek(partition.topic(), partition.partition(), offset));
    }

    private void write(List<NotificationDeliveryRecorded> decided) {
        try {
            notifications.recordDeliveries(decided);
        } catch (RuntimeException failure) {
            throw new BatchListenerFailedException("could not record " + decided.size() + " delivery lines: " + failure.getMessage(), failure, 0);
        }
    }
}

package dev.almanac.query.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.query.projection.ProjectedOffsets;

/**
 * Reads {@value Topics#NOTIFICATIONS} into the inboxes, in a consumer group of its own ({@code <group-id>-notifications}),
 * so that the centre never waits behind a load of calendar facts, nor they behind it. Each poll is written before its
 * offsets are committed; a record that cannot be read stops the batch where it is, the records before it are written,
 * and it goes to the DLT, as the projections' listener does. The store's record of how far it holds each partition is
 * raised after each batch, and a partition the store holds less of than the group committed is read again (ADR 0014).
 */
@Component
class NotificationListener implements ConsumerSeekAware {

    static final String LISTENER_ID = "notification-projection";

    private static final Logger log = LoggerFactory.getLogger(NotificationListener.class);

    private final EventCodec codec;
    private final Notifications notifications;
    private final NotificationSignals signals;
    private final ProjectedOffsets offsets;
    private final EventDecider<NotificationRaised> decider = EventDecider.of("query-service/notifications", new NotificationProjector());

    NotificationListener(EventCodec codec, Notifications notifications, NotificationSignals signals, MongoDatabase database,
                         @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.codec = codec;
        this.notifications = notifications;
        this.signals = signals;
        this.offsets = new ProjectedOffsets(database, timeout);
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, batch = "true", groupId = "${spring.kafka.consumer.group-id}-notifications",
            topics = Topics.NOTIFICATIONS, properties = "max.poll.records=${almanac.query.projection-batch-size:500}")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        List<NotificationRaised> decided = new ArrayList<>(records.size());
        for (int index = 0; index < records.size(); index++) {
            try {
                if (decider.decide(codec.fromRecord(records.get(index))) instanceof Decision.Handle<NotificationRaised> handle) {
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

    private void write(List<NotificationRaised> decided) {
        if (decided.isEmpty()) {
            return;
        }
        try {
            signals.listed(notifications.add(decided));
        } catch (RuntimeException failure) {
            // MongoDB down or slow: waiting may cure it, so the platform retries the batch from its start.
            throw new BatchListenerFailedException("could not list " + decided.size() + " notifications: " + failure.getMessage(), failure, 0);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Map<TopicPartition, Long> rewinds = offsets.rewinds(assignments);
        if (!rewinds.isEmpty()) {
            log.info("The inboxes hold less than the committed offsets of {}; reading them again from {}", rewinds.keySet(), rewinds);
            rewinds.forEach((partition, offset) -> callback.seek(partition.topic(), partition.partition(), offset));
        }
    }
}

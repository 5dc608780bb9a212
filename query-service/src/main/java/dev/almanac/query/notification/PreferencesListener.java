package dev.almanac.query.notification;

import java.time.Duration;
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

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationPolicyEvent;
import dev.almanac.events.notification.NotificationPreferencesEvent;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.projection.ProjectedOffsets;

/**
 * Reads {@value Topics#NOTIFICATION_PREFERENCES} and {@value Topics#NOTIFICATION_POLICIES} into
 * {@link NotificationPreferencesStore}, in a group of its own ({@code <group-id>-notification-preferences}). Each write keeps the later version, so reading a batch again changes
 * nothing; a partition the store holds less of than the group committed (a rebuilt store) is read again (ADR 0014).
 */
@Component
class PreferencesListener implements NotificationPreferencesEvent.Handler<Decision<PreferencesListener.Versioned>>,
        NotificationPolicyEvent.Handler<Decision<PreferencesListener.Versioned>>, ConsumerSeekAware {

    static final String LISTENER_ID = "notification-preferences";

    /** Preferences or a calendar's policy, at the version of its stream. */
    record Versioned(AlmanacEvent event, long version) {

        void keepIn(NotificationPreferencesStore store) {
            if (event instanceof NotificationPreferencesSet preferences) {
                store.put(preferences, version);
            } else if (event instanceof CalendarNotificationPolicySet policy) {
                store.put(policy, version);
            }
        }
    }

    private final EventCodec codec;
    private final NotificationPreferencesStore store;
    private final EventDecider<Versioned> decider;
    private final ProjectedOffsets offsets;

    PreferencesListener(EventCodec codec, NotificationPreferencesStore store, MongoDatabase database,
                        @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.codec = codec;
        this.store = store;
        this.offsets = new ProjectedOffsets(database, timeout);
        this.decider = EventDecider.of("query-service/notification-preferences", this);
    }

    @Override
    public Decision<Versioned> on(NotificationPreferencesSet event, EventMetadata envelope) {
        return Decision.handle(new Versioned(event, envelope.aggregateVersion()));
    }

    @Override
    public Decision<Versioned> on(CalendarNotificationPolicySet event, EventMetadata envelope) {
        return Decision.handle(new Versioned(event, envelope.aggregateVersion()));
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, batch = "true", groupId = "${spring.kafka.consumer.group-id}-notification-preferences",
            topics = {Topics.NOTIFICATION_PREFERENCES, Topics.NOTIFICATION_POLICIES})
    void on(List<ConsumerRecord<String, byte[]>> records) {
        for (int index = 0; index < records.size(); index++) {
            Decision<Versioned> decision;
            try {
                ReceivedEvent received = codec.fromRecord(records.get(index));
                decision = decider.decide(received);
            } catch (PoisonMessageException poison) {
                offsets.held(records.subList(0, index + 1));
                throw new BatchListenerFailedException(poison.getMessage(), poison, index);
            }
            if (decision instanceof Decision.Handle<Versioned> handle) {
                try {
                    handle.work().keepIn(store);
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("could not keep preferences: " + failure.getMessage(), failure, index);
                }
            }
        }
        offsets.held(records);
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        offsets.rewinds(assignments).forEach((partition, offset) -> callback.seek(partition.topic(), partition.partition(), offset));
    }
}

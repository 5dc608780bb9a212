package dev.almanac.query.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.subscription.CalendarSubscriptionEvent;
import dev.almanac.events.subscription.CalendarSubscriptionIssued;
import dev.almanac.events.subscription.CalendarSubscriptionRevoked;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.projection.ProjectedOffsets;

/**
 * Reads {@value Topics#CALENDAR_SUBSCRIPTIONS} into {@link Subscriptions}, in a group of its own
 * ({@code <group-id>-calendar-subscriptions}), as the notification preferences are read: each write keeps the later
 * version, so reading a batch again changes nothing; a partition the store holds less of than the group committed (a
 * rebuilt store) is read again (ADR 0014). Both event types are applied.
 */
@Component
class SubscriptionListener implements CalendarSubscriptionEvent.Handler<Decision<SubscriptionListener.Keyed>>, ConsumerSeekAware {

    static final String LISTENER_ID = "calendar-subscriptions";

    /** A subscription's state after an event, under the hash of its token. */
    record Keyed(String tokenHash, Subscription subscription) {
    }

    private final EventCodec codec;
    private final Subscriptions store;
    private final EventDecider<Keyed> decider;
    private final ProjectedOffsets offsets;

    SubscriptionListener(EventCodec codec, Subscriptions store, MongoDatabase database,
                         @Value("${almanac.query.projection-write-timeout:30s}") Duration timeout) {
        this.codec = codec;
        this.store = store;
        this.offsets = new ProjectedOffsets(database, timeout);
        this.decider = EventDecider.of("query-service/calendar-subscriptions", this);
    }

    @Override
    public Decision<Keyed> on(CalendarSubscriptionIssued event, EventMetadata envelope) {
        return Decision.handle(new Keyed(event.tokenHash(), new Subscription(event.subscriptionId(), event.calendarId().value(),
                event.userId().value(), false, envelope.aggregateVersion())));
    }

    @Override
    public Decision<Keyed> on(CalendarSubscriptionRevoked event, EventMetadata envelope) {
        // The user is not on the revocation; a revoked subscription serves nothing, so none is needed.
        return Decision.handle(new Keyed(event.tokenHash(), new Subscription(event.subscriptionId(), event.calendarId().value(),
                event.revokedBy().value(), true, envelope.aggregateVersion())));
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, batch = "true", groupId = "${spring.kafka.consumer.group-id}-calendar-subscriptions",
            topics = Topics.CALENDAR_SUBSCRIPTIONS)
    void on(List<ConsumerRecord<String, byte[]>> records) {
        for (int index = 0; index < records.size(); index++) {
            Decision<Keyed> decision;
            try {
                ReceivedEvent received = codec.fromRecord(records.get(index));
                decision = decider.decide(received);
            } catch (PoisonMessageException poison) {
                offsets.held(records.subList(0, index + 1));
                throw new BatchListenerFailedException(poison.getMessage(), poison, index);
            }
            if (decision instanceof Decision.Handle<Keyed> handle) {
                try {
                    store.put(handle.work().tokenHash(), handle.work().subscription());
                } catch (RuntimeException failure) {
                    throw new BatchListenerFailedException("could not keep a subscription: " + failure.getMessage(), failure, index);
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

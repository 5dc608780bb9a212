package dev.almanac.dispatch.deliver;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationPreferencesSet;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.Identifiers;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.DuePunctuation;

/**
 * One task per user partition: keeps each user's preferences, takes each notification once (a ledger of the ids it has
 * seen, restored from its changelog), applies the policies and forwards the deliveries due to the sender, and what the
 * policies decided to {@value Topics#NOTIFICATION_DELIVERIES}. Held and digested notifications wait in a store, released
 * by a wall-clock punctuation armed for the earliest release the store holds (kept in memory, read from the store's first
 * key when the task starts and after each release), not on a fixed tick. Under exactly-once, all of it commits with the
 * input offsets.
 */
final class DeliverProcessor implements Processor<String, byte[], String, byte[]> {

    static final String PREFERENCES = "deliverer-preferences";
    static final String SEEN = "deliverer-seen";
    static final String PENDING = "deliverer-pending";
    static final String OPEN_DIGESTS = "deliverer-open-digests";
    static final String DUE_SINK = "deliveries-due";
    static final String OUTCOME_SINK = "delivery-outcomes";

    private static final Logger log = LoggerFactory.getLogger(DeliverProcessor.class);
    /** A safety net only: the punctuation is armed for the earliest release, and wakes at least this often besides. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    private final EventCodec codec;
    private final Outcomes outcomes;
    private final JsonMapper json = AlmanacJson.eventMapper();
    private final Clock clock;
    private final Duration maxAge;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable KeyValueStore<String, byte[]> preferences;
    private @Nullable KeyValueStore<String, byte[]> seen;
    private @Nullable KeyValueStore<String, byte[]> pending;
    private @Nullable KeyValueStore<String, byte[]> openDigests;
    private @Nullable KeyValueStore<String, byte[]> calendarPolicies;
    private @Nullable DuePunctuation releases;
    private long nextRelease = Long.MAX_VALUE;

    DeliverProcessor(EventCodec codec, Clock clock, Duration maxAge) {
        this.codec = codec;
        this.outcomes = new Outcomes(codec);
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.preferences = context.getStateStore(PREFERENCES);
        this.seen = context.getStateStore(SEEN);
        this.pending = context.getStateStore(PENDING);
        this.openDigests = context.getStateStore(OPEN_DIGESTS);
        this.calendarPolicies = context.getStateStore(CalendarPolicies.STORE);
        this.releases = new DuePunctuation(context, clock, LONGEST_WAIT, this::releaseDue);
        nextRelease = earliestPending();
        releases.armFor(nextReleaseInstant());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = this.context;
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        ReceivedEvent received;
        Decision<AlmanacEvent> decision;
        try {
            received = codec.fromRecord(DeadLetters.consumed(record, origin.topic(), origin.partition(), origin.offset()));
            decision = DeliverDecisions.DECIDER.decide(received);
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, origin.topic(), record, origin, e, log);
            return;
        }
        if (decision instanceof Decision.Handle<AlmanacEvent> handle) {
            // DeliverDecisions hands over these two types only.
            if (handle.work() instanceof NotificationPreferencesSet set) {
                preferences.put(set.userId().value(), json.writeValueAsBytes(set));
            } else if (handle.work() instanceof NotificationRaised raised) {
                notified(raised, Instant.ofEpochMilli(record.timestamp()));
            }
        }
    }

    private void notified(NotificationRaised notification, Instant published) {
        String id = notification.notificationId().value();
        if (seen.get(id) != null) {
            return;
        }
        Instant now = clock.instant();
        seen.put(id, ByteBuffer.allocate(Long.BYTES).putLong(now.toEpochMilli()).array());
        if (published.isBefore(now.minus(maxAge))) {
            return;
        }
        NotificationPreferencesSet set = preferencesOf(notification.recipient().value());
        DeliveryPlan plan = DeliveryPlan.of(set, CalendarPolicies.of(calendarPolicies, notification.calendarId()), notification, now);
        if (plan.suppressedBy() != null) {
            outcome(outcomes.record(notification, DeliveryOutcome.SUPPRESSED, null, null, plan.suppressedBy(), null, null, 0, null, now));
            return;
        }
        for (DeliveryChannel channel : plan.channels()) {
            route(notification, channel, plan, set.digestWindowMinutes(), now);
        }
    }

    private void route(NotificationRaised notification, DeliveryChannel channel, DeliveryPlan plan, int digestMinutes, Instant now) {
        String deliveryId = Delivery.idOf(notification.notificationId().value(), channel);
        Instant heldUntil = plan.heldUntil();
        if (heldUntil != null) {
            outcome(outcomes.record(notification, DeliveryOutcome.HELD, deliveryId, channel, plan.quietPolicy(), heldUntil, null, 0, null, now));
        }
        if (digestMinutes > 0) {
            String bucket = String.join("|", notification.recipient().value(), channel.name(), notification.kind().name());
            byte[] openKey = openDigests.get(bucket);
            if (openKey != null) {
                String key = new String(openKey, java.nio.charset.StandardCharsets.UTF_8);
                Pending open = read(pending.get(key));
                if (open != null) {
                    pending.put(key, json.writeValueAsBytes(open.with(notification)));
                    return;
                }
            }
            Instant windowEnd = now.plus(Duration.ofMinutes(digestMinutes));
            Instant release = heldUntil != null && heldUntil.isAfter(windowEnd) ? heldUntil : windowEnd;
            String digestId = Identifiers.derive("notification-digest", notification.notificationId().value(), channel.name());
            Pending digest = new Pending(bucket, notification.recipient(), channel, digestId, plan.quietPolicy(), release.toEpochMilli(),
                    heldUntil != null ? List.of(notification) : List.of());
            hold(digest);
            openDigests.put(bucket, digest.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (heldUntil != null) {
                return;
            }
        } else if (heldUntil != null) {
            Pending held = new Pending(deliveryId, notification.recipient(), channel, null, plan.quietPolicy(), heldUntil.toEpochMilli(),
                    List.of(notification));
            hold(held);
            return;
        }
        due(notification.recipient().value(), channel, deliveryId, null, List.of(notification), now);
    }

    private void hold(Pending waiting) {
        pending.put(waiting.key(), json.writeValueAsBytes(waiting));
        if (waiting.releaseAt() < nextRelease) {
            nextRelease = waiting.releaseAt();
            releases.armFor(nextReleaseInstant());
        }
    }

    private void releaseDue() {
        release(clock.instant());
        nextRelease = earliestPending();
        releases.armFor(nextReleaseInstant());
    }

    /** The release time of the store's first key, the earliest since keys begin with it; {@link Long#MAX_VALUE} when none waits. */
    private long earliestPending() {
        try (KeyValueIterator<String, byte[]> entries = pending.all()) {
            return entries.hasNext() ? Pending.releaseAtOf(entries.peekNextKey()) : Long.MAX_VALUE;
        }
    }

    private @Nullable Instant nextReleaseInstant() {
        return nextRelease == Long.MAX_VALUE ? null : Instant.ofEpochMilli(nextRelease);
    }

    /** Sends what waited and is due: held notifications one by one, a digest's as one message (one alone as itself). */
    private void release(Instant now) {
        List<KeyValue<String, byte[]>> dueNow = new ArrayList<>();
        String upTo = Pending.keyOf(now.toEpochMilli(), "\uffff");
        try (KeyValueIterator<String, byte[]> entries = pending.range(null, upTo)) {
            entries.forEachRemaining(dueNow::add);
        }
        for (KeyValue<String, byte[]> entry : dueNow) {
            pending.delete(entry.key);
            Pending waiting = read(entry.value);
            if (waiting == null) {
                continue;
            }
            if (waiting.digestId() != null) {
                byte[] open = openDigests.get(waiting.bucket());
                if (open != null && entry.key.equals(new String(open, java.nio.charset.StandardCharsets.UTF_8))) {
                    openDigests.delete(waiting.bucket());
                }
            }
            String recipient = waiting.recipient().value();
            if (waiting.members().size() == 1 || waiting.digestId() == null) {
                for (NotificationRaised member : waiting.members()) {
                    due(recipient, waiting.channel(), Delivery.idOf(member.notificationId().value(), waiting.channel()), null,
                            List.of(member), now);
                }
            } else if (!waiting.members().isEmpty()) {
                String deliveryId = Delivery.idOf(waiting.digestId(), waiting.channel());
                for (NotificationRaised member : waiting.members()) {
                    outcome(outcomes.record(member, DeliveryOutcome.DIGESTED, deliveryId, waiting.channel(), "digest", null, waiting.digestId(),
                            0, null, now));
                }
                due(recipient, waiting.channel(), deliveryId, waiting.digestId(), waiting.members(), now);
            }
        }
    }

    private void due(String recipient, DeliveryChannel channel, String deliveryId, @Nullable String digestId,
                     List<NotificationRaised> notifications, Instant now) {
        NotificationPreferencesSet set = preferencesOf(recipient);
        if (set == null) {
            return;
        }
        Delivery delivery = new Delivery(deliveryId, notifications.get(0).recipient(), channel,
                channel == DeliveryChannel.EMAIL ? set.email() : null, channel == DeliveryChannel.WEBHOOK ? set.webhook() : null, digestId,
                notifications);
        if (delivery.email() == null && delivery.webhook() == null) {
            return;
        }
        context.forward(new Record<>(recipient, json.writeValueAsBytes(delivery), now.toEpochMilli()), DUE_SINK);
    }

    private void outcome(ProducerRecord<String, byte[]> line) {
        context.forward(new Record<>(line.key(), line.value(), clock.millis(), line.headers()), OUTCOME_SINK);
    }

    private @Nullable NotificationPreferencesSet preferencesOf(String user) {
        byte[] stored = preferences.get(user);
        return stored == null ? null : json.readValue(stored, NotificationPreferencesSet.class);
    }

    private @Nullable Pending read(byte @Nullable [] stored) {
        return stored == null ? null : json.readValue(stored, Pending.class);
    }
}

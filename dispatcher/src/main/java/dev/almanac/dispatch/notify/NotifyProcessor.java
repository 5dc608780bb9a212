package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.consumer.EventDecider;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * One task per calendar partition: keeps the partition's {@link Directory} and raises the notifications its facts
 * imply, on {@value Topics#NOTIFICATIONS}, keyed by recipient. Under exactly-once, the notifications, the directory's
 * changelog and the input offsets commit together, so a restart neither loses nor repeats one.
 *
 * <p>Of the items' events only two are decoded: an {@code ItemScheduled}, for its scheduler (its {@code almanac_actor}),
 * title and the users its metadata names, and an {@code ItemRescheduled}, which tells those people of the move when it
 * was made with {@code notify} (ADR 0079). An item event that does not decode is only logged: nothing of the items is
 * worth a dead letter here, since the item's own readers set it aside.
 */
final class NotifyProcessor implements Processor<String, byte[], String, byte[]> {

    static final String SINK = "notifications";

    private static final Logger log = LoggerFactory.getLogger(NotifyProcessor.class);
    private static final String ITEM_SCHEDULED = EventCatalog.of(ItemScheduled.class).ceType();
    private static final String ITEM_RESCHEDULED = EventCatalog.of(ItemRescheduled.class).ceType();
    private static final String ITEM_UPDATED = EventCatalog.of(ItemUpdated.class).ceType();

    private final EventCodec codec;
    private final Notices notices;
    private final EventDecider<Notices.Work> decider;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable Directory directory;

    NotifyProcessor(EventCodec codec, Clock clock, Duration maxAge, boolean multiTenant) {
        this.codec = codec;
        this.notices = new Notices(clock, maxAge, multiTenant);
        this.decider = EventDecider.of("dispatcher/notifier", notices);
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> store = context.getStateStore(StoredDirectory.STORE);
        this.directory = new StoredDirectory(store);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = this.context;
        Directory directory = this.directory;
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        String topic = origin.topic();
        if (topic.equals(Topics.SCHEDULE)) {
            String type = header(record.headers(), CloudEventHeaders.TYPE);
            String item = header(record.headers(), CloudEventHeaders.SUBJECT);
            String actor = header(record.headers(), CloudEventHeaders.ACTOR);
            if (ITEM_SCHEDULED.equals(type) && item != null && actor != null) {
                directory.itemScheduler(item, actor);
                ReceivedEvent received = itemEvent(record, origin);
                if (received != null && received.event() instanceof ItemScheduled scheduled) {
                    directory.item(item, ItemContact.of(scheduled));
                }
            } else if (ITEM_UPDATED.equals(type) && item != null) {
                ItemContact known = directory.item(item);
                ReceivedEvent received = known == null ? null : itemEvent(record, origin);
                if (received != null && received.event() instanceof ItemUpdated updated) {
                    directory.item(item, known.updatedTo(updated.current()));
                }
            } else if (ITEM_RESCHEDULED.equals(type)) {
                ReceivedEvent received = itemEvent(record, origin);
                if (received != null && received.event() instanceof ItemRescheduled moved && moved.notifies()) {
                    forward(notices.rescheduled(moved, received.metadata()).apply(directory), received, record);
                }
            }
            return;
        }
        String publicTopic = topic;
        if (topic.equals(NotifierTopics.RULE_CONTACTS)) {
            publicTopic = Topics.RULES;
            String contact = header(record.headers(), NotifierTopics.KIND_HEADER);
            if (NotifierTopics.CONTACT.equals(contact)) {
                directory.rule(RuleContact.fromJson(record.value()));
                return;
            }
            Header attached = record.headers().lastHeader(NotifierTopics.CONTACT_HEADER);
            if (attached != null) {
                directory.rule(RuleContact.fromJson(attached.value()));
            }
        }
        ReceivedEvent received;
        Decision<Notices.Work> decision;
        try {
            received = codec.fromRecord(DeadLetters.consumed(record, publicTopic, origin.partition(), origin.offset()));
            decision = decider.decide(received);
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, publicTopic, record, origin, e, log);
            return;
        }
        if (decision instanceof Decision.Handle<Notices.Work> handle) {
            forward(handle.work().apply(directory), received, record);
        }
    }

    private void forward(List<NotificationRaised> notifications, ReceivedEvent fact, Record<String, byte[]> record) {
        for (NotificationRaised raised : notifications) {
            ProducerRecord<String, byte[]> out = codec.toRecord(NotificationEnvelopes.of(raised, fact.metadata()), raised);
            context.forward(new Record<>(out.key(), out.value(), record.timestamp(), out.headers()), SINK);
        }
    }

    private @Nullable ReceivedEvent itemEvent(Record<String, byte[]> record, RecordMetadata origin) {
        try {
            return codec.fromRecord(DeadLetters.consumed(record, Topics.SCHEDULE, origin.partition(), origin.offset()));
        } catch (PoisonMessageException e) {
            log.warn("Item event at {}-{}@{} does not decode; the notifier passes it by: {}", origin.topic(), origin.partition(),
                    origin.offset(), e.getMessage());
            return null;
        }
    }

    private static @Nullable String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

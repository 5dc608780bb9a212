package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

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
import dev.almanac.events.schedule.ItemScheduled;
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
 * <p>Items are read from their headers alone: an {@code ItemScheduled} names its item ({@code ce_subject}) and who
 * scheduled it ({@code almanac_actor}), which is all the notifier keeps of items; no other item event concerns it, so
 * none is decoded.
 */
final class NotifyProcessor implements Processor<String, byte[], String, byte[]> {

    static final String SINK = "notifications";

    private static final Logger log = LoggerFactory.getLogger(NotifyProcessor.class);
    private static final String ITEM_SCHEDULED = EventCatalog.of(ItemScheduled.class).ceType();

    private final EventCodec codec;
    private final EventDecider<Notices.Work> decider;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable Directory directory;

    NotifyProcessor(EventCodec codec, Clock clock, Duration maxAge) {
        this.codec = codec;
        this.decider = EventDecider.of("dispatcher/notifier", new Notices(clock, maxAge));
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
            for (NotificationRaised raised : handle.work().apply(directory)) {
                ProducerRecord<String, byte[]> out = codec.toRecord(NotificationEnvelopes.of(raised, received.metadata()), raised);
                context.forward(new Record<>(out.key(), out.value(), record.timestamp(), out.headers()), SINK);
            }
        }
    }

    private static @Nullable String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package dev.almanac.dispatch.notify;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Reads the rules topic, keyed by rule id, and keeps each rule's contact ({@value #STORE}): a creation or an update
 * sends the contact to the rule's calendar, and a change proposal goes there with the contact attached, on
 * {@value NotifierTopics#RULE_CONTACTS}, where the task that knows the calendar's managers notifies. Only those three
 * types are decoded, told apart by their {@code ce_type} header; nothing else of a rule concerns anyone.
 */
final class RuleContacts implements Processor<String, byte[], String, byte[]> {

    static final String STORE = "notifier-rule-contacts";
    static final String SINK = "rule-contacts";

    private static final Logger log = LoggerFactory.getLogger(RuleContacts.class);
    private static final Set<String> READ = Set.of(EventCatalog.of(RuleCreated.class).ceType(), EventCatalog.of(RuleUpdated.class).ceType(),
            EventCatalog.of(RuleChangeProposed.class).ceType());

    private final EventCodec codec;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable KeyValueStore<Bytes, byte[]> store;

    RuleContacts(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        ProcessorContext<String, byte[]> context = this.context;
        KeyValueStore<Bytes, byte[]> store = this.store;
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null || !READ.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return;
        }
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        ReceivedEvent received;
        try {
            received = codec.fromRecord(DeadLetters.consumed(record, origin.topic(), origin.partition(), origin.offset()));
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, Topics.RULES, record, origin, e, log);
            return;
        }
        if (received.event() instanceof RuleCreated created) {
            remember(context, store, record, new RuleContact(created.ruleId().value(), created.name(), created.calendarId().value(),
                    received.metadata().actor(), created.metadata().owner(), created.metadata().keptPrivate()));
        } else if (received.event() instanceof RuleUpdated updated) {
            RuleContact before = contact(store, updated.ruleId().value());
            remember(context, store, record, new RuleContact(updated.ruleId().value(), updated.name(), updated.calendarId().value(),
                    before == null ? null : before.creator(), updated.metadata().owner(), updated.metadata().keptPrivate()));
        } else if (received.event() instanceof RuleChangeProposed proposed) {
            RuleContact contact = contact(store, proposed.ruleId().value());
            if (contact == null) {
                log.warn("Change request {} proposes a change to rule {}, whose creation was never read; nobody is told",
                        proposed.changeRequestId(), proposed.ruleId());
                return;
            }
            RecordHeaders headers = new RecordHeaders(record.headers().toArray());
            headers.add(NotifierTopics.KIND_HEADER, NotifierTopics.PROPOSAL.getBytes(StandardCharsets.UTF_8));
            headers.add(NotifierTopics.CONTACT_HEADER, contact.toJson());
            context.forward(new Record<>(contact.calendarId(), record.value(), record.timestamp(), headers), SINK);
        }
    }

    private void remember(ProcessorContext<String, byte[]> context, KeyValueStore<Bytes, byte[]> store, Record<String, byte[]> record,
                          RuleContact contact) {
        store.put(key(contact.ruleId()), contact.toJson());
        RecordHeaders headers = new RecordHeaders();
        headers.add(NotifierTopics.KIND_HEADER, NotifierTopics.CONTACT.getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(contact.calendarId(), contact.toJson(), record.timestamp(), headers), SINK);
    }

    private static @Nullable RuleContact contact(KeyValueStore<Bytes, byte[]> store, String ruleId) {
        byte[] stored = store.get(key(ruleId));
        return stored == null ? null : RuleContact.fromJson(stored);
    }

    private static Bytes key(String ruleId) {
        return Bytes.wrap(ruleId.getBytes(StandardCharsets.UTF_8));
    }
}

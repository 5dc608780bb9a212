package dev.almanac.dispatch.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
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

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.dispatch.store.RecordBytes;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleRunRequested;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * Routes the rules topic, keyed by rule id, to {@value RoutedTopics#RULES_BY_CALENDAR}, keyed by calendar: each event
 * goes to every calendar the rule has had, so that the task of each holds the rule whole. When a creation or an update
 * names a calendar the rule has not had, the rule's history goes there first, from its creation, then the event. A
 * change request's events are not routed: nothing of them is dispatched. It keeps, in {@value #STORE}, each rule's
 * calendars and events (as they came), and routes an event it has already routed once only; a run now is routed to
 * the rule's calendars and not kept (the dispatcher runs it once).
 */
public final class RuleRouter implements Processor<String, byte[], String, byte[]> {

    public static final String STORE = "dispatcher-router";
    /** The sink of the routed events; named, since the processor's other child is the dead-letter sink. */
    public static final String SINK = "rules-by-calendar";

    private static final Logger log = LoggerFactory.getLogger(RuleRouter.class);
    private static final byte CALENDARS = 'c';
    private static final byte EVENT = 'e';

    private final EventCodec codec;
    private @Nullable ProcessorContext<String, byte[]> context;
    private @Nullable KeyValueStore<Bytes, byte[]> store;

    public RuleRouter(EventCodec codec) {
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
        RecordMetadata origin = context.recordMetadata().orElseThrow();
        ReceivedEvent received;
        try {
            received = codec.fromRecord(DeadLetters.consumed(record, origin.topic(), origin.partition(), origin.offset()));
        } catch (PoisonMessageException e) {
            DeadLetters.setAside(context, Topics.RULES, record, origin, e, log);
            return;
        }
        if (!(received.event() instanceof RuleEvent event) || !event.subject().equals(event.partitionKey())) {
            return;
        }
        String ruleId = event.partitionKey();
        if (event instanceof RuleRunRequested) {
            // Nothing of the rule changes, so it is no part of the history a new calendar gets; and someone waits for
            // the run, so the transaction that routes it commits now rather than at the interval.
            for (String calendar : calendars(ruleId)) {
                context.forward(record.withKey(calendar), SINK);
            }
            context.commit();
            return;
        }
        Bytes eventKey = key(EVENT, ruleId, received.version());
        if (store.get(eventKey) != null) {
            return;
        }
        List<String> calendars = calendars(ruleId);
        CalendarId named = namedCalendar(event);
        if (named != null && !calendars.contains(named.value())) {
            try (KeyValueIterator<Bytes, byte[]> history = store.prefixScan(prefix(ruleId), new BytesSerializer())) {
                while (history.hasNext()) {
                    KeyValue<Bytes, byte[]> stored = history.next();
                    if (stored.key.get()[0] == EVENT) {
                        var earlier = RecordBytes.decode(Topics.RULES, ruleId, stored.value);
                        context.forward(new Record<>(named.value(), earlier.value(), record.timestamp(), earlier.headers()), SINK);
                    }
                }
            }
            calendars.add(named.value());
            store.put(key(CALENDARS, ruleId, -1), String.join("\n", calendars).getBytes(StandardCharsets.UTF_8));
        }
        store.put(eventKey, RecordBytes.encode(record.headers(), record.value()));
        for (String calendar : calendars) {
            context.forward(record.withKey(calendar), SINK);
        }
    }

    private List<String> calendars(String ruleId) {
        byte[] stored = store.get(key(CALENDARS, ruleId, -1));
        List<String> calendars = new ArrayList<>();
        if (stored != null) {
            calendars.addAll(List.of(new String(stored, StandardCharsets.UTF_8).split("\n")));
        }
        return calendars;
    }

    private static @Nullable CalendarId namedCalendar(RuleEvent event) {
        if (event instanceof RuleCreated created) {
            return created.calendarId();
        }
        return event instanceof RuleUpdated updated ? updated.calendarId() : null;
    }

    /** The events of a rule sort under the prefix {@code e<rule id>\0}, by version; its calendars are under {@code c}. */
    private static Bytes prefix(String ruleId) {
        byte[] id = ruleId.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = new byte[id.length + 2];
        prefix[0] = EVENT;
        System.arraycopy(id, 0, prefix, 1, id.length);
        return Bytes.wrap(prefix);
    }

    private static Bytes key(byte kind, String ruleId, long version) {
        byte[] id = ruleId.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[id.length + 2 + (version >= 0 ? Long.BYTES : 0)];
        key[0] = kind;
        System.arraycopy(id, 0, key, 1, id.length);
        if (version >= 0) {
            for (int i = 0; i < Long.BYTES; i++) {
                key[id.length + 2 + i] = (byte) (version >>> (8 * (Long.BYTES - 1 - i)));
            }
        }
        return Bytes.wrap(key);
    }
}

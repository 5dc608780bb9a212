package dev.almanac.dispatch.store;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.dispatch.due.DispatchSettings;
import dev.almanac.dispatch.due.ItemReminders;
import dev.almanac.dispatch.due.PartitionDispatch;
import dev.almanac.dispatch.due.PendingRun;
import dev.almanac.dispatch.due.TrackedRun;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * One partition's dispatch state in two stores, each backed by a changelog topic: {@value #RULES} keeps every event
 * of the rules routed to the partition (with the calendar it came for), from which the timelines are folded again on
 * restore; {@value #STATE} keeps the watermark, where dispatch began, the guards, the pending runs, the runs done, the
 * occurrences whose rules' options are enforced, each rule's buffered occurrence, the items with reminders and the
 * reminders sent (ADR 0079).
 * Written in the task's transaction, so the state that says an event was published commits with the event.
 */
public final class PartitionStore {

    public static final String RULES = "dispatcher-rules";
    public static final String STATE = "dispatcher-state";
    public static final List<String> ALL = List.of(RULES, STATE);

    private static final Logger log = LoggerFactory.getLogger(PartitionStore.class);
    private static final JsonMapper JSON = AlmanacJson.eventMapper();
    private static final byte EVENT = 'e';
    private static final byte WATERMARK = 'w';
    private static final byte BEGAN = 'b';
    private static final byte GUARD = 'g';
    private static final byte PENDING = 'p';
    private static final byte DONE = 'd';
    private static final byte TRACKED = 't';
    private static final byte BUFFERED = 'u';
    private static final byte ITEM_REMINDERS = 'r';

    private final KeyValueStore<Bytes, byte[]> rules;
    private final KeyValueStore<Bytes, byte[]> state;

    public PartitionStore(KeyValueStore<Bytes, byte[]> rules, KeyValueStore<Bytes, byte[]> state) {
        this.rules = rules;
        this.state = state;
    }

    /**
     * The partition as the stores hold it: the rules folded from their events in version order, the watermark, guards,
     * pending runs and runs done. A partition with no watermark yet begins at {@code now}.
     */
    public PartitionDispatch restore(DispatchSettings settings, EventCodec codec, Instant now) {
        byte[] watermark = state.get(StoreKeys.of(WATERMARK));
        byte[] began = state.get(StoreKeys.of(BEGAN));
        Instant startedAt = watermark == null ? now : Instant.ofEpochMilli(StoreKeys.millis(watermark));
        Instant beganAt = began == null ? startedAt : Instant.ofEpochMilli(StoreKeys.millis(began));
        if (watermark == null) {
            watermark(startedAt);
            state.put(StoreKeys.of(BEGAN), StoreKeys.millis(beganAt.toEpochMilli()));
        }
        PartitionDispatch partition = new PartitionDispatch(settings, startedAt, beganAt);
        try (KeyValueIterator<Bytes, byte[]> events = rules.all()) {
            while (events.hasNext()) {
                KeyValue<Bytes, byte[]> stored = events.next();
                String[] texts = StoreKeys.texts(stored.key, 2);
                restoreRule(partition, codec, CalendarId.of(texts[1]), texts[0], stored.value);
            }
        }
        try (KeyValueIterator<Bytes, byte[]> entries = state.all()) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                switch (StoreKeys.kind(entry.key)) {
                    case GUARD -> partition.restoreGuard(OccurrenceId.of(StoreKeys.texts(entry.key, 1)[0]),
                            Instant.ofEpochMilli(StoreKeys.millis(entry.value)));
                    case PENDING -> partition.restorePending(JSON.readValue(entry.value, PendingRun.class));
                    case DONE -> partition.restoreDone(StoreKeys.texts(entry.key, 1)[0], Instant.ofEpochMilli(StoreKeys.millis(entry.value)));
                    case TRACKED -> partition.restoreTracked(JSON.readValue(entry.value, TrackedRun.class));
                    case BUFFERED -> partition.restoreBuffered(JSON.readValue(entry.value, PendingRun.class));
                    case ITEM_REMINDERS -> partition.restoreItemReminders(JSON.readValue(entry.value, ItemReminders.class));
                    default -> {
                        // The watermark and where dispatch began, read above.
                    }
                }
            }
        }
        partition.restored();
        return partition;
    }

    private static void restoreRule(PartitionDispatch partition, EventCodec codec, CalendarId routedTo, String ruleId, byte[] stored) {
        ConsumerRecord<String, byte[]> record = RecordBytes.decode(Topics.RULES, ruleId, stored);
        try {
            ReceivedEvent received = codec.fromRecord(record);
            if (received.event() instanceof RuleEvent event) {
                partition.restoreRule(routedTo, event, received.metadata());
            }
        } catch (PoisonMessageException e) {
            // Only events the codec read when they arrived are kept; one it cannot read now was written by a newer release.
            log.warn("A stored event of rule {} can no longer be read and is left out: {}", ruleId, e.getMessage());
        }
    }

    /**
     * Keeps an event of {@code ruleId} routed here for {@code routedTo}, as it came: headers and value. Keys sort by rule,
     * calendar and version; the router sends each calendar every event from the rule's creation on, so folding one
     * calendar's events after another's gives the same rule.
     */
    public void putRuleEvent(RuleId ruleId, long version, CalendarId routedTo, byte[] recordBytes) {
        rules.put(StoreKeys.of(EVENT, version, ruleId.value(), routedTo.value()), recordBytes);
    }

    public void watermark(Instant watermark) {
        state.put(StoreKeys.of(WATERMARK), StoreKeys.millis(watermark.toEpochMilli()));
    }

    public void guard(OccurrenceId occurrenceId, Instant expires) {
        state.put(StoreKeys.of(GUARD, occurrenceId.value()), StoreKeys.millis(expires.toEpochMilli()));
    }

    public void unguard(OccurrenceId occurrenceId) {
        state.delete(StoreKeys.of(GUARD, occurrenceId.value()));
    }

    public void pending(PendingRun run) {
        state.put(StoreKeys.of(PENDING, run.key()), JSON.writeValueAsBytes(run));
    }

    public void settled(PendingRun run, Instant expires) {
        state.delete(StoreKeys.of(PENDING, run.key()));
        state.put(StoreKeys.of(DONE, run.key()), StoreKeys.millis(expires.toEpochMilli()));
    }

    public void forget(String runKey) {
        state.delete(StoreKeys.of(DONE, runKey));
    }

    public void track(TrackedRun run) {
        state.put(StoreKeys.of(TRACKED, run.run().occurrenceId().value()), JSON.writeValueAsBytes(run));
    }

    public void untrack(OccurrenceId occurrenceId) {
        state.delete(StoreKeys.of(TRACKED, occurrenceId.value()));
    }

    public void buffer(PendingRun run) {
        state.put(StoreKeys.of(BUFFERED, run.ruleId().value()), JSON.writeValueAsBytes(run));
    }

    public void unbuffer(RuleId ruleId) {
        state.delete(StoreKeys.of(BUFFERED, ruleId.value()));
    }

    public void itemReminders(ItemReminders item) {
        state.put(StoreKeys.of(ITEM_REMINDERS, item.itemId().value()), JSON.writeValueAsBytes(item));
    }

    public void noItemReminders(ItemId itemId) {
        state.delete(StoreKeys.of(ITEM_REMINDERS, itemId.value()));
    }

    /** A reminder sent for one start, kept as a run done is, until it expires. */
    public void reminded(String key, Instant expires) {
        state.put(StoreKeys.of(DONE, key), StoreKeys.millis(expires.toEpochMilli()));
    }

    /** How many rule events the partition keeps; for tests and the restore log. */
    public long ruleEvents() {
        long count = 0;
        try (KeyValueIterator<Bytes, byte[]> events = rules.all()) {
            while (events.hasNext()) {
                events.next();
                count++;
            }
        }
        return count;
    }
}

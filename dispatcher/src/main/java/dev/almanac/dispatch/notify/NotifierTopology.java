package dev.almanac.dispatch.notify;

import static dev.almanac.platform.streams.RecordContextProcessors.inRecordContext;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.almanac.dispatch.deadletter.DeadLetters;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.EventCodec;

/**
 * The notifier's two sub-topologies. The rules, keyed by rule id, give each rule's contact and change proposals, sent
 * to the rule's calendar; the calendar-keyed facts and those feed one notify task per partition, which publishes on
 * {@value Topics#NOTIFICATIONS}. Every task runs under exactly-once.
 *
 * <pre>
 * almanac.rules.v1 -&gt; rules -&gt; rule-contacts -&gt; almanac-notifier.rule-contacts
 * calendars, schedule, runs, missed-runs, conflicts, dispatch, rule-contacts -&gt; facts -&gt; notify -&gt; almanac.notifications.v1
 * </pre>
 */
public final class NotifierTopology {

    /** The topics one notify task reads together: a calendar must be on the same partition of each. */
    public static final List<String> COPARTITIONED = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RUNS, Topics.MISSED_RUNS,
            Topics.CONFLICTS, Topics.DISPATCH, NotifierTopics.RULE_CONTACTS);

    static final String RULES_SOURCE = "rules";
    static final String CONTACTS = "rule-contacts-router";
    static final String FACTS_SOURCE = "facts";
    static final String NOTIFY = "notify";

    private NotifierTopology() {
    }

    /** @param maxAge a fact older than this by {@code clock} when read raises no notification (it still updates the directory) */
    public static Topology build(EventCodec codec, Clock clock, Duration maxAge) {
        return build(codec, clock, maxAge, false);
    }

    /** @param multiTenant whether a notification reaches only recipients of its calendar's tenant (ADR 0102) */
    public static Topology build(EventCodec codec, Clock clock, Duration maxAge, boolean multiTenant) {
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), RULES_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), Topics.RULES);
        topology.addProcessor(CONTACTS, inRecordContext(new ContactsSupplier(codec)), RULES_SOURCE);
        topology.addSink(RuleContacts.SINK, NotifierTopics.RULE_CONTACTS, new StringSerializer(), new ByteArraySerializer(), CONTACTS);

        topology.addSource(AutoOffsetReset.earliest(), FACTS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), COPARTITIONED.toArray(String[]::new));
        topology.addProcessor(NOTIFY, inRecordContext(new NotifySupplier(codec, clock, maxAge, multiTenant)), FACTS_SOURCE);
        topology.addSink(NotifyProcessor.SINK, Topics.NOTIFICATIONS, new StringSerializer(), new ByteArraySerializer(), NOTIFY);

        topology.addSink(DeadLetters.sink(Topics.RULES), Topics.deadLetter(Topics.RULES), new StringSerializer(), new ByteArraySerializer(),
                CONTACTS, NOTIFY);
        for (String topic : deadLettered()) {
            topology.addSink(DeadLetters.sink(topic), Topics.deadLetter(topic), new StringSerializer(), new ByteArraySerializer(), NOTIFY);
        }
        return topology;
    }

    /** The public topics whose poison the notify task sets aside, besides the rules. */
    static List<String> deadLettered() {
        return List.of(Topics.CALENDARS, Topics.RUNS, Topics.MISSED_RUNS, Topics.CONFLICTS, Topics.DISPATCH);
    }

    /** Every topic the topology reads and writes: it starts once they all exist. */
    public static List<String> topics() {
        List<String> topics = new java.util.ArrayList<>(COPARTITIONED);
        topics.add(Topics.RULES);
        topics.add(Topics.NOTIFICATIONS);
        topics.add(Topics.deadLetter(Topics.RULES));
        deadLettered().forEach(topic -> topics.add(Topics.deadLetter(topic)));
        return List.copyOf(topics);
    }

    /** A persistent RocksDB store of byte keys and values, backed by a compacted changelog topic; no record cache. */
    private static StoreBuilder<?> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    private record ContactsSupplier(EventCodec codec) implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new RuleContacts(codec);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(RuleContacts.STORE));
        }
    }

    private record NotifySupplier(EventCodec codec, Clock clock, Duration maxAge, boolean multiTenant) implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new NotifyProcessor(codec, clock, maxAge, multiTenant);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(StoredDirectory.STORE));
        }
    }
}

package dev.almanac.dispatch.deliver;

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
 * The deliverer's stream: a user's notifications and preferences, co-partitioned by user id, into one deliver task.
 *
 * <pre>
 * almanac.notifications.v1, almanac.notification-preferences.v1 -&gt; deliver -&gt; almanac-deliverer.deliveries-due (to the sender)
 *                                                                        -&gt; almanac.notification-deliveries.v1 (suppressed, held, digested)
 * almanac.notification-policies.v1 -&gt; a global store every deliver task reads
 * </pre>
 */
public final class DelivererTopology {

    /** The topics one deliver task reads together: a user must be on the same partition of each. */
    public static final List<String> COPARTITIONED = List.of(Topics.NOTIFICATIONS, Topics.NOTIFICATION_PREFERENCES);

    private static final String SOURCE = "notifications-and-preferences";
    private static final String DELIVER = "deliver";
    private static final String POLICIES = "calendar-policies";

    private DelivererTopology() {
    }

    /** @param maxAge a notification older than this when read is taken as seen and not sent: a first start reads the topic from its start */
    public static Topology build(EventCodec codec, Clock clock, Duration maxAge) {
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), COPARTITIONED.toArray(String[]::new));
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CalendarPolicies.STORE), Serdes.String(),
                        Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled(), POLICIES, new StringDeserializer(),
                new ByteArrayDeserializer(), Topics.NOTIFICATION_POLICIES, POLICIES + "-keeper", CalendarPolicies.Keeper::new);
        topology.addProcessor(DELIVER, inRecordContext(new DeliverSupplier(codec, clock, maxAge)), SOURCE);
        topology.addSink(DeliverProcessor.DUE_SINK, DeliverTopics.DUE, new StringSerializer(), new ByteArraySerializer(), DELIVER);
        topology.addSink(DeliverProcessor.OUTCOME_SINK, Topics.NOTIFICATION_DELIVERIES, new StringSerializer(), new ByteArraySerializer(),
                DELIVER);
        for (String topic : COPARTITIONED) {
            topology.addSink(DeadLetters.sink(topic), Topics.deadLetter(topic), new StringSerializer(), new ByteArraySerializer(), DELIVER);
        }
        return topology;
    }

    /** Every topic the topology reads and writes: it starts once they all exist. */
    public static List<String> topics() {
        return List.of(Topics.NOTIFICATIONS, Topics.NOTIFICATION_PREFERENCES, Topics.NOTIFICATION_POLICIES, DeliverTopics.DUE,
                Topics.NOTIFICATION_DELIVERIES,
                Topics.deadLetter(Topics.NOTIFICATIONS), Topics.deadLetter(Topics.NOTIFICATION_PREFERENCES));
    }

    private static StoreBuilder<?> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    private record DeliverSupplier(EventCodec codec, Clock clock, Duration maxAge) implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new DeliverProcessor(codec, clock, maxAge);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(DeliverProcessor.PREFERENCES), store(DeliverProcessor.SEEN), store(DeliverProcessor.PENDING),
                    store(DeliverProcessor.OPEN_DIGESTS));
        }
    }
}

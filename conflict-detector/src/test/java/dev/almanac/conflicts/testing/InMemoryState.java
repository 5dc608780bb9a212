package dev.almanac.conflicts.testing;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.almanac.conflicts.intake.PartitionState;
import dev.almanac.conflicts.rule.RuleOccurrenceCache;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;

/**
 * A partition's state over Kafka Streams' in-memory key-value stores, which order keys as
 * RocksDB does (unsigned bytes): the stores and the tracker without a broker or a topology.
 */
public final class InMemoryState {

    private InMemoryState() {
    }

    public static PartitionState fresh() {
        return new Stores().state();
    }

    /** One partition's stores, over which states can be made again: each with a cache of its own, as after a restart. */
    public static final class Stores {

        private final Map<String, KeyValueStore<Bytes, byte[]>> stores = new HashMap<>();

        public Stores() {
            MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
            for (String name : PartitionState.STORES) {
                KeyValueStore<Bytes, byte[]> store = org.apache.kafka.streams.state.Stores.keyValueStoreBuilder(
                                org.apache.kafka.streams.state.Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                        .withLoggingDisabled()
                        .build();
                store.init(context.getStateStoreContext(), store);
                stores.put(name, store);
            }
        }

        /** A state over these stores with an empty rule cache, which it fills from the stores as it is asked. */
        public PartitionState state() {
            return PartitionState.over(stores::get, RuleOccurrenceCache.standalone(), new EventCodec(AlmanacJson.eventMapper()));
        }
    }
}

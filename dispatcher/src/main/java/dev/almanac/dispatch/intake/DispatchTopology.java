package dev.almanac.dispatch.intake;

import static dev.almanac.platform.streams.RecordContextProcessors.inRecordContext;

import java.time.Clock;
import java.time.Duration;
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
import dev.almanac.dispatch.due.DispatchSettings;
import dev.almanac.dispatch.routing.CatchUpRuns;
import dev.almanac.dispatch.routing.RoutedTopics;
import dev.almanac.dispatch.routing.RuleRouter;
import dev.almanac.dispatch.store.PartitionStore;
import dev.almanac.dispatch.wakeup.Wakeups;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Three sub-topologies. The rules topic, keyed by rule id, is routed by calendar; the missed runs are filtered down
 * to the catch-up runs; and the routed rules, the catch-up runs, the run reports and the ticks, all keyed or placed by
 * calendar partition, feed one dispatch task per partition, which publishes on {@value Topics#DISPATCH}. Every task runs under
 * exactly-once: its outputs, store changelogs and input offsets commit in one transaction.
 *
 * <pre>
 * almanac.rules.v1 -&gt; rules -&gt; rule-router -&gt; almanac-dispatcher.rules-by-calendar
 * almanac.missed-runs.v1 -&gt; missed-runs -&gt; catch-up-runs -&gt; almanac-dispatcher.catch-up-runs
 * rules-by-calendar, catch-up-runs, almanac.runs.v1, almanac-dispatcher.ticks, almanac.schedule.v1 (reminders, ADR 0079)
 *     -&gt; routed -&gt; dispatch -&gt; almanac.dispatch.v1
 * </pre>
 */
public final class DispatchTopology {

    public static final String DISPATCH_SINK = "dispatched";
    static final String RULES_SOURCE = "rules";
    static final String ROUTER = "rule-router";
    static final String ROUTED_RULES_SINK = RuleRouter.SINK;
    static final String MISSED_RUNS_SOURCE = "missed-runs";
    static final String CATCH_UP_FILTER = "catch-up-runs";
    static final String CATCH_UP_SINK = CatchUpRuns.SINK;
    static final String ROUTED_SOURCE = "routed";
    static final String DISPATCH = "dispatch";

    private DispatchTopology() {
    }

    /**
     * @param tickGrace how long after its wake-up's instant a task looks whether the tick came, and sends another if not
     */
    public static Topology build(EventCodec codec, DispatchSettings settings, Wakeups wakeups, Clock clock, Duration tickGrace,
                                 DispatchMetrics metrics) {
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), RULES_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), Topics.RULES);
        topology.addProcessor(ROUTER, inRecordContext(new RouterSupplier(codec)), RULES_SOURCE);
        topology.addSink(ROUTED_RULES_SINK, RoutedTopics.RULES_BY_CALENDAR, new StringSerializer(), new ByteArraySerializer(), ROUTER);

        topology.addSource(AutoOffsetReset.earliest(), MISSED_RUNS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), Topics.MISSED_RUNS);
        topology.addProcessor(CATCH_UP_FILTER, inRecordContext(() -> new CatchUpRuns(codec)), MISSED_RUNS_SOURCE);
        topology.addSink(CATCH_UP_SINK, RoutedTopics.CATCH_UP_RUNS, new StringSerializer(), new ByteArraySerializer(), CATCH_UP_FILTER);

        topology.addSource(AutoOffsetReset.earliest(), ROUTED_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(),
                new ByteArrayDeserializer(), RoutedTopics.RULES_BY_CALENDAR, RoutedTopics.CATCH_UP_RUNS, Topics.RUNS, Wakeups.TOPIC,
                Topics.SCHEDULE);
        topology.addProcessor(DISPATCH, inRecordContext(new DispatchSupplier(codec, settings, wakeups, clock, tickGrace, metrics)),
                ROUTED_SOURCE);
        topology.addSink(DISPATCH_SINK, Topics.DISPATCH, new StringSerializer(), new ByteArraySerializer(), DISPATCH);

        topology.addSink(DeadLetters.sink(Topics.RULES), Topics.deadLetter(Topics.RULES), new StringSerializer(), new ByteArraySerializer(),
                ROUTER, DISPATCH);
        topology.addSink(DeadLetters.sink(Topics.MISSED_RUNS), Topics.deadLetter(Topics.MISSED_RUNS), new StringSerializer(),
                new ByteArraySerializer(), CATCH_UP_FILTER, DISPATCH);
        topology.addSink(DeadLetters.sink(Topics.RUNS), Topics.deadLetter(Topics.RUNS), new StringSerializer(), new ByteArraySerializer(),
                DISPATCH);
        return topology;
    }

    /** A persistent RocksDB store of byte keys and values, backed by a compacted changelog topic; no record cache. */
    private static StoreBuilder<?> store(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    private record RouterSupplier(EventCodec codec) implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new RuleRouter(codec);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(RuleRouter.STORE));
        }
    }

    private record DispatchSupplier(EventCodec codec, DispatchSettings settings, Wakeups wakeups, Clock clock, Duration tickGrace,
                                    DispatchMetrics metrics) implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new DispatchProcessor(codec, settings, wakeups, clock, tickGrace, metrics);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(store(PartitionStore.RULES), store(PartitionStore.STATE));
        }
    }
}

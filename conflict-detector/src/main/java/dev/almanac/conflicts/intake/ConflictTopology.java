package dev.almanac.conflicts.intake;

import static dev.almanac.platform.streams.RecordContextProcessors.inRecordContext;

import java.util.LinkedHashSet;
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

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.rule.RuleHistoryStore;
import dev.almanac.conflicts.rule.RuleOccurrenceCache;
import dev.almanac.events.Topics;
import dev.almanac.platform.kafka.EventCodec;

/**
 * Two sub-topologies. The main one: the calendar, schedule and occurrence topics, co-partitioned by calendar
 * id, feed one source and one processor that owns the partition's stores. The processor
 * writes conflict events to {@code almanac.conflicts.v1} and records it cannot handle to the
 * dead-letter companion of the topic they came from. The lifecycle commands, partitioned like
 * them, feed a second processor on the same stores, which writes conflict events and command
 * outcomes and escalates overdue conflicts on a wall-clock punctuation (ADR 0017).
 *
 * <p>Resources are partitioned by their own id, on the calendar topic as everywhere. The first
 * processor sends each booking an entry makes to {@value ResourceBookings#TOPIC}, on the partition
 * of the resource's id; that topic is a third source of the same sub-topology, so the task that
 * holds a resource's own events gets all its bookings, from every calendar, and a third processor
 * detects the resource's conflicts there, on the same stores (ADR 0026). The sides of linked items
 * travel the same way to the partition of the primary's id, {@value LinkSides#TOPIC}, where a fourth
 * processor compares each pair's two sides and publishes orphaned links (ADR 0061). Each calendar's owner and
 * grants are copied, through {@value CalendarAccessCopies#TOPIC}, to a global store on every instance, so that the
 * task of a resource or of a pair knows who manages the calendars of its conflicts (ADR 0030).
 *
 * <p>Rules (ADR 0069): the second sub-topology reads {@code almanac.rules.v1} on the partitions of the rules' ids and
 * sends each rule event, with the rule's history when it names a calendar or resource for the first time, to
 * {@value RulesByScope#TOPIC}, on the partition of each calendar and resource the rule names. That topic is a fifth
 * source of the main sub-topology, where a fifth processor folds the rule's timeline and sweeps the occurrences it
 * changed among the scope's items, bookings and other rules, on the same stores and the task's in-memory
 * {@link RuleOccurrenceCache}. The occurrence records those timelines determine are dropped at the source by their
 * header, unread. Within a task, occurrences and rule events yield to every other fact (ADR 0063).
 *
 * <pre>
 * calendars, schedule, occurrences -&gt; calendar-facts -&gt; arrival-time -&gt; conflict-detection -&gt; conflicts, bookings, links, calendar-access
 *                                                                                        \-&gt; dead-letters-&lt;topic&gt;
 * conflict-detector-bookings -&gt; resource-bookings -&gt; resource-conflicts -&gt; conflicts
 * conflict-detector-links -&gt; link-sides -&gt; orphaned-links -&gt; conflicts
 * conflict-detector-commands -&gt; conflict-commands -&gt; conflict-lifecycle -&gt; conflicts, command-outcomes
 * conflict-detector-rules -&gt; scope-rules -&gt; rule-arrival-time -&gt; rule-conflicts -&gt; conflicts
 * conflict-detector-calendar-access -&gt; calendar-access-copies -&gt; calendar-access-keeper -&gt; (global store)
 *
 * almanac.rules.v1 -&gt; rule-events -&gt; rule-intake -&gt; conflict-detector-rules
 * </pre>
 */
public final class ConflictTopology {

    public static final String SOURCE = "calendar-facts";
    public static final String ARRIVAL = "arrival-time";
    public static final String PROCESSOR = "conflict-detection";
    public static final String CONFLICTS_SINK = "conflicts";
    public static final String COMMANDS_SOURCE = "conflict-commands";
    public static final String COMMANDS_PROCESSOR = "conflict-lifecycle";
    public static final String OUTCOMES_SINK = "command-outcomes";
    public static final String BOOKINGS_SOURCE = "resource-bookings";
    public static final String BOOKINGS_PROCESSOR = "resource-conflicts";
    public static final String BOOKINGS_SINK = "bookings";
    public static final String LINKS_SOURCE = "link-sides";
    public static final String LINKS_PROCESSOR = "orphaned-links";
    public static final String LINKS_SINK = "links";
    public static final String ACCESS_SINK = "calendar-access";
    public static final String ACCESS_SOURCE = "calendar-access-copies";
    public static final String ACCESS_PROCESSOR = "calendar-access-keeper";
    public static final String SCOPE_RULES_SOURCE = "scope-rules";
    public static final String SCOPE_RULES_ARRIVAL = "rule-arrival-time";
    public static final String RULES_PROCESSOR = "rule-conflicts";
    public static final String RULES_SOURCE = "rule-events";
    public static final String RULES_INTAKE = "rule-intake";
    public static final String RULES_BY_SCOPE_SINK = "rules-by-scope";

    private ConflictTopology() {
    }

    /** With occurrences yielding to other facts by {@link OccurrencesYield#DEFAULT_LEAD}, and the horizon checked every ten minutes. */
    public static Topology build(EventCodec codec, FactRouter router, ConflictMetrics metrics, LifecycleSettings lifecycle) {
        return build(codec, router, metrics, lifecycle, new OccurrencesYield(OccurrencesYield.DEFAULT_LEAD),
                new RuleSettings(RuleSettings.DEFAULT_HORIZON_CHECK_INTERVAL, lifecycle.clock()));
    }

    public static Topology build(EventCodec codec, FactRouter router, ConflictMetrics metrics, LifecycleSettings lifecycle,
                                 OccurrencesYield occurrencesYield, RuleSettings rules) {
        Topology topology = new Topology();
        RuleRouter ruleRouter = new RuleRouter();
        String[] stores = PartitionState.ALL_STORES.toArray(String[]::new);
        // A record whose timestamp is invalid takes the partition's time: it is handled, never skipped.
        // Occurrences are read as if published later, so that other facts of the task go first (ADR 0063).
        topology.addSource(AutoOffsetReset.earliest(), SOURCE, occurrencesYield,
                new StringDeserializer(), new ByteArrayDeserializer(), ConflictMetrics.CONSUMED.toArray(String[]::new));
        topology.addProcessor(ARRIVAL, inRecordContext(() -> occurrencesYield.restoringArrivalTime()), SOURCE);
        topology.addProcessor(PROCESSOR, new Supplier(codec, router, metrics), ARRIVAL);
        // Commands join the same tasks: partition p of the command topic is handled with partition p of the calendars.
        topology.addSource(AutoOffsetReset.earliest(), COMMANDS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), CommandTopics.COMMANDS);
        topology.addProcessor(COMMANDS_PROCESSOR, inRecordContext(() -> new ConflictCommandsProcessor(codec, metrics, lifecycle)),
                COMMANDS_SOURCE);
        topology.connectProcessorAndStateStores(COMMANDS_PROCESSOR, stores);
        // Bookings join the same tasks too: a resource's bookings arrive on the partition of its events.
        topology.addSource(AutoOffsetReset.earliest(), BOOKINGS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), ResourceBookings.TOPIC);
        topology.addProcessor(BOOKINGS_PROCESSOR, inRecordContext(() -> new ResourceBookingsProcessor(codec, metrics)), BOOKINGS_SOURCE);
        topology.connectProcessorAndStateStores(BOOKINGS_PROCESSOR, stores);
        metrics.track(ResourceBookings.TOPIC);
        // And so do the sides of links: both sides of a pair arrive on the partition of the primary's id.
        topology.addSource(AutoOffsetReset.earliest(), LINKS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), LinkSides.TOPIC);
        topology.addProcessor(LINKS_PROCESSOR, inRecordContext(() -> new LinkSidesProcessor(codec, metrics, lifecycle)), LINKS_SOURCE);
        topology.connectProcessorAndStateStores(LINKS_PROCESSOR, stores);
        metrics.track(LinkSides.TOPIC);
        // And the rules of the partition's calendars and resources, yielding like occurrences (ADR 0069).
        topology.addSource(AutoOffsetReset.earliest(), SCOPE_RULES_SOURCE, occurrencesYield,
                new StringDeserializer(), new ByteArrayDeserializer(), RulesByScope.TOPIC);
        topology.addProcessor(SCOPE_RULES_ARRIVAL, inRecordContext(() -> occurrencesYield.restoringArrivalTime()), SCOPE_RULES_SOURCE);
        topology.addProcessor(RULES_PROCESSOR, () -> new RuleConflictsProcessor(codec, ruleRouter, metrics, rules), SCOPE_RULES_ARRIVAL);
        topology.connectProcessorAndStateStores(RULES_PROCESSOR, stores);
        metrics.track(RulesByScope.TOPIC);
        topology.addSink(CONFLICTS_SINK, Topics.CONFLICTS, new StringSerializer(), new ByteArraySerializer(), PROCESSOR,
                COMMANDS_PROCESSOR, BOOKINGS_PROCESSOR, LINKS_PROCESSOR, RULES_PROCESSOR);
        topology.addSink(BOOKINGS_SINK, ResourceBookings.TOPIC, new StringSerializer(), new ByteArraySerializer(),
                new ResourceBookings.ByResource(), PROCESSOR);
        topology.addSink(LINKS_SINK, LinkSides.TOPIC, new StringSerializer(), new ByteArraySerializer(),
                new LinkSides.ByPrimary(), PROCESSOR);
        // Each calendar's access, copied by its task (and by a re-scan) to every instance's global store (ADR 0030).
        // Kafka Streams lets a topic feed either a task or a global store, so the store reads this copy, not the calendar topic.
        topology.addSink(ACCESS_SINK, CalendarAccessCopies.TOPIC, new StringSerializer(), new ByteArraySerializer(), PROCESSOR,
                COMMANDS_PROCESSOR);
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CalendarAccessCopies.STORE), Serdes.Bytes(),
                                Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled(),
                ACCESS_SOURCE, new UsePartitionTimeOnInvalidTimestamp(), new StringDeserializer(), new ByteArrayDeserializer(),
                CalendarAccessCopies.TOPIC, ACCESS_PROCESSOR, CalendarAccessKeeper::new);
        topology.addSink(OUTCOMES_SINK, CommandTopics.OUTCOMES, new StringSerializer(), new ByteArraySerializer(),
                COMMANDS_PROCESSOR);
        for (String topic : ConflictMetrics.CONSUMED) {
            topology.addSink(deadLetterSink(topic), Topics.deadLetter(topic), new StringSerializer(), new ByteArraySerializer(),
                    PROCESSOR);
        }
        topology.addSink(deadLetterSink(CommandTopics.COMMANDS), Topics.deadLetter(CommandTopics.COMMANDS),
                new StringSerializer(), new ByteArraySerializer(), COMMANDS_PROCESSOR);
        topology.addSink(deadLetterSink(ResourceBookings.TOPIC), Topics.deadLetter(ResourceBookings.TOPIC),
                new StringSerializer(), new ByteArraySerializer(), BOOKINGS_PROCESSOR);
        topology.addSink(deadLetterSink(LinkSides.TOPIC), Topics.deadLetter(LinkSides.TOPIC),
                new StringSerializer(), new ByteArraySerializer(), LINKS_PROCESSOR);
        topology.addSink(deadLetterSink(RulesByScope.TOPIC), Topics.deadLetter(RulesByScope.TOPIC),
                new StringSerializer(), new ByteArraySerializer(), RULES_PROCESSOR);
        // Rule intake, by rule id: a sub-topology of its own, added last so that the main one keeps its id.
        topology.addSource(AutoOffsetReset.earliest(), RULES_SOURCE, new UsePartitionTimeOnInvalidTimestamp(),
                new StringDeserializer(), new ByteArrayDeserializer(), Topics.RULES);
        topology.addProcessor(RULES_INTAKE, inRecordContext(new IntakeSupplier(codec, ruleRouter, metrics)), RULES_SOURCE);
        metrics.track(Topics.RULES);
        topology.addSink(RULES_BY_SCOPE_SINK, RulesByScope.TOPIC, new StringSerializer(), new ByteArraySerializer(),
                new RulesByScope.ByScope(), RULES_INTAKE);
        topology.addSink(deadLetterSink(Topics.RULES), Topics.deadLetter(Topics.RULES), new StringSerializer(),
                new ByteArraySerializer(), RULES_INTAKE);
        return topology;
    }

    public static String deadLetterSink(String topic) {
        return "dead-letters-" + topic;
    }

    /**
     * Persistent RocksDB stores of byte keys and values, each backed by a compacted changelog
     * topic, with Kafka Streams' record cache off; and the task's in-memory rule occurrences, derived from them.
     */
    static Set<StoreBuilder<?>> stores() {
        Set<StoreBuilder<?>> stores = new LinkedHashSet<>();
        PartitionState.STORES.forEach(name -> stores.add(persistent(name)));
        stores.add(RuleOccurrenceCache.builder());
        return stores;
    }

    private static StoreBuilder<?> persistent(String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled()
                .withLoggingEnabled(Map.of());
    }

    private record Supplier(EventCodec codec, FactRouter router, ConflictMetrics metrics)
            implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new CalendarFactsProcessor(codec, router, metrics);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return ConflictTopology.stores();
        }
    }

    private record IntakeSupplier(EventCodec codec, RuleRouter router, ConflictMetrics metrics)
            implements ProcessorSupplier<String, byte[], String, byte[]> {

        @Override
        public Processor<String, byte[], String, byte[]> get() {
            return new RuleIntakeProcessor(codec, router, metrics);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(persistent(RuleHistoryStore.STORE));
        }
    }
}

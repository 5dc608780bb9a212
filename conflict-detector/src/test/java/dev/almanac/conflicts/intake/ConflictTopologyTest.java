package dev.almanac.conflicts.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

import dev.almanac.conflicts.calendar.CalendarAccessCopies;
import dev.almanac.conflicts.command.CommandTopics;
import dev.almanac.conflicts.lifecycle.ConflictChange;
import dev.almanac.conflicts.lifecycle.ConflictEventMetadata;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.lifecycle.Fact;
import dev.almanac.conflicts.rule.RuleHistoryStore;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.logging.LogContext;
import dev.almanac.platform.tracing.TraceContexts;

/** The whole topology on persistent RocksDB stores, without a broker: records in, records out. */
class ConflictTopologyTest {

    private static final CalendarId BALLROOM = CalendarId.of("cal-ballroom");
    private static final Instant FACT_TIME = Instant.parse("2026-11-21T10:00:00Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final LifecycleSettings LIFECYCLE = new LifecycleSettings(Duration.ofMinutes(1), "managers",
            new MutableClock(FACT_TIME));

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConflictMetrics metrics = new ConflictMetrics(registry);
    private TopologyTestDriver driver;
    private Map<String, TestInputTopic<String, byte[]>> inputs;
    private TestOutputTopic<String, byte[]> conflicts;
    private long timestamp = 1_000;
    private int facts;
    /** What the logging MDC held while the detection decided each fact: a line it logs carries the same. */
    private final List<Map<String, String>> decidedWithMdc = new ArrayList<>();
    private final FactRouter router = new FactRouter() {
        @Override
        public Decision<Fact> decide(ReceivedEvent received) {
            decidedWithMdc.add(MDC.getCopyOfContextMap() == null ? Map.of() : MDC.getCopyOfContextMap());
            return super.decide(received);
        }
    };

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        driver = new TopologyTestDriver(ConflictTopology.build(codec, router, metrics, LIFECYCLE), properties, FACT_TIME);
        inputs = Map.of(
                Topics.CALENDARS, input(Topics.CALENDARS),
                Topics.SCHEDULE, input(Topics.SCHEDULE),
                Topics.MISSED_RUNS, input(Topics.MISSED_RUNS));
        conflicts = output(Topics.CONFLICTS);
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void theMainSubTopologyReadsTheFactsBookingsLinksCommandsAndRulesByScopeIntoFiveProcessorsOnTheSameStoresAndRuleIntakeIsASecond() {
        Topology topology = ConflictTopology.build(codec, new FactRouter(), metrics, LIFECYCLE);

        TopologyDescription description = topology.describe();

        assertThat(description.subtopologies()).hasSize(2);
        TopologyDescription.Subtopology main = description.subtopologies().stream()
                .filter(subtopology -> subtopology.nodes().stream().anyMatch(node -> node.name().equals(ConflictTopology.SOURCE)))
                .findFirst().orElseThrow();
        assertThat(main.id()).as("the main sub-topology keeps its id, and with it its tasks and state directories").isZero();
        assertThat(main.nodes()).filteredOn(TopologyDescription.Source.class::isInstance)
                .map(node -> ((TopologyDescription.Source) node).topicSet())
                .containsExactlyInAnyOrder(Set.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS),
                        Set.of(CommandTopics.COMMANDS), Set.of(ResourceBookings.TOPIC), Set.of(LinkSides.TOPIC), Set.of(RulesByScope.TOPIC));
        assertThat(main.nodes()).filteredOn(TopologyDescription.Processor.class::isInstance)
                .filteredOn(node -> !node.name().equals(ConflictTopology.ARRIVAL) && !node.name().equals(ConflictTopology.SCOPE_RULES_ARRIVAL))
                .map(node -> ((TopologyDescription.Processor) node).stores())
                .hasSize(5)
                .allSatisfy(stores -> assertThat(stores).containsExactlyInAnyOrderElementsOf(PartitionState.ALL_STORES));
        // The facts' source feeds the detection through the node that gives each record its published time back.
        assertThat(main.nodes()).filteredOn(node -> node.name().equals(ConflictTopology.SOURCE)).singleElement()
                .satisfies(source -> assertThat(source.successors()).extracting(TopologyDescription.Node::name)
                        .containsExactly(ConflictTopology.ARRIVAL));
        assertThat(main.nodes()).filteredOn(node -> node.name().equals(ConflictTopology.ARRIVAL)).singleElement()
                .satisfies(arrival -> assertThat(arrival.successors()).extracting(TopologyDescription.Node::name)
                        .containsExactly(ConflictTopology.PROCESSOR));
        assertThat(main.nodes()).filteredOn(node -> node.name().equals(ConflictTopology.SCOPE_RULES_ARRIVAL)).singleElement()
                .satisfies(arrival -> assertThat(arrival.successors()).extracting(TopologyDescription.Node::name)
                        .containsExactly(ConflictTopology.RULES_PROCESSOR));
        assertThat(main.nodes()).filteredOn(TopologyDescription.Sink.class::isInstance)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .containsExactlyInAnyOrder(Topics.CONFLICTS, Topics.deadLetter(Topics.CALENDARS),
                        Topics.deadLetter(Topics.SCHEDULE), Topics.deadLetter(Topics.MISSED_RUNS), CommandTopics.OUTCOMES,
                        Topics.deadLetter(CommandTopics.COMMANDS), ResourceBookings.TOPIC,
                        Topics.deadLetter(ResourceBookings.TOPIC), LinkSides.TOPIC, Topics.deadLetter(LinkSides.TOPIC),
                        CalendarAccessCopies.TOPIC, Topics.deadLetter(RulesByScope.TOPIC));
        TopologyDescription.Subtopology intake = description.subtopologies().stream().filter(subtopology -> subtopology != main)
                .findFirst().orElseThrow();
        assertThat(intake.nodes()).filteredOn(TopologyDescription.Source.class::isInstance)
                .map(node -> ((TopologyDescription.Source) node).topicSet()).containsExactly(Set.of(Topics.RULES));
        assertThat(intake.nodes()).filteredOn(TopologyDescription.Processor.class::isInstance)
                .map(node -> ((TopologyDescription.Processor) node).stores()).containsExactly(Set.of(RuleHistoryStore.STORE));
        assertThat(intake.nodes()).filteredOn(TopologyDescription.Sink.class::isInstance)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .containsExactlyInAnyOrder(RulesByScope.TOPIC, Topics.deadLetter(Topics.RULES));
        assertThat(description.globalStores()).singleElement().satisfies(global -> {
            assertThat(global.source().topicSet()).containsExactly(CalendarAccessCopies.TOPIC);
            assertThat(global.processor().stores()).containsExactly(CalendarAccessCopies.STORE);
        });
    }

    @Test
    void aDoubleBookingIsPublishedKeyedByItsCalendarWithAnEnvelopeDerivedFromItsCause() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        send(itemScheduled(BALLROOM, "item-review", "Quarterly review", "15:00", "16:00"), 0);
        ItemScheduled gala = itemScheduled(BALLROOM, "item-gala", "Gala", "15:30", "18:00");
        EventMetadata cause = send(gala, 0);
        long causeTimestamp = timestamp;

        TestRecord<String, byte[]> record = conflicts.readRecord();

        assertThat(record.key()).isEqualTo(BALLROOM.value());
        assertThat(record.timestamp()).isEqualTo(causeTimestamp);
        ReceivedEvent received = decode(Topics.CONFLICTS, record);
        assertThat(received.event()).isInstanceOfSatisfying(ConflictDetected.class, detected -> {
            assertThat(detected.start()).isEqualTo(at("15:30"));
            assertThat(detected.end()).isEqualTo(at("16:00"));
            assertThat(detected.entries()).extracting(entry -> entry.title()).containsExactly("Gala", "Quarterly review");
        });
        ConflictChange change = new ConflictChange.Detection((ConflictDetected) received.event(), 0);
        assertThat(headers(record)).containsExactlyEntriesOf(CloudEventHeaders.encode(ConflictEventMetadata.of(change, cause)));
        assertThat(record.value()).isEqualTo(codec.toJson(received.event()));
        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void movingAnItemAwayPublishesTheClearanceAtTheNextVersion() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        send(itemScheduled(BALLROOM, "item-review", "Quarterly review", "15:00", "16:00"), 0);
        send(itemScheduled(BALLROOM, "item-gala", "Gala", "15:30", "18:00"), 0);

        send(new ItemRescheduled(ItemId.of("item-gala"), BALLROOM, at("15:30"), at("18:00"), at("16:00"), at("18:30"), "clash"), 1);

        List<ReceivedEvent> published = published();
        assertThat(published).hasSize(2);
        String conflictId = Identifiers.derive("conflict", BALLROOM.value(), "item:item-gala", "item:item-review");
        assertThat(published.get(1).event()).isEqualTo(new ConflictCleared(
                ConflictId.of(conflictId), BALLROOM, "entries no longer overlap, after item item-gala was rescheduled"));
        assertThat(published.get(1).metadata().aggregateVersion()).isEqualTo(1);
        assertThat(published.get(1).metadata().id()).isEqualTo(Identifiers.derive("conflict-event", conflictId, "1"));
    }

    /** A deleted item leaves its calendar as a cancelled one does: its conflicts clear, saying so (ADR 0084); a PUT moves nothing. */
    @Test
    void deletingAnItemClearsItsConflictsAndChangingItsFieldsDoesNot() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        ItemScheduled review = itemScheduled(BALLROOM, "item-review", "Quarterly review", "15:00", "16:00");
        send(review, 0);
        send(itemScheduled(BALLROOM, "item-gala", "Gala", "15:30", "18:00"), 0);
        assertThat(published()).hasSize(1);

        ItemFields fields = new ItemFields(review.title(), review.type(), review.priority(), review.tags(), ScheduleStatus.SCHEDULED);
        send(new ItemUpdated(review.itemId(), BALLROOM, at("15:00"), at("16:00"), fields,
                new ItemFields("Review", review.type(), review.priority(), review.tags(), ScheduleStatus.TENTATIVE)), 1);
        assertThat(conflicts.isEmpty()).as("a tentative item keeps its place").isTrue();

        send(new ItemDeleted(review.itemId(), BALLROOM, at("15:00"), at("16:00"), "Entered twice"), 2);
        String conflictId = Identifiers.derive("conflict", BALLROOM.value(), "item:item-gala", "item:item-review");
        assertThat(published()).singleElement().extracting(ReceivedEvent::event).isEqualTo(new ConflictCleared(ConflictId.of(conflictId),
                BALLROOM, "entries no longer overlap, after item item-review was deleted"));
        send(new CalendarDeleted(BALLROOM, null), 1);
        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void aRedeliveredOrOutOfDateRecordPublishesNothing() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        send(itemScheduled(BALLROOM, "item-a", "A", "09:00", "10:00"), 0);
        ItemScheduled b = itemScheduled(BALLROOM, "item-b", "B", "09:30", "10:30");
        EventMetadata first = send(b, 0);
        send(new ItemRescheduled(ItemId.of("item-a"), BALLROOM, at("09:00"), at("10:00"), at("09:00"), at("10:15"), null), 1);
        assertThat(published()).hasSize(2);

        send(first, b);
        send(itemScheduled(BALLROOM, "item-a", "A", "09:00", "10:00"), 0);
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);

        assertThat(conflicts.isEmpty()).isTrue();
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", Topics.SCHEDULE, "outcome", "handled").count())
                .isEqualTo(5.0);
    }

    @Test
    void entriesThatArriveBeforeTheirCalendarAreCheckedWhenItArrives() {
        OccurrenceMaterialized sample = EventSamples.occurrenceMaterialized();
        RuleId rule = RuleId.of("rule-studio");
        // A backfill run: an occurrence record the rules do not determine, an entry like an item (ADR 0069).
        OccurrenceId missed = OccurrenceId.of(rule, sample.start().minusSeconds(86_400));
        send(new OccurrenceMaterialized(OccurrenceId.backfillOf(missed, sample.start()), rule, 0, BALLROOM, "Nightly cleanup",
                sample.type(), sample.resolvedAt(), sample.start(), sample.end(), sample.timezone(), sample.nominalLocalTime(),
                sample.dstPolicy(), sample.dstResolution(), sample.tzdataVersion(), null, missed, List.of()), 0);
        send(new ItemScheduled(ItemId.of("item-shoot"), BALLROOM, "Photo shoot", "meeting", sample.start().minusSeconds(1800),
                sample.start().plusSeconds(60), EventSamples.NEW_YORK, Priority.NORMAL, List.of()), 0);
        assertThat(conflicts.isEmpty()).isTrue();

        send(calendarCreated(BALLROOM, CalendarType.STAFF, 1), 0);

        assertThat(published()).singleElement().extracting(ReceivedEvent::event)
                .isInstanceOfSatisfying(ConflictDetected.class, detected ->
                        assertThat(detected.entries()).extracting(entry -> entry.kind() + "/" + entry.title())
                                .containsExactly("ITEM/Photo shoot", "OCCURRENCE/Nightly cleanup"));
    }

    @Test
    void eachFactIsHandledInTheTraceAndCorrelationItsRecordCarriesAndNothingIsLeftBehind() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);

        assertThat(decidedWithMdc).singleElement().satisfies(mdc -> assertThat(mdc)
                .containsEntry(LogContext.TRACE_ID, TraceContexts.traceIdOf(TRACEPARENT))
                .containsEntry(LogContext.SPAN_ID, TraceContexts.spanIdOf(TRACEPARENT))
                .containsEntry(LogContext.CORRELATION_ID, "corr-1"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void aBrokenRecordGoesToItsTopicsDeadLetterTopicWithTheReasonAndTheRecordsBehindItAreHandled() {
        TestOutputTopic<String, byte[]> deadLetters = output(Topics.deadLetter(Topics.SCHEDULE));
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        ItemScheduled valid = itemScheduled(BALLROOM, "item-a", "A", "09:00", "10:00");
        ProducerRecord<String, byte[]> validRecord = codec.toRecord(metadataFor(valid, 0), valid);
        byte[] broken = "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8);
        inputs.get(Topics.SCHEDULE).pipeInput(new TestRecord<>(BALLROOM.value(), broken, validRecord.headers(), 77L));

        send(valid, 0);
        send(itemScheduled(BALLROOM, "item-b", "B", "09:30", "10:30"), 0);

        TestRecord<String, byte[]> dead = deadLetters.readRecord();
        assertThat(dead.key()).isEqualTo(BALLROOM.value());
        assertThat(dead.value()).isEqualTo(broken);
        assertThat(text(dead, "kafka_dlt-exception-message")).contains("value is not a valid dev.almanac.schedule.ItemScheduled.v1");
        assertThat(text(dead, "kafka_dlt-exception-fqcn")).isEqualTo("dev.almanac.platform.kafka.PoisonMessageException");
        assertThat(text(dead, "kafka_dlt-original-topic")).isEqualTo(Topics.SCHEDULE);
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-partition").value()).getInt()).isZero();
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-offset").value()).getLong()).isZero();
        assertThat(ByteBuffer.wrap(dead.headers().lastHeader("kafka_dlt-original-timestamp").value()).getLong()).isEqualTo(77L);
        assertThat(dead.getRecordTime()).as("when it was set aside, on the task's wall clock").isEqualTo(FACT_TIME);
        assertThat(text(dead, "kafka_dlt-original-consumer-group")).isEqualTo("conflict-detector");
        assertThat(text(dead, CloudEventHeaders.ID)).isEqualTo(text(validRecord.headers().lastHeader(CloudEventHeaders.ID)));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(published()).singleElement().extracting(received -> ((ConflictDetected) received.event()).entries().size())
                .isEqualTo(2);
        assertThat(registry.counter(ConflictMetrics.RECORDS, "topic", Topics.SCHEDULE, "outcome", "dead_lettered").count())
                .isEqualTo(1.0);
    }

    @Test
    void anIntervalThatEndsBeforeItStartsIsDeadLetteredAndLeavesTheStateAlone() {
        TestOutputTopic<String, byte[]> deadLetters = output(Topics.deadLetter(Topics.SCHEDULE));
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);

        send(itemScheduled(BALLROOM, "item-backwards", "Backwards", "10:00", "09:00"), 0);
        send(itemScheduled(BALLROOM, "item-a", "A", "09:00", "10:00"), 0);

        assertThat(text(deadLetters.readRecord(), "kafka_dlt-exception-message"))
                .contains("ends at 2026-12-01T09:00:00Z, which is not after its start");
        assertThat(conflicts.isEmpty()).isTrue();
    }

    @Test
    void aRecordKeyedByAnotherCalendarIsDeadLetteredRatherThanSplittingTheCalendarsState() {
        TestOutputTopic<String, byte[]> deadLetters = output(Topics.deadLetter(Topics.CALENDARS));
        CalendarCreated created = calendarCreated(BALLROOM, CalendarType.VENUE, 1);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadataFor(created, 0), created);

        inputs.get(Topics.CALENDARS).pipeInput(new TestRecord<>("cal-elsewhere", record.value(), record.headers(), timestamp));

        assertThat(text(deadLetters.readRecord(), "kafka_dlt-exception-message"))
                .isEqualTo("record key cal-elsewhere is not the calendar id cal-ballroom that "
                        + "dev.almanac.calendar.CalendarCreated.v1 is partitioned by");
    }

    @Test
    void anEventOnATopicItDoesNotBelongToIsDeadLetteredFromThatTopic() {
        TestOutputTopic<String, byte[]> deadLetters = output(Topics.deadLetter(Topics.MISSED_RUNS));
        ItemScheduled scheduled = itemScheduled(BALLROOM, "item-a", "A", "09:00", "10:00");
        ProducerRecord<String, byte[]> record = codec.toRecord(metadataFor(scheduled, 0), scheduled);

        inputs.get(Topics.MISSED_RUNS).pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp));

        assertThat(text(deadLetters.readRecord(), "kafka_dlt-exception-message"))
                .isEqualTo("dev.almanac.schedule.ItemScheduled.v1 does not belong on topic " + Topics.MISSED_RUNS);
    }

    @Test
    void publishedConflictsAndHandledRecordsAreCountedAndTimedByTopic() {
        send(calendarCreated(BALLROOM, CalendarType.VENUE, 1), 0);
        send(itemScheduled(BALLROOM, "item-review", "Quarterly review", "15:00", "16:00"), 0);
        send(itemScheduled(BALLROOM, "item-gala", "Gala", "15:30", "18:00"), 0);
        send(new ItemRescheduled(ItemId.of("item-gala"), BALLROOM, at("15:30"), at("18:00"), at("16:00"), at("18:30"), null), 1);

        assertThat(registry.counter(ConflictMetrics.DETECTED).count()).isEqualTo(1.0);
        assertThat(registry.counter(ConflictMetrics.CLEARED).count()).isEqualTo(1.0);
        assertThat(registry.timer(ConflictMetrics.HANDLING, "topic", Topics.SCHEDULE).count()).isEqualTo(3);
        assertThat(registry.timer(ConflictMetrics.HANDLING, "topic", Topics.CALENDARS).count()).isEqualTo(1);
        assertThat(registry.timer(ConflictMetrics.HANDLING, "topic", Topics.MISSED_RUNS).count()).isZero();
    }

    private TestInputTopic<String, byte[]> input(String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
    }

    private TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private EventMetadata send(AlmanacEvent event, long version) {
        EventMetadata metadata = metadataFor(event, version);
        send(metadata, event);
        return metadata;
    }

    /** As rule-expander publishes: an occurrence reaches the detector only as its copy on the missed-runs topic, if it has one. */
    private void send(EventMetadata metadata, AlmanacEvent event) {
        timestamp += 1_000;
        codec.toRecords(metadata, event).stream().filter(record -> inputs.containsKey(record.topic())).forEach(record ->
                inputs.get(record.topic()).pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), timestamp)));
    }

    private EventMetadata metadataFor(AlmanacEvent event, long version) {
        int fact = ++facts;
        return new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME.plusSeconds(fact), event.subject(), version, "planner@example.com", "corr-" + fact, TRACEPARENT);
    }

    private List<ReceivedEvent> published() {
        return conflicts.readRecordsToList().stream().map(record -> decode(Topics.CONFLICTS, record)).toList();
    }

    private ReceivedEvent decode(String topic, TestRecord<String, byte[]> record) {
        return codec.fromRecord(new ConsumerRecord<>(topic, 0, 0, record.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), Optional.empty()));
    }

    private static Map<String, byte[]> headers(TestRecord<String, byte[]> record) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        return headers;
    }

    private static String text(TestRecord<String, byte[]> record, String header) {
        return text(record.headers().lastHeader(header));
    }

    private static String text(Header header) {
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Instant at(String time) {
        return Instant.parse("2026-12-01T" + time + ":00Z");
    }

    private static CalendarCreated calendarCreated(CalendarId id, CalendarType type, int capacity) {
        return new CalendarCreated(id, "Room " + id, type, EventSamples.NEW_YORK, capacity, OverbookingPolicy.ALLOW);
    }

    private static ItemScheduled itemScheduled(CalendarId calendarId, String itemId, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(itemId), calendarId, title, "meeting", at(start), at(end), EventSamples.NEW_YORK,
                Priority.NORMAL, List.of());
    }
}

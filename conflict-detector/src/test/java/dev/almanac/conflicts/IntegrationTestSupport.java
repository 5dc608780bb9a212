package dev.almanac.conflicts;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * The whole service against the embedded Kafka broker, started once per JVM, with its state
 * in a fresh directory. Every integration test class extends this one unchanged, so Spring
 * builds the context once; each test works on calendars of its own.
 */
@SpringBootTest(classes = ConflictDetectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class IntegrationTestSupport {

    /** Generous: the machine is shared with other builds, and Kafka Streams first joins its group and restores. */
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * Until a context's Kafka Streams runs: it joins the group of the other ITs' contexts and restores, and that rebalance
     * on a loaded machine has taken more than a minute, so the bound is generous; the condition ends the wait once it holds.
     */
    static final Duration STREAMS_STARTING = Duration.ofMinutes(4);
    static final Path STATE_DIRECTORY = temporaryDirectory();
    /**
     * When the tests' facts happened: as the tests run, since a critical conflict's SCH-015 clock starts at its fact's
     * time and its escalation check is armed for the instant it is due (ADR 0098). A fixed day in the past made every
     * conflict escalate the moment it was detected.
     */
    static final Instant FACT_TIME = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    /**
     * Shorter than the default 30 s, so that a test waits out little of it; still far above the transit of a side (tens of
     * milliseconds), which a pair moved together must make within it.
     */
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(5);
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @DynamicPropertySource
    static void embeddedInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.kafka.streams.state-dir", STATE_DIRECTORY::toString);
        registry.add("almanac.conflicts.orphans.grace", ORPHAN_GRACE::toString);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("conflict-detector-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    StreamsLifecycle detectorStreams;

    /**
     * Each test starts once Kafka Streams runs: the first test of the JVM, or one after another stopped a replica, would
     * otherwise spend its patience on the group's join and the state's restore, and fail under load.
     */
    @BeforeEach
    void detectorStreamsRunning() {
        await().atMost(STREAMS_STARTING).pollInterval(Duration.ofMillis(250))
                .until(() -> detectorStreams.state().filter(KafkaStreams.State.RUNNING::equals).isPresent());
    }

    @Autowired
    EventCodec codec;

    static String bootstrapServers() {
        return EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers();
    }

    static CalendarId newCalendar() {
        return CalendarId.of("cal-" + UUID.randomUUID());
    }

    static CalendarCreated calendarCreated(CalendarId id, CalendarType type, int capacity) {
        return new CalendarCreated(id, "Room " + id, type, EventSamples.NEW_YORK, capacity, OverbookingPolicy.ALLOW);
    }

    static ItemScheduled itemScheduled(CalendarId calendarId, String itemId, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(itemId), calendarId, title, "meeting", Instant.parse(start), Instant.parse(end),
                EventSamples.NEW_YORK, Priority.NORMAL, List.of());
    }

    /** The envelope a producer would give {@code event}: ids and correlation are unique to it. */
    static EventMetadata metadataFor(AlmanacEvent event, long version) {
        return new EventMetadata("evt-" + UUID.randomUUID(), EventCatalog.of(event).ceType(), "/almanac/command-service",
                FACT_TIME, event.subject(), version, "planner@example.com", "corr-" + UUID.randomUUID(), TRACEPARENT);
    }

    void publish(EventMetadata metadata, AlmanacEvent event) {
        try {
            publisher.publish(metadata, event).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + metadata.type(), e);
        }
    }

    EventMetadata publish(AlmanacEvent event, long version) {
        EventMetadata metadata = metadataFor(event, version);
        publish(metadata, event);
        return metadata;
    }

    ReceivedEvent decode(ConsumerRecord<String, byte[]> record) {
        return codec.fromRecord(record);
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

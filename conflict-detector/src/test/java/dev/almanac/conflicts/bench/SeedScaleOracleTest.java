package dev.almanac.conflicts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.almanac.conflicts.intake.ConflictTopology;
import dev.almanac.conflicts.intake.FactRouter;
import dev.almanac.conflicts.intake.LifecycleSettings;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.rule.DetectionWindow;
import dev.almanac.conflicts.streams.BoundedRocksDbConfig;
import dev.almanac.conflicts.testing.MutableClock;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * The seed of issue 68 at a small scale through the whole topology: every conflict the detector holds once the rules
 * are in is one the oracle expects, and it misses none. The oracle ({@link SeedScale#expected}) shares no code with the
 * detector; {@link SeedScaleBenchmark} makes the same comparison at seed scale on a broker.
 */
class SeedScaleOracleTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:17:00Z");

    @TempDir
    Path stateDirectory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private int facts;

    @Test
    void theConflictsFoundAreExactlyThoseTheOracleExpects() {
        SeedScale seed = SeedScale.generate(68, 200, 8, 4, NOW);
        MutableClock clock = new MutableClock(NOW);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "conflict-detector");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toString());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(ConflictTopology.build(codec, new FactRouter(),
                new ConflictMetrics(new SimpleMeterRegistry()), new LifecycleSettings(Duration.ofMinutes(1), "managers", clock)),
                properties, NOW)) {
            Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
            for (String topic : new String[] {Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES}) {
                inputs.put(topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
            }
            TestOutputTopic<String, byte[]> conflicts = driver.createOutputTopic(Topics.CONFLICTS, new StringDeserializer(),
                    new ByteArrayDeserializer());
            seed.calendars.forEach(calendar -> send(inputs, calendar));
            seed.items.forEach(item -> send(inputs, item));
            Map<String, EventMetadata> creations = new LinkedHashMap<>();
            for (var rule : seed.rules) {
                creations.put(rule.ruleId().value(), send(inputs, rule));
            }

            Map<ConflictId, ConflictDetected> active = new LinkedHashMap<>();
            for (TestRecord<String, byte[]> record : conflicts.readRecordsToList()) {
                ReceivedEvent received = decode(record);
                if (received.event() instanceof ConflictDetected detected) {
                    active.put(detected.conflictId(), detected);
                } else if (received.event() instanceof ConflictCleared cleared) {
                    active.remove(cleared.conflictId());
                }
            }

            Set<SeedScale.Conflict> expected = seed.expected(DetectionWindow.horizonAt(NOW), rule -> creations.get(rule.ruleId().value()));
            Set<SeedScale.Conflict> found = SeedScale.found(active.values());
            Set<SeedScale.Conflict> missing = new HashSet<>(expected);
            missing.removeAll(found);
            Set<SeedScale.Conflict> extra = new HashSet<>(found);
            extra.removeAll(expected);
            assertThat(expected).as("the seed plants conflicts and warnings").hasSizeGreaterThan(200);
            assertThat(missing).as("expected, not found").isEmpty();
            assertThat(extra).as("found, not expected").isEmpty();
        }
    }

    private EventMetadata send(Map<String, TestInputTopic<String, byte[]>> inputs, AlmanacEvent event) {
        int fact = ++facts;
        EventMetadata metadata = new EventMetadata("evt-" + fact, EventCatalog.of(event).ceType(), "/almanac/command-service",
                NOW, event.subject(), 0, "planner@example.com", "corr-" + fact, null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        inputs.get(record.topic()).pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), NOW.toEpochMilli() + fact));
        return metadata;
    }

    private ReceivedEvent decode(TestRecord<String, byte[]> record) {
        return codec.fromRecord(new ConsumerRecord<>(Topics.CONFLICTS, 0, 0, record.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, record.key(), record.value(),
                new RecordHeaders(record.headers().toArray()), Optional.empty()));
    }
}

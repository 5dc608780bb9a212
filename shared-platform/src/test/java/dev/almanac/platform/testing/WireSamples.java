package dev.almanac.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.catalog.EventType;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;

/**
 * The wire samples: one file per event type in shared-events' test resources
 * ({@code almanac/samples/<ce_type>.json}), holding the topic, key, headers and value of a
 * record exactly as its producer puts it on the wire. Producers' tests check their records
 * against these files ({@link #assertProducerMatchesSample}); consumers' tests read them
 * ({@link #record}, {@link #received}), so a producer change that breaks a consumer breaks
 * that consumer's test.
 *
 * <p>To accept a deliberate change to a sample, run the producer's tests with
 * {@code -Dalmanac.samples.update=true}; the files are rewritten, and the diff shows the change.
 */
public final class WireSamples {

    public static final String RESOURCE_DIRECTORY = "almanac/samples/";
    private static final String SOURCE_DIRECTORY = "shared-events/src/test/resources/" + RESOURCE_DIRECTORY;

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private static final EventCodec CODEC = new EventCodec(AlmanacJson.eventMapper());

    private WireSamples() {
    }

    /** The sample of {@code type} as a consumed record: partition 0, offset 0. */
    public static ConsumerRecord<String, byte[]> record(EventType type) {
        JsonNode sample = read(type);
        RecordHeaders headers = new RecordHeaders();
        sample.get("headers").properties().forEach(header ->
                headers.add(header.getKey(), header.getValue().asString().getBytes(StandardCharsets.UTF_8)));
        byte[] value = COMPACT.writeValueAsBytes(sample.get("value"));
        return new ConsumerRecord<>(sample.get("topic").asString(), 0, 0, 0L, TimestampType.CREATE_TIME,
                value.length, value.length, sample.get("key").asString(), value, headers, Optional.empty());
    }

    /** The sample of {@code type}, decoded by the platform's codec as every consumer decodes it. */
    public static ReceivedEvent received(EventType type) {
        return CODEC.fromRecord(record(type));
    }

    public static ReceivedEvent received(Class<? extends AlmanacEvent> type) {
        return received(EventCatalog.of(type));
    }

    /**
     * Checks a record made by the producer's own code against the committed sample of its type.
     * The value must be canonical JSON (what a compact re-serialisation of it gives), so that the
     * sample holds its exact bytes.
     */
    public static void assertProducerMatchesSample(ProducerRecord<String, byte[]> produced) {
        String ceType = header(produced, "ce_type");
        EventType type = EventCatalog.byCeType(ceType).orElseThrow(() -> new AssertionError(ceType + " is not catalogued"));
        JsonNode value = COMPACT.readTree(produced.value());
        assertThat(COMPACT.writeValueAsBytes(value))
                .as("the value of %s is canonical JSON, so the sample can hold its exact bytes", ceType)
                .isEqualTo(produced.value());
        assertThat(JsonSchemas.errors("classpath:" + type.schemaResource().substring(1),
                new String(produced.value(), StandardCharsets.UTF_8)))
                .as("%s validates against its schema", ceType).isEmpty();

        ObjectNode sample = JSON.createObjectNode();
        sample.put("topic", produced.topic());
        sample.put("key", produced.key());
        ObjectNode headers = sample.putObject("headers");
        for (Header header : produced.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        sample.set("value", value);
        String expected = JSON.writeValueAsString(sample) + "\n";

        Path file = sourceFile(type);
        String committed = readIfPresent(file);
        if (expected.equals(committed)) {
            return;
        }
        if (Boolean.getBoolean("almanac.samples.update")) {
            write(file, expected);
            return;
        }
        fail("The wire sample " + file + " differs from what the producer now puts on the wire. If the change is"
                + " intended, rerun with -Dalmanac.samples.update=true, review the diff, and run every consumer's tests."
                + "\n--- committed ---\n" + committed + "\n--- produced ---\n" + expected);
    }

    private static JsonNode read(EventType type) {
        String resource = RESOURCE_DIRECTORY + type.ceType() + ".json";
        try (InputStream in = WireSamples.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no wire sample " + resource + " on the class path; its producer's tests write it");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path sourceFile(EventType type) {
        Path repository = Path.of(System.getProperty("almanac.repository", "..")).toAbsolutePath().normalize();
        return repository.resolve(SOURCE_DIRECTORY).resolve(type.ceType() + ".json");
    }

    private static String readIfPresent(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "(no sample yet)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null) {
            throw new AssertionError("the record has no " + name + " header: " + Arrays.toString(record.headers().toArray()));
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}

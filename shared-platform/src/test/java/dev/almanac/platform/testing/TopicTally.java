package dev.almanac.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.almanac.events.envelope.CloudEventHeaders;

/**
 * A topic's records that match, counted by {@code ce_id} from the beginning: how often each was seen, and which were
 * seen again with another key, value, header or partition than the first time. Counts, not copies, so that a benchmark
 * can account for hundreds of thousands of records in a test's heap ({@link TopicReader} keeps every record).
 */
public final class TopicTally implements AutoCloseable {

    private record Sightings(int count, int fingerprint) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Predicate<ConsumerRecord<String, byte[]>> matching;
    private final Map<String, Sightings> byId = new HashMap<>();
    private final List<String> differing = new ArrayList<>();
    private long read;

    public TopicTally(String bootstrapServers, String topic, Predicate<ConsumerRecord<String, byte[]>> matching) {
        this.matching = matching;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "topic-tally-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads what has arrived since; how many matching records were read in all. For use inside an await. */
    public long read() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (!matching.test(record)) {
                continue;
            }
            read++;
            String id = TopicReader.header(record, CloudEventHeaders.ID);
            int fingerprint = fingerprint(record);
            Sightings before = byId.get(id);
            if (before != null && before.fingerprint() != fingerprint) {
                differing.add(id);
            }
            byId.put(id, new Sightings(before == null ? 1 : before.count() + 1, before == null ? fingerprint : before.fingerprint()));
        }
        return read;
    }

    /** How many times each {@code ce_id} was read. */
    public Map<String, Integer> countsById() {
        Map<String, Integer> counts = new HashMap<>();
        byId.forEach((id, sightings) -> counts.put(id, sightings.count()));
        return counts;
    }

    /** The {@code ce_id}s read again with another key, value, header or partition. */
    public List<String> differing() {
        return List.copyOf(differing);
    }

    private static int fingerprint(ConsumerRecord<String, byte[]> record) {
        int headers = Arrays.hashCode(Arrays.stream(record.headers().toArray())
                .map(header -> header.key() + "=" + Arrays.hashCode(header.value())).toArray());
        return 31 * (31 * (31 * record.key().hashCode() + Arrays.hashCode(record.value())) + headers) + record.partition();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package dev.almanac.platform.kafka;

import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * How rule-expander batches the occurrences it publishes, and so how many of them conflict-detector
 * can take in one fetch (ADR 0037).
 *
 * <p>The occurrences of one rule differ in little but their ids and instants, so the broker stores one
 * in 136 bytes with lz4 instead of 980. A producer fills a batch up to {@code batch.size} of
 * <em>compressed</em> bytes, and a fetch counts compressed bytes too, so both are kept at
 * {@link #MAX_BATCH_BYTES}: at most about 110 occurrences (about 47 on average, because the producer
 * closes a batch on a cautious estimate of its compressed size). conflict-detector's main consumer fetches no more
 * than that per partition, so that an item or a booking on a burst's partition comes in the same poll
 * as the occurrences ahead of it, and the task's yield puts it first (ADR 0063).
 */
public final class OccurrenceBatches {

    public static final String COMPRESSION = "lz4";
    /** Compressed bytes of a batch, and of conflict-detector's fetch per partition. */
    public static final int MAX_BATCH_BYTES = 16 * 1024;

    private OccurrenceBatches() {
    }

    /** The producer settings that publish occurrences as rule-expander does; tests publish with them too. */
    public static Map<String, Object> producerProperties() {
        return Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION, ProducerConfig.BATCH_SIZE_CONFIG, MAX_BATCH_BYTES);
    }
}

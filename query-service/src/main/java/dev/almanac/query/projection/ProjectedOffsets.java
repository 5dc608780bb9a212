package dev.almanac.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * How far the read models hold each topic partition, kept in the read-model database itself:
 * one document per partition in {@code projected_offsets}, raised after every batch is written
 * and before its offsets are committed. The consumer group's committed offsets say what was
 * delivered; these say what the store holds. They differ when the store starts empty (a new or
 * dropped database, or the local stack's in-memory MongoDB) or lost writes, and then the
 * partition is read again from the first record the store lacks. See ADR 0014. A listener of its own (the
 * notifications', ADR 0075) keeps its partitions here through an instance of its own.
 */
public final class ProjectedOffsets {

    static final String COLLECTION = "projected_offsets";
    private static final String THROUGH = "through";

    private final MongoCollection<Document> offsets;
    private final Duration timeout;
    private final Sinks.Many<Map<TopicPartition, Long>> raised = Sinks.many().multicast().directBestEffort();

    public ProjectedOffsets(MongoDatabase database, Duration timeout) {
        this.offsets = database.getCollection(COLLECTION);
        this.timeout = timeout;
    }

    /**
     * Where each assigned partition must be read from so that the store misses nothing: the
     * first offset after the last one the store holds, or 0 for a partition it holds nothing
     * of. Partitions read from their committed position are left out.
     *
     * @param positions each assigned partition with the position the consumer group resumes from
     */
    public Map<TopicPartition, Long> rewinds(Map<TopicPartition, Long> positions) {
        Map<String, TopicPartition> byId = new LinkedHashMap<>();
        positions.keySet().forEach(partition -> byId.put(id(partition), partition));
        Map<String, Long> held = new HashMap<>();
        Flux.from(offsets.find(Filters.in("_id", byId.keySet())))
                .doOnNext(document -> held.put(document.getString("_id"), ((Number) document.get(THROUGH)).longValue()))
                .then()
                .block(timeout);
        Map<TopicPartition, Long> rewinds = new LinkedHashMap<>();
        byId.forEach((id, partition) -> {
            long firstMissing = held.containsKey(id) ? held.get(id) + 1 : 0;
            Long position = positions.get(partition);
            if (position == null || firstMissing < position) {
                rewinds.put(partition, firstMissing);
            }
        });
        return rewinds;
    }

    /** Records that the store holds these records: the highest offset per partition, never lowered. */
    public void held(Collection<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> highest = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            highest.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::max);
        }
        if (highest.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<UpdateOneModel<Document>> raises = highest.entrySet().stream()
                .map(entry -> new UpdateOneModel<Document>(Filters.eq("_id", id(entry.getKey())),
                        Updates.combine(Updates.max(THROUGH, entry.getValue()), Updates.set("updated_at", now.toString())),
                        new UpdateOptions().upsert(true)))
                .toList();
        Mono.from(offsets.bulkWrite(raises)).block(timeout);
        // Two listeners raise at once: emits go one at a time, so that the stream loses no signal to the other.
        synchronized (raised) {
            raised.tryEmitNext(Map.copyOf(highest));
        }
    }

    /**
     * After each raise this process wrote: the highest offset of each partition in the batch it raised. The store holds at
     * least that much; it may hold more, if another replica raised the partition further (the raise never lowers it).
     */
    Flux<Map<TopicPartition, Long>> raised() {
        return raised.asFlux();
    }

    /** The highest offset the store holds of each of these partitions, read by key; a partition it holds nothing of is left out. */
    public Mono<Map<TopicPartition, Long>> through(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Mono.just(Map.of());
        }
        return Flux.from(offsets.find(Filters.in("_id", partitions.stream().map(ProjectedOffsets::id).toList())))
                .collectMap(document -> partition(document.getString("_id")), document -> ((Number) document.get(THROUGH)).longValue());
    }

    private static String id(TopicPartition partition) {
        return partition.topic() + "/" + partition.partition();
    }

    private static TopicPartition partition(String id) {
        int slash = id.lastIndexOf('/');
        return new TopicPartition(id.substring(0, slash), Integer.parseInt(id.substring(slash + 1)));
    }
}

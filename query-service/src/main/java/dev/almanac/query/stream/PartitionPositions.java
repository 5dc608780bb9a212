package dev.almanac.query.stream;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * Where the stream reader stands in each partition of the followed topics: how far it read, the offset of the last record
 * it read, and how far changes were released to subscribers; and which partition of each topic carries a calendar's
 * records. Not thread-safe: {@link StreamHub} guards it with its lock.
 */
final class PartitionPositions {

    private final Map<TopicPartition, Long> read = new HashMap<>();
    private final Map<TopicPartition, Long> lastRecords = new HashMap<>();
    private final Map<TopicPartition, Long> released = new HashMap<>();
    private Map<String, Integer> partitionCounts = Map.of();

    /** The reader starts from these positions, those of every partition of the followed topics. */
    void started(Map<TopicPartition, Long> positions) {
        Map<String, Integer> counts = new HashMap<>();
        positions.keySet().forEach(partition -> counts.merge(partition.topic(), partition.partition() + 1, Math::max));
        partitionCounts = Map.copyOf(counts);
        read.putAll(positions);
        released.putAll(positions);
    }

    /** The reader stopped: where it stood no longer holds. */
    void clear() {
        read.clear();
        lastRecords.clear();
        released.clear();
    }

    void recordRead(TopicPartition partition, long offset) {
        lastRecords.put(partition, offset);
    }

    void readTo(TopicPartition partition, long position) {
        read.put(partition, position);
    }

    /** Every change of the partition before {@code position} has been released. */
    void releasedTo(TopicPartition partition, long position) {
        released.merge(partition, position, Math::max);
    }

    /** Nothing of the partition waits any more: every change read of it has been released. */
    void releasedAllRead(TopicPartition partition) {
        Long position = read.get(partition);
        if (position != null) {
            releasedTo(partition, position);
        }
    }

    long released(TopicPartition partition) {
        return released.getOrDefault(partition, 0L);
    }

    /** Of these partitions, how far the reader read. */
    Map<TopicPartition, Long> read(Set<TopicPartition> partitions) {
        return of(partitions, read);
    }

    /** Of these partitions, the offset of the last record read. */
    Map<TopicPartition, Long> lastRecords(Set<TopicPartition> partitions) {
        return of(partitions, lastRecords);
    }

    Set<TopicPartition> partitionsOf(Set<String> calendars) {
        Set<TopicPartition> partitions = new HashSet<>();
        calendars.forEach(calendar -> partitions.addAll(partitionsOf(calendar)));
        return Set.copyOf(partitions);
    }

    /** The one partition of each followed topic that carries the calendar's records. */
    Set<TopicPartition> partitionsOf(String calendar) {
        Set<TopicPartition> partitions = new HashSet<>();
        partitionCounts.forEach((topic, count) -> partitions.add(new TopicPartition(topic, StreamTopic.partitionOf(calendar, count))));
        return partitions;
    }

    /** Of {@code offsets}, those of these partitions. */
    static Map<TopicPartition, Long> of(Set<TopicPartition> partitions, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> {
            Long offset = offsets.get(partition);
            if (offset != null) {
                positions.put(partition, offset);
            }
        });
        return Map.copyOf(positions);
    }
}

package dev.almanac.local.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Every consumer group's lag as the broker sees it: the records between each partition's end and the group's committed
 * offset. Committed offsets, not the clients' own gauges: a restarted service's gauges start empty, and a group whose
 * members are all gone has none.
 */
final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    ConsumerLag(Map<String, Object> adminProperties) {
        this.admin = Admin.create(adminProperties);
    }

    /** Each group that lags, with its records still to read; empty when every group has read everything. */
    Map<String, Long> lagging() {
        try {
            Map<String, Long> lagging = new TreeMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committed.values().removeIf(offset -> offset == null);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(committed.keySet().stream()
                        .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all()
                        .get(10, TimeUnit.SECONDS);
                long lag = committed.entrySet().stream()
                        .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset())).sum();
                if (lag > 0) {
                    lagging.put(group.groupId(), lag);
                }
            }
            return lagging;
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the broker did not say how far its groups are: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}

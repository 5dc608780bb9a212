package dev.almanac.benchmarks.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * Every consumer group the broker knows, and its lag: over the partitions it has committed offsets for, how far the
 * last stable offset (what a read_committed consumer can reach) is past its committed one. Sampled once a second on
 * a thread of its own, from the start of the load to the end of the run, so that the largest lag of each group and
 * when each reached zero can be told afterwards. The benchmarks' own readers are assigned partitions and have no group.
 */
public final class ConsumerLags implements AutoCloseable {

    /** A group's lag, -1 when it could not be read; {@code active} when it had members. */
    public record Lag(long lag, boolean active) {
    }

    /** One reading: {@code at} is {@code System.nanoTime()}. */
    public record Sample(long at, Map<String, Lag> groups) {

        /** Whether every group that was read and has members is at zero; false when none was read. */
        public boolean allZero(Set<String> counted) {
            return !counted.isEmpty() && counted.stream().allMatch(group -> {
                Lag lag = groups.get(group);
                return lag != null && lag.lag() == 0;
            });
        }
    }

    private final Admin admin;
    private final List<Sample> samples = new ArrayList<>();
    private volatile boolean sampling;
    private @Nullable Thread sampler;

    public ConsumerLags(String bootstrap) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /** Reads every group's lag now. */
    public Sample read() {
        long at = System.nanoTime();
        Map<String, Lag> lags = new TreeMap<>();
        List<GroupListing> groups;
        try {
            groups = new ArrayList<>(admin.listGroups().all().get(10, TimeUnit.SECONDS));
        } catch (Exception unreachable) {
            return new Sample(at, lags);
        }
        for (GroupListing group : groups) {
            boolean active = group.groupState().map(state -> state != GroupState.EMPTY && state != GroupState.DEAD).orElse(true);
            lags.put(group.groupId(), new Lag(lag(group), active));
        }
        return new Sample(at, lags);
    }

    private long lag(GroupListing group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = group.type().filter(type -> type == GroupType.STREAMS).isPresent()
                    ? admin.listStreamsGroupOffsets(Map.of(group.groupId(), new ListStreamsGroupOffsetsSpec()))
                            .partitionsToOffsetAndMetadata(group.groupId()).get(10, TimeUnit.SECONDS)
                    : admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    latest.put(partition, OffsetSpec.latest());
                }
            });
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                lag += Math.max(0, end.getValue().offset() - committed.get(end.getKey()).offset());
            }
            return lag;
        } catch (Exception unreadable) {
            return -1;
        }
    }

    /** Samples every second from now until {@link #close()}. */
    public void startSampling() {
        sampling = true;
        Thread thread = new Thread(() -> {
            while (sampling) {
                long next = System.nanoTime() + 1_000_000_000L;
                Sample sample = read();
                synchronized (samples) {
                    samples.add(sample);
                }
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        }, "consumer-lags");
        thread.setDaemon(true);
        thread.start();
        sampler = thread;
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    public Optional<Sample> latest() {
        synchronized (samples) {
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
        }
    }

    /** The groups a lag criterion counts: those that had members in some sample. A group never active is a leftover. */
    public static Set<String> counted(List<Sample> samples) {
        Set<String> counted = new TreeSet<>();
        samples.forEach(sample -> sample.groups().forEach((group, lag) -> {
            if (lag.active()) {
                counted.add(group);
            }
        }));
        return counted;
    }

    /** Each group's largest lag over {@code samples}. */
    public static Map<String, Long> largest(List<Sample> samples) {
        Map<String, Long> largest = new TreeMap<>();
        samples.forEach(sample -> sample.groups().forEach((group, lag) -> largest.merge(group, lag.lag(), Math::max)));
        return largest;
    }

    /** When each group was first at zero at or after {@code from} ({@code System.nanoTime()}), as the time since it. */
    public static Map<String, Duration> firstZero(List<Sample> samples, long from) {
        Map<String, Duration> zero = new LinkedHashMap<>();
        for (Sample sample : samples) {
            if (sample.at() - from < 0) {
                continue;
            }
            sample.groups().forEach((group, lag) -> {
                if (lag.lag() == 0) {
                    zero.putIfAbsent(group, Duration.ofNanos(sample.at() - from));
                }
            });
        }
        return zero;
    }

    /** The first sample at or after {@code from} in which every counted group was at zero, as the time since it. */
    public static Optional<Duration> allZero(List<Sample> samples, long from) {
        Set<String> counted = counted(samples);
        return samples.stream().filter(sample -> sample.at() - from >= 0 && sample.allZero(counted)).findFirst()
                .map(sample -> Duration.ofNanos(sample.at() - from));
    }

    @Override
    public void close() {
        sampling = false;
        Thread thread = sampler;
        if (thread != null) {
            try {
                thread.join(15_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        admin.close(Duration.ofSeconds(5));
    }
}

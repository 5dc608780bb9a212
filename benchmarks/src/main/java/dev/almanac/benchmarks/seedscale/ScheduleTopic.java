package dev.almanac.benchmarks.seedscale;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.almanac.benchmarks.kafka.CommittedTail;

/**
 * {@code almanac.schedule.v1} read from its end with {@code read_committed}, on a thread of its own: when each probe
 * item's first event became readable there. Against the time its entry read back, it splits a probe's wait between the
 * command side (the command, the event store and its relay) and the read side (query-service's projection and read).
 */
final class ScheduleTopic implements AutoCloseable {

    static final String TOPIC = "almanac.schedule.v1";

    private final CommittedTail tail;
    private final String probePrefix;
    private final Map<String, Long> probeSeenAt = new ConcurrentHashMap<>();

    /** @param probePrefix ids of the probe items start with it */
    ScheduleTopic(String bootstrap, String probePrefix) {
        this.probePrefix = probePrefix;
        this.tail = new CommittedTail(bootstrap, List.of(TOPIC), "seed-scale-schedule", this::observe);
    }

    /** When ({@code System.nanoTime()}) the first event of the probe item {@code itemId} was read. */
    Optional<Long> probeSeenAt(String itemId) {
        return Optional.ofNullable(probeSeenAt.get(itemId));
    }

    private void observe(ConsumerRecord<String, byte[]> record, long now) {
        String subject = CommittedTail.header(record, "ce_subject");
        if (subject != null && subject.startsWith(probePrefix)) {
            probeSeenAt.putIfAbsent(subject, now);
        }
    }

    @Override
    public void close() {
        tail.close();
    }
}

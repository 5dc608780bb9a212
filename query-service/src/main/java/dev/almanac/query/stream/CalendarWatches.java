package dev.almanac.query.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.kafka.common.TopicPartition;

/**
 * The calendars whose records the stream reader keeps, and from where in each partition it kept them. A calendar stays
 * watched for a while after its last subscriber left, so that a reconnect finds its changes buffered. Not thread-safe:
 * {@link StreamHub} guards it with its lock.
 */
final class CalendarWatches {

    private static final class Watch {
        private int subscribers;
        private Instant idleSince = Instant.MIN;
        private Map<TopicPartition, Long> from = Map.of();
    }

    private final Map<String, Watch> watches = new HashMap<>();

    boolean isEmpty() {
        return watches.isEmpty();
    }

    boolean watches(String calendar) {
        return watches.containsKey(calendar);
    }

    /**
     * A subscriber joins these calendars. A calendar that had none and was not kept from anywhere yet is kept from
     * {@code from} of it, when the reader has started ({@code started}).
     */
    void join(Set<String> calendars, boolean started, Function<String, Map<TopicPartition, Long>> from) {
        for (String calendar : calendars) {
            Watch watch = watches.computeIfAbsent(calendar, key -> new Watch());
            if (watch.subscribers++ == 0 && watch.from.isEmpty() && started) {
                watch.from = from.apply(calendar);
            }
        }
    }

    /** A subscriber leaves these calendars at {@code now}; one left alone starts to idle. */
    void leave(Set<String> calendars, Instant now) {
        for (String calendar : calendars) {
            Watch watch = watches.get(calendar);
            if (watch != null && --watch.subscribers == 0) {
                watch.idleSince = now;
            }
        }
    }

    /** The reader starts again: every calendar is kept from {@code from} of it. */
    void restart(Function<String, Map<TopicPartition, Long>> from) {
        watches.forEach((calendar, watch) -> watch.from = from.apply(calendar));
    }

    /** Stops watching the calendars left alone since {@code unwatched} or before. */
    void expire(Instant unwatched) {
        watches.values().removeIf(watch -> watch.subscribers == 0 && !watch.idleSince.isAfter(unwatched));
    }

    /** Where the reader kept the calendar's records from, by partition; empty when it is not watched or not kept yet. */
    Map<TopicPartition, Long> keptFrom(String calendar) {
        Watch watch = watches.get(calendar);
        return watch == null ? Map.of() : watch.from;
    }
}

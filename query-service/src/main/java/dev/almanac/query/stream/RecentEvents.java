package dev.almanac.query.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

/**
 * The changes released to subscribers lately, at most {@code maxEvents} and none older than
 * {@code maxAge}, from which a reconnecting client is replayed. For each partition it knows from
 * which offset on it holds every change it was given (its floor): a resume from before that is
 * too old. Not thread-safe: {@link StreamHub} guards it.
 */
final class RecentEvents {

    private record Kept(StreamEvent event, Instant at) {
    }

    private final int maxEvents;
    private final Duration maxAge;
    private final Clock clock;
    private final Deque<Kept> kept = new ArrayDeque<>();
    private final Map<TopicPartition, Long> floors = new HashMap<>();

    RecentEvents(int maxEvents, Duration maxAge, Clock clock) {
        this.maxEvents = maxEvents;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Forgets everything: from these positions on, every change will be given to it. */
    void restart(Map<TopicPartition, Long> positions) {
        kept.clear();
        floors.clear();
        floors.putAll(positions);
    }

    void add(StreamEvent event) {
        kept.addLast(new Kept(event, clock.instant()));
        evict();
    }

    /** Drops what is beyond the count or the age. */
    void evict() {
        Instant oldest = clock.instant().minus(maxAge);
        while (!kept.isEmpty() && (kept.size() > maxEvents || kept.peekFirst().at().isBefore(oldest))) {
            StreamEvent dropped = kept.removeFirst().event();
            floors.merge(dropped.partition(), dropped.offset() + 1, Math::max);
        }
    }

    /** Changes of this partition before {@code offset} were dropped rather than given to it: a resume from before is too old. */
    void lapse(TopicPartition partition, long offset) {
        floors.merge(partition, offset, Math::max);
    }

    /** Whether it holds every change it was given on this partition from this offset on. */
    boolean holdsFrom(TopicPartition partition, long offset) {
        Long floor = floors.get(partition);
        return floor != null && floor <= offset;
    }

    /** The changes of these calendars at or after the positions, in the order they were released; partitions without a position from 0. */
    List<StreamEvent> since(Set<String> calendars, Map<TopicPartition, Long> positions) {
        return kept.stream()
                .map(Kept::event)
                .filter(event -> calendars.contains(event.calendarId()) && event.offset() >= positions.getOrDefault(event.partition(), 0L))
                .toList();
    }

    int size() {
        return kept.size();
    }
}

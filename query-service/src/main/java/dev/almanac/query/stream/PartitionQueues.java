package dev.almanac.query.stream;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;

/**
 * The changes of watched calendars that wait, in one queue per partition, until the store holds the partition past their
 * offset: order is kept only within a partition, so a partition the projection lags on holds back its own changes and
 * nothing else. When more than {@code maxWaiting} changes wait, the longest queues' changes are dropped, each queue's
 * into one {@link Lapse}. Not thread-safe: {@link StreamHub} guards it with its lock.
 */
final class PartitionQueues {

    /** What waits in a partition's queue. */
    private sealed interface Waiting permits Change, Lapse {
    }

    /** A change of a watched calendar, sent once the store holds its record. */
    private record Change(StreamEvent event) implements Waiting {
    }

    /**
     * Changes dropped because too many waited: once the store holds the partition through {@code through}, the subscribers
     * of these calendars are told to refetch everything. Later changes of the partition join it until then.
     */
    static final class Lapse implements Waiting {
        private final Set<String> calendars = new HashSet<>();
        private long through = -1;

        private void add(StreamEvent event) {
            calendars.add(event.calendarId());
            through = Math.max(through, event.offset());
        }

        Set<String> calendars() {
            return calendars;
        }

        long through() {
            return through;
        }
    }

    private final int maxWaiting;
    private final Map<TopicPartition, Deque<Waiting>> queues = new HashMap<>();
    private final Map<TopicPartition, Long> held = new HashMap<>();
    private int waitingChanges;

    PartitionQueues(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    void enqueue(StreamEvent event) {
        Deque<Waiting> queue = queues.computeIfAbsent(event.partition(), key -> new ArrayDeque<>());
        if (queue.peekLast() instanceof Lapse lapse) {
            lapse.add(event);
        } else {
            queue.addLast(new Change(event));
            waitingChanges++;
        }
    }

    /** Whether something of this partition waits. */
    boolean isWaiting(TopicPartition partition) {
        return queues.containsKey(partition);
    }

    /** The store holds these partitions through these offsets (the highest offset it holds of each). */
    void raise(Map<TopicPartition, Long> through) {
        through.forEach((partition, offset) -> held.merge(partition, offset, Math::max));
    }

    boolean holds(TopicPartition partition, long offset) {
        return held.getOrDefault(partition, -1L) >= offset;
    }

    /**
     * Takes what heads each partition's queue while the store holds it: a change goes to {@code send}, a lapse to
     * {@code lapsed}; a partition whose queue this empties goes to {@code emptied}.
     */
    void release(Consumer<StreamEvent> send, BiConsumer<TopicPartition, Lapse> lapsed, Consumer<TopicPartition> emptied) {
        for (Iterator<Map.Entry<TopicPartition, Deque<Waiting>>> entries = queues.entrySet().iterator(); entries.hasNext(); ) {
            Map.Entry<TopicPartition, Deque<Waiting>> entry = entries.next();
            TopicPartition partition = entry.getKey();
            Deque<Waiting> queue = entry.getValue();
            while (!queue.isEmpty()) {
                Waiting head = queue.peekFirst();
                if (head instanceof Change change) {
                    if (!holds(partition, change.event().offset())) {
                        break;
                    }
                    queue.removeFirst();
                    waitingChanges--;
                    send.accept(change.event());
                } else if (head instanceof Lapse lapse) {
                    if (!holds(partition, lapse.through)) {
                        break;
                    }
                    queue.removeFirst();
                    lapsed.accept(partition, lapse);
                }
            }
            if (queue.isEmpty()) {
                entries.remove();
                emptied.accept(partition);
            }
        }
    }

    /**
     * When more changes wait than {@code maxWaiting}, the longest queues' changes are dropped, until at most half as many
     * wait: each such queue becomes one {@link Lapse}, which its later changes join, so that what waits stays bounded however
     * far the projection lags, and the subscribers of their calendars refetch once the store holds them.
     */
    void limit() {
        if (waitingChanges <= maxWaiting) {
            return;
        }
        Map<TopicPartition, Integer> changes = new HashMap<>();
        queues.forEach((partition, queue) -> changes.put(partition,
                (int) queue.stream().filter(Change.class::isInstance).count()));
        List<TopicPartition> longestFirst = changes.entrySet().stream()
                .sorted(Map.Entry.<TopicPartition, Integer>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        for (TopicPartition partition : longestFirst) {
            if (waitingChanges <= maxWaiting / 2) {
                return;
            }
            waitingChanges -= changes.get(partition);
            Deque<Waiting> queue = queues.get(partition);
            Lapse lapse = new Lapse();
            for (Waiting entry : queue) {
                if (entry instanceof Change change) {
                    lapse.add(change.event());
                } else if (entry instanceof Lapse earlier) {
                    lapse.calendars.addAll(earlier.calendars);
                    lapse.through = Math.max(lapse.through, earlier.through);
                }
            }
            queue.clear();
            queue.addLast(lapse);
        }
    }

    /** The partitions whose head waits for the store to hold it. */
    Set<TopicPartition> waitingOn() {
        Set<TopicPartition> waiting = new HashSet<>();
        queues.forEach((partition, queue) -> {
            Waiting head = queue.peekFirst();
            if (head instanceof Change change && !holds(partition, change.event().offset())
                    || head instanceof Lapse lapse && !holds(partition, lapse.through)) {
                waiting.add(partition);
            }
        });
        return waiting;
    }

    /** How many entries wait: changes, and lapses standing for the changes dropped. */
    int size() {
        return queues.values().stream().mapToInt(Deque::size).sum();
    }

    /** Forgets every change that waits: the reader reads them again. */
    void clear() {
        queues.clear();
        waitingChanges = 0;
    }

    /** Forgets how far the store holds every partition too: the reader stopped. */
    void forgetHeld() {
        held.clear();
    }
}

package dev.almanac.commands.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.Commits;

/**
 * Where the relay reads stored events: Axon's storage engine, read once a short while after this
 * process's commits and once a {@code poll} otherwise, rather than through the embedded event
 * store's shared reader.
 *
 * <p>That reader fetches as soon as a commit signals it and, having found events, fetches again at
 * once until a fetch comes back empty; every empty fetch adds a query for the next index beyond
 * it. Under a steady stream of commands that made almost every command cost the store two reads
 * of its own, an extended gap check and two more transactions. This source waits {@code gathering}
 * after the first commit it has not read past, then reads once, up to {@code fetchLimit} events,
 * so that one read and one relay batch (one token update, one hand-over to Kafka) take every
 * event committed meanwhile. Reads go through the same engine call as Axon's reader
 * ({@code readEvents(token, false)}), so the events, their order and the gap-aware tokens that the
 * relay stores are the ones it stored before; a gap is read again until it is filled or given up,
 * as then. See ADR 0065.
 */
final class RelayEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final long NONE_UNREAD = Long.MIN_VALUE;

    private final EventStorageEngine engine;
    private final long gatheringNanos;
    private final long pollNanos;
    private final int fetchLimit;
    private final AtomicLong commits = new AtomicLong();
    /** When the first commit not yet read was told, or {@link #NONE_UNREAD}. */
    private final AtomicLong unreadSince = new AtomicLong(NONE_UNREAD);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final Counter reads;

    /**
     * @param gathering  how long a read waits after the first commit it has not read past
     * @param poll       how long a reader waits without a commit of this process before it reads anyway (other replicas' commits)
     * @param fetchLimit the most events one read takes; a read that takes this many is followed by another at once
     */
    RelayEventSource(EventStorageEngine engine, Commits commits, Duration gathering, Duration poll, int fetchLimit,
            MeterRegistry meters) {
        this.engine = engine;
        this.reads = Counter.builder("almanac.relay.reads")
                .description("Reads of the event store by the relay; almanac.relay.events over this is the events a read takes")
                .register(meters);
        this.gatheringNanos = gathering.toNanos();
        this.pollNanos = poll.toNanos();
        this.fetchLimit = fetchLimit;
        commits.onCommit(this::committed);
    }

    private void committed() {
        unreadSince.compareAndSet(NONE_UNREAD, System.nanoTime());
        commits.incrementAndGet();
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(@Nullable TrackingToken trackingToken) {
        return new Reader(trackingToken);
    }

    @Override
    public @Nullable TrackingToken createTailToken() {
        return engine.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return engine.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return engine.createTokenAt(dateTime);
    }

    /** One processor segment's position in the store, and the events read past it and not yet taken. */
    private final class Reader implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> read = new ArrayDeque<>();
        private @Nullable TrackingToken position;
        /** The commits counted when this reader last read; none counted yet, so its first call reads at once. */
        private long commitsRead = -1;
        private boolean moreStored;
        private long nextPoll = System.nanoTime();

        private Reader(@Nullable TrackingToken position) {
            this.position = position;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(read.peekFirst());
        }

        /** A zero timeout answers from what was read, without reading the store. */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (timeout <= 0) {
                return !read.isEmpty();
            }
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (read.isEmpty()) {
                if (!moreStored && !awaitSomethingToRead(deadline)) {
                    return false;
                }
                readStore();
                if (read.isEmpty() && System.nanoTime() - deadline >= 0) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Waits for a commit this reader has not read past, until {@code gathering} after the first
         * such commit, or for its poll to be due; false once the deadline comes first. Under a steady
         * stream of commands the gathering has passed while the relay sent its last batch, so the next
         * read starts at once.
         */
        private boolean awaitSomethingToRead(long deadline) throws InterruptedException {
            lock.lock();
            try {
                while (commits.get() == commitsRead) {
                    long now = System.nanoTime();
                    if (now - nextPoll >= 0) {
                        return true;
                    }
                    if (now - deadline >= 0) {
                        return false;
                    }
                    committed.awaitNanos(Math.min(nextPoll - now, deadline - now));
                }
            } finally {
                lock.unlock();
            }
            long since = unreadSince.get();
            long gathered = since == NONE_UNREAD ? 0 : System.nanoTime() - since;
            if (gathered < gatheringNanos) {
                TimeUnit.NANOSECONDS.sleep(gatheringNanos - gathered);
            }
            return true;
        }

        private void readStore() {
            // Counted before the read: a commit during it is read by the next one.
            unreadSince.set(NONE_UNREAD);
            commitsRead = commits.get();
            reads.increment();
            int taken = 0;
            try (Stream<? extends TrackedEventMessage<?>> stored = engine.readEvents(position, false)) {
                Iterator<? extends TrackedEventMessage<?>> events = stored.iterator();
                while (taken < fetchLimit && events.hasNext()) {
                    TrackedEventMessage<?> event = events.next();
                    read.add(event);
                    position = event.trackingToken();
                    taken++;
                }
            }
            moreStored = taken == fetchLimit;
            nextPoll = System.nanoTime() + pollNanos;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable((int) TimeUnit.NANOSECONDS.toMillis(Math.max(pollNanos, 1_000_000L)), TimeUnit.MILLISECONDS)) {
                // Blocks, as the contract asks, until an event is read.
            }
            return read.removeFirst();
        }

        @Override
        public void close() {
            read.clear();
        }
    }
}

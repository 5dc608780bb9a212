package dev.almanac.commands.relay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
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
 * event committed meanwhile. A read is one fetch of the engine, the first that Axon's reader
 * makes ({@code readEvents(token, false)}), so the events, their order and the gap-aware tokens
 * that the relay stores are the ones it stored before; a gap is read again until it is filled or
 * given up, as then. See ADR 0040.
 *
 * <p>A reader waits on the identifiers of the events committed here that no read of its own has
 * returned, not on a count of commits: a commit is told after it is visible, so a read that starts
 * between the two returns its events before the reader hears of them. Counted, that commit made
 * the next read, which found nothing and paid the extended gap check besides.
 *
 * <p>Axon's reader fetches again until a fetch is empty, and so did this source's reads through
 * it: at the head of the store every read was a fetch that found events, one that found none, and
 * the extended gap check that an empty fetch runs. A read now fetches again at once only when it
 * may not have reached the head: when it took {@code fetchLimit} events, or took one that no commit
 * of this process told of (events of other replicas, and all of them when a reader starts behind).
 * A read that took only told events has nothing more to find that a commit or the poll would not
 * tell it of (ADR 0040, addendum of 2026-11-26).
 */
final class RelayEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final long NONE_UNREAD = Long.MIN_VALUE;
    /** The most identifiers a reader waits on; beyond them it reads after every commit, as if it counted commits. */
    static final int MOST_UNREAD_TRACKED = 10_000;
    /** How many identifiers of events read before their commit was told a reader keeps. */
    private static final int READ_BEFORE_TOLD_KEPT = 1_000;
    /** An event told this long ago and never read (a gap given up) is no longer waited on; the poll reads on. */
    private static final long FORGET_UNREAD_NANOS = Duration.ofMinutes(1).toNanos();

    private final EventStorageEngine engine;
    private final Fetch fetch;
    private final long gatheringNanos;
    private final long pollNanos;
    private final int fetchLimit;
    private final List<Reader> readers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();
    private final Counter reads;
    private final Counter emptyReads;

    /** One fetch of tracked events after a position, in the store's order. */
    @FunctionalInterface
    interface Fetch {
        Stream<? extends TrackedEventMessage<?>> after(@Nullable TrackingToken position);
    }

    /**
     * @param engine     the store, for the tokens a processor starts from
     * @param fetch      one fetch of the store after a position
     * @param gathering  how long a read waits after the first commit it has not read past
     * @param poll       how long a reader waits without a commit of this process before it reads anyway (other replicas' commits)
     * @param fetchLimit the most events one read takes; a read that takes this many is followed by another at once
     */
    RelayEventSource(EventStorageEngine engine, Fetch fetch, Commits commits, Duration gathering, Duration poll, int fetchLimit,
            MeterRegistry meters) {
        this.engine = engine;
        this.fetch = fetch;
        this.reads = Counter.builder("almanac.relay.reads")
                .description("Reads of the event store by the relay; almanac.relay.events over this is the events a read takes")
                .register(meters);
        this.emptyReads = Counter.builder("almanac.relay.reads.empty")
                .description("Reads of the event store by the relay that found no event: polls, and reads after a commit not yet visible")
                .register(meters);
        this.gatheringNanos = gathering.toNanos();
        this.pollNanos = poll.toNanos();
        this.fetchLimit = fetchLimit;
        commits.onCommit(this::committed);
    }

    private void committed(List<String> eventIdentifiers) {
        long now = System.nanoTime();
        lock.lock();
        try {
            boolean unread = false;
            for (Reader reader : readers) {
                unread |= reader.told(eventIdentifiers, now);
            }
            if (unread) {
                committed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(@Nullable TrackingToken trackingToken) {
        Reader reader = new Reader(trackingToken);
        readers.add(reader);
        return reader;
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
        private boolean moreStored;
        private long nextPoll = System.nanoTime();

        // Guarded by the source's lock: written by committing threads and by this reader.
        /** The events committed here that no read of this reader returned, by identifier, with when each was told. */
        private final LinkedHashMap<String, Long> unread = new LinkedHashMap<>();
        /** Events a read returned before their commit was told (and other replicas' events), so the telling waits on none. */
        private final LinkedHashMap<String, Boolean> readBeforeTold = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > READ_BEFORE_TOLD_KEPT;
            }
        };
        /** Told of commits beyond {@link #MOST_UNREAD_TRACKED} since the last read: the next read is due as after any commit. */
        private boolean untracked;
        /** Not yet read: its first call reads at once. */
        private boolean neverRead = true;
        /** When the first event not yet read was told, or {@link #NONE_UNREAD}. */
        private long unreadSince = NONE_UNREAD;

        private Reader(@Nullable TrackingToken position) {
            this.position = position;
        }

        /** Under the lock: true when the commit left this reader an event to read. */
        private boolean told(List<String> eventIdentifiers, long now) {
            boolean waiting = false;
            for (String identifier : eventIdentifiers) {
                if (readBeforeTold.remove(identifier) != null) {
                    continue;
                }
                if (unread.size() < MOST_UNREAD_TRACKED) {
                    unread.put(identifier, now);
                } else {
                    untracked = true;
                }
                waiting = true;
            }
            if (waiting && unreadSince == NONE_UNREAD) {
                unreadSince = now;
            }
            return waiting;
        }

        private boolean somethingToRead() {
            return neverRead || untracked || !unread.isEmpty();
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
         * Waits for an event committed here that this reader has not read, until {@code gathering}
         * after the first such commit, or for its poll to be due; false once the deadline comes
         * first. Under a steady stream of commands the gathering has passed while the relay sent its
         * last batch, so the next read starts at once.
         */
        private boolean awaitSomethingToRead(long deadline) throws InterruptedException {
            long since;
            lock.lock();
            try {
                while (!somethingToRead()) {
                    long now = System.nanoTime();
                    if (now - nextPoll >= 0) {
                        break;
                    }
                    if (now - deadline >= 0) {
                        return false;
                    }
                    committed.awaitNanos(Math.min(nextPoll - now, deadline - now));
                }
                since = unreadSince;
            } finally {
                lock.unlock();
            }
            long gathered = since == NONE_UNREAD ? 0 : System.nanoTime() - since;
            if (gathered < gatheringNanos) {
                TimeUnit.NANOSECONDS.sleep(gatheringNanos - gathered);
            }
            return true;
        }

        private void readStore() {
            lock.lock();
            try {
                // Reset before the read: a commit told during it is waited on until a read returns its events.
                unreadSince = NONE_UNREAD;
                untracked = false;
                neverRead = false;
            } finally {
                lock.unlock();
            }
            reads.increment();
            List<String> taken = new ArrayList<>();
            try (Stream<? extends TrackedEventMessage<?>> stored = fetch.after(position)) {
                Iterator<? extends TrackedEventMessage<?>> events = stored.iterator();
                while (taken.size() < fetchLimit && events.hasNext()) {
                    TrackedEventMessage<?> event = events.next();
                    read.add(event);
                    position = event.trackingToken();
                    taken.add(event.getIdentifier());
                }
            }
            if (taken.isEmpty()) {
                emptyReads.increment();
            }
            boolean untold = noteRead(taken);
            moreStored = taken.size() == fetchLimit || untold;
            nextPoll = System.nanoTime() + pollNanos;
        }

        /**
         * The events just read are no longer waited on, nor are events told too long ago; true when one of those read
         * was not told of (yet), so that the store may hold more than this process knows of.
         */
        private boolean noteRead(List<String> taken) {
            boolean untold = false;
            lock.lock();
            try {
                for (String identifier : taken) {
                    if (unread.remove(identifier) == null) {
                        readBeforeTold.put(identifier, Boolean.TRUE);
                        untold = true;
                    }
                }
                long now = System.nanoTime();
                Iterator<Long> told = unread.values().iterator();
                while (told.hasNext() && now - told.next() > FORGET_UNREAD_NANOS) {
                    told.remove();
                }
            } finally {
                lock.unlock();
            }
            return untold;
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
            readers.remove(this);
            read.clear();
        }
    }
}

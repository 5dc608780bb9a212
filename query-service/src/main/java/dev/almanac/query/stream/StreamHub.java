package dev.almanac.query.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Every open stream of this process, fed by {@link StreamReader}. A record whose key is a watched
 * calendar becomes a change, and waits in its partition's queue until the store holds the partition
 * past its offset ({@link #raise}); then it goes to the recent buffer and to every subscriber of its
 * calendar. Order is kept only within a partition, so a partition the projection lags on holds back
 * its own changes and nothing else. A new subscriber's {@code ready} comes once the store holds every
 * record read of its partitions before it subscribed: then every change read of them before it has
 * been sent to the others (a partition's queue only ever holds what the store does not), so it gets
 * none of those twice, and a refetch misses nothing; a change released before {@code ready} is held,
 * so the refetch shows it, and one released after reaches it. When more than {@code max-waiting}
 * changes wait, the longest queues' changes are dropped for one {@code reset}
 * ({@code projection_lagging}) to the subscribers of their calendars once the store holds them. A
 * calendar stays watched for the buffer's age after its last subscriber left, so that a reconnect
 * finds its changes buffered. Thread-safe; one lock guards the state.
 */
@Component
public class StreamHub {

    static final String READY = "ready";
    static final String RESET = "reset";
    static final String TOO_OLD = "positions_too_old";
    static final String SLOW_CLIENT = "slow_client";
    static final String READER_RESTARTED = "reader_restarted";
    static final String PROJECTION_LAGGING = "projection_lagging";
    static final String ROLE_REVOKED = "role_revoked";

    /** A subscription's notice: ready (refetch, then follow the changes) or reset (refetch everything, then follow). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notice(List<String> calendarIds, @Nullable String reason) {
    }

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
    private static final class Lapse implements Waiting {
        private final Set<String> calendars = new HashSet<>();
        private long through = -1;

        private void add(StreamEvent event) {
            calendars.add(event.calendarId());
            through = Math.max(through, event.offset());
        }
    }

    /** A subscriber waiting until the store holds each of its partitions through {@code requirement}: what was read of them before it subscribed. */
    private record Join(Subscriber subscriber, Map<TopicPartition, Long> requirement, @Nullable String resetReason) {
    }

    private static final class Watch {
        private int subscribers;
        private Instant idleSince = Instant.MIN;
        private Map<TopicPartition, Long> from = Map.of();
    }

    private static final class Subscriber {
        private final Set<String> calendars;
        private final @Nullable StreamPositions resumeFrom;
        private final Sinks.Many<ServerSentEvent<Object>> sink;
        private Set<TopicPartition> partitions = Set.of();
        private Map<TopicPartition, Long> floor = Map.of();
        private boolean closed;
        private volatile @Nullable String farewellId;

        private Subscriber(Set<String> calendars, @Nullable StreamPositions resumeFrom, int buffer) {
            this.calendars = calendars;
            this.resumeFrom = resumeFrom;
            // Exactly the buffer: Reactor's own queues round their size up to a power of two.
            this.sink = Sinks.many().unicast().onBackpressureBuffer(new ArrayBlockingQueue<>(buffer));
        }
    }

    private final int maxStreams;
    private final int clientBuffer;
    private final int maxWaiting;
    private final Duration linger;
    private final Clock clock;
    private final RecentEvents recent;
    private final Semaphore demand = new Semaphore(0);
    private final AtomicInteger openStreams = new AtomicInteger();
    private final MeterRegistry meters;
    private final Counter dropped;

    private final Map<String, Watch> watches = new HashMap<>();
    private final Map<String, Set<Subscriber>> attached = new HashMap<>();
    private final Map<TopicPartition, Deque<Waiting>> queues = new HashMap<>();
    private final Set<Join> joins = new LinkedHashSet<>();
    private int waitingChanges;
    private int subscribers;
    private final List<Subscriber> waitingForStart = new ArrayList<>();
    private final Map<TopicPartition, Long> readPositions = new HashMap<>();
    private final Map<TopicPartition, Long> lastRecords = new HashMap<>();
    private final Map<TopicPartition, Long> held = new HashMap<>();
    private final Map<TopicPartition, Long> released = new HashMap<>();
    private Map<String, Integer> partitionCounts = Map.of();
    private boolean started;

    @Autowired
    public StreamHub(@Value("${almanac.query.stream.max-streams:1000}") int maxStreams,
                     @Value("${almanac.query.stream.client-buffer:1000}") int clientBuffer,
                     @Value("${almanac.query.stream.max-waiting:#{10 * ${almanac.query.stream.client-buffer:1000}}}") int maxWaiting,
                     @Value("${almanac.query.stream.recent-events:10000}") int recentEvents,
                     @Value("${almanac.query.stream.recent-age:10m}") Duration recentAge,
                     MeterRegistry meters, ObjectProvider<Clock> clock) {
        this(maxStreams, clientBuffer, maxWaiting, recentEvents, recentAge, meters, clock.getIfAvailable(Clock::systemUTC));
    }

    StreamHub(int maxStreams, int clientBuffer, int maxWaiting, int recentEvents, Duration recentAge, MeterRegistry meters, Clock clock) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("almanac.query.stream.max-waiting must be at least 1, got " + maxWaiting);
        }
        this.maxStreams = maxStreams;
        this.clientBuffer = clientBuffer;
        this.maxWaiting = maxWaiting;
        this.linger = recentAge;
        this.clock = clock;
        this.recent = new RecentEvents(recentEvents, recentAge, clock);
        this.meters = meters;
        Gauge.builder("almanac.stream.open", openStreams, AtomicInteger::get)
                .description("Server-sent event streams open on this process").register(meters);
        this.dropped = Counter.builder("almanac.stream.clients.dropped")
                .description("Streams ended because the client read too slowly for its buffer").register(meters);
        // Every series from the start, at zero, so that a dashboard's rate reads 0 rather than nothing before the first stream.
        Stream.concat(Stream.of(READY, RESET), Arrays.stream(StreamTopic.values()).map(StreamTopic::eventName)).distinct().forEach(this::sent);
        Stream.of(TOO_OLD, SLOW_CLIENT, READER_RESTARTED, PROJECTION_LAGGING, ROLE_REVOKED).forEach(this::resets);
    }

    /** One of the process's stream slots: given back by the first {@link #close()}, whichever path closes it, and never twice. */
    static final class Slot {
        private final AtomicInteger openStreams;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(AtomicInteger openStreams) {
            this.openStreams = openStreams;
        }

        void close() {
            if (open.compareAndSet(true, false)) {
                openStreams.decrementAndGet();
            }
        }
    }

    /** Takes one of the process's stream slots; empty when every slot is taken. */
    Optional<Slot> tryOpen() {
        boolean taken = openStreams.getAndUpdate(open -> open < maxStreams ? open + 1 : open) < maxStreams;
        return taken ? Optional.of(new Slot(openStreams)) : Optional.empty();
    }

    /** Whether a slot is free now, for an answer that opens no stream (a HEAD). */
    boolean hasRoom() {
        return openStreams.get() < maxStreams;
    }

    /**
     * The events of a subscription to these calendars: {@code ready} (or {@code reset} when {@code resumeFrom} is older than
     * the buffer holds) and then each change, or, when {@code resumeFrom} is covered, the buffered changes after it and then
     * each new change. A client too slow for its buffer gets a last {@code reset} and the stream ends.
     */
    Flux<ServerSentEvent<Object>> subscribe(Set<String> calendars, @Nullable StreamPositions resumeFrom) {
        return Flux.defer(() -> {
            Subscriber subscriber = new Subscriber(Set.copyOf(calendars), resumeFrom, clientBuffer);
            register(subscriber);
            return subscriber.sink.asFlux()
                    .concatWith(Mono.fromSupplier(() -> farewell(subscriber)))
                    .doFinally(signal -> Schedulers.parallel().schedule(() -> unregister(subscriber)));
        })
                // Registering and leaving take the hub's lock, and a resume replays the buffer under it: neither runs on the
                // thread that subscribes or cancels, a connection's event loop.
                .subscribeOn(Schedulers.parallel(), false)
                // Changes are emitted under the hub's lock; they reach the connection on another thread, one at a time, so
                // that what waits for a client is its buffer and no prefetch besides.
                .publishOn(Schedulers.parallel(), 1);
    }

    // ----- the reader's side

    /** Whether some calendar is watched, and so the reader must read. */
    synchronized boolean wantsReading() {
        return !watches.isEmpty();
    }

    /** Waits up to {@code timeout} for a subscription to arrive; true if one did, and then forgets any others that did too. */
    boolean awaitDemand(Duration timeout) throws InterruptedException {
        if (demand.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            demand.drainPermits();
            return true;
        }
        return false;
    }

    /** Forgets the subscriptions that arrived so far: the reader waits for the next one, not for these. */
    void forgetDemand() {
        demand.drainPermits();
    }

    /** The reader starts from these positions, those of every partition of the followed topics. */
    synchronized void started(Map<TopicPartition, Long> positions) {
        Map<String, Integer> counts = new HashMap<>();
        positions.keySet().forEach(partition -> counts.merge(partition.topic(), partition.partition() + 1, Math::max));
        partitionCounts = Map.copyOf(counts);
        readPositions.putAll(positions);
        released.putAll(positions);
        recent.restart(positions);
        started = true;
        // The reader starts where the store stops: a change that waited is read again, or held by now and in the refetch below.
        queues.clear();
        waitingChanges = 0;
        watches.forEach((calendar, watch) -> watch.from = positionsOf(partitionsOf(calendar), readPositions));
        // After a failure the reader starts again where the store stops: what it skipped is held, and its subscribers refetch it.
        attached.values().stream().flatMap(Set::stream).distinct().toList().forEach(subscriber -> {
            resets(READER_RESTARTED).increment();
            emit(subscriber, notice(subscriber, RESET, READER_RESTARTED));
        });
        List<Subscriber> waiting = List.copyOf(waitingForStart);
        waitingForStart.clear();
        waiting.forEach(subscriber -> join(subscriber, subscriber.resumeFrom == null ? null : TOO_OLD));
        release();
    }

    /** Stops when nothing is watched: the reader then reads nothing until a subscription arrives. */
    synchronized boolean stopIfIdle() {
        if (!watches.isEmpty()) {
            return false;
        }
        started = false;
        queues.clear();
        joins.clear();
        waitingChanges = 0;
        readPositions.clear();
        lastRecords.clear();
        held.clear();
        released.clear();
        return true;
    }

    /** One poll of the reader, and its positions after it. The key is matched before anything of the record is decoded. */
    synchronized void read(Iterable<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> positionsAfter) {
        for (ConsumerRecord<String, byte[]> record : records) {
            lastRecords.put(new TopicPartition(record.topic(), record.partition()), record.offset());
            if (record.key() != null && watches.containsKey(record.key())) {
                StreamEvent.of(record).ifPresent(this::enqueue);
            }
        }
        positionsAfter.forEach((partition, position) -> {
            readPositions.put(partition, position);
            if (!queues.containsKey(partition)) {
                // Nothing of this partition waits: every change read of it before this position has been released.
                released.merge(partition, position, Math::max);
            }
        });
        release();
        limitWaiting();
    }

    /** The store holds these partitions through these offsets (the highest offset it holds of each). */
    synchronized void raise(Map<TopicPartition, Long> through) {
        through.forEach((partition, offset) -> held.merge(partition, offset, Math::max));
        release();
    }

    /** The partitions whose projection something waits for; empty when nothing waits, and then the store is not read. */
    synchronized Set<TopicPartition> waitingOn() {
        Set<TopicPartition> waiting = new HashSet<>();
        queues.forEach((partition, queue) -> {
            Waiting head = queue.peekFirst();
            if (head instanceof Change change && !holds(partition, change.event().offset())
                    || head instanceof Lapse lapse && !holds(partition, lapse.through)) {
                waiting.add(partition);
            }
        });
        joins.forEach(join -> join.requirement().forEach((partition, offset) -> {
            if (!holds(partition, offset)) {
                waiting.add(partition);
            }
        }));
        return waiting;
    }

    /** How many entries wait in the partitions' queues: changes, and lapses standing for the changes dropped. */
    synchronized int queued() {
        return queues.values().stream().mapToInt(Deque::size).sum();
    }

    /** How many subscribers are registered and have not left. */
    synchronized int subscribers() {
        return subscribers;
    }

    /** How many subscribers wait for their {@code ready} or {@code reset}. */
    synchronized int joining() {
        return joins.size() + waitingForStart.size();
    }

    /** Drops buffered changes past their age, and stops watching calendars left alone for as long. */
    synchronized void expire() {
        recent.evict();
        Instant unwatched = clock.instant().minus(linger);
        watches.values().removeIf(watch -> watch.subscribers == 0 && !watch.idleSince.isAfter(unwatched));
    }

    // ----- under the lock

    private synchronized void register(Subscriber subscriber) {
        subscribers++;
        boolean covered = started && subscriber.resumeFrom != null && covers(subscriber.calendars, subscriber.resumeFrom);
        for (String calendar : subscriber.calendars) {
            Watch watch = watches.computeIfAbsent(calendar, key -> new Watch());
            if (watch.subscribers++ == 0 && watch.from.isEmpty() && started) {
                watch.from = positionsOf(partitionsOf(calendar), readPositions);
            }
        }
        if (!started) {
            waitingForStart.add(subscriber);
        } else if (covered) {
            resume(subscriber, Objects.requireNonNull(subscriber.resumeFrom));
        } else {
            join(subscriber, subscriber.resumeFrom == null ? null : TOO_OLD);
        }
        demand.release();
    }

    private synchronized void unregister(Subscriber subscriber) {
        if (subscriber.closed) {
            return;
        }
        subscriber.closed = true;
        subscribers--;
        detach(subscriber);
        waitingForStart.remove(subscriber);
        joins.removeIf(join -> join.subscriber() == subscriber);
        Instant now = clock.instant();
        for (String calendar : subscriber.calendars) {
            Watch watch = watches.get(calendar);
            if (watch != null && --watch.subscribers == 0) {
                watch.idleSince = now;
            }
        }
    }

    /** Whether every change of these calendars from these positions on is buffered, or not yet released. */
    private boolean covers(Set<String> calendars, StreamPositions from) {
        for (String calendar : calendars) {
            Watch watch = watches.get(calendar);
            if (watch == null || watch.from.isEmpty()) {
                return false;
            }
            for (TopicPartition partition : partitionsOf(calendar)) {
                Long at = from.offsets().get(partition);
                Long watchedFrom = watch.from.get(partition);
                if (at == null || watchedFrom == null || watchedFrom > at || !recent.holdsFrom(partition, at)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void resume(Subscriber subscriber, StreamPositions from) {
        subscriber.partitions = partitionsOf(subscriber.calendars);
        Map<TopicPartition, Long> positions = new HashMap<>(positionsOf(subscriber.partitions, from.offsets()));
        for (StreamEvent event : recent.since(subscriber.calendars, from.offsets())) {
            positions.merge(event.partition(), event.offset() + 1, Math::max);
            emit(subscriber, change(event, new StreamPositions(positionsOf(subscriber.partitions, positions))));
        }
        subscriber.floor = Map.copyOf(positions);
        attach(subscriber);
    }

    private void join(Subscriber subscriber, @Nullable String resetReason) {
        subscriber.partitions = partitionsOf(subscriber.calendars);
        subscriber.floor = positionsOf(subscriber.partitions, readPositions);
        joins.add(new Join(subscriber, positionsOf(subscriber.partitions, lastRecords), resetReason));
        release();
    }

    private void enqueue(StreamEvent event) {
        Deque<Waiting> queue = queues.computeIfAbsent(event.partition(), key -> new ArrayDeque<>());
        if (queue.peekLast() instanceof Lapse lapse) {
            lapse.add(event);
        } else {
            queue.addLast(new Change(event));
            waitingChanges++;
        }
    }

    /**
     * Sends what heads each partition's queue while the store holds it; then a subscriber whose partitions the store holds
     * through what was read before it subscribed is ready, since nothing read of them before it still waits.
     */
    private void release() {
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
                    send(change.event());
                } else if (head instanceof Lapse lapse) {
                    if (!holds(partition, lapse.through)) {
                        break;
                    }
                    queue.removeFirst();
                    lapsed(partition, lapse);
                }
            }
            if (queue.isEmpty()) {
                entries.remove();
                Long position = readPositions.get(partition);
                if (position != null) {
                    released.merge(partition, position, Math::max);
                }
            }
        }
        for (Iterator<Join> waiting = joins.iterator(); waiting.hasNext(); ) {
            Join join = waiting.next();
            if (join.requirement().entrySet().stream().allMatch(entry -> holds(entry.getKey(), entry.getValue()))) {
                waiting.remove();
                complete(join);
            }
        }
    }

    private void send(StreamEvent event) {
        released.merge(event.partition(), event.offset() + 1, Math::max);
        recent.add(event);
        for (Subscriber subscriber : List.copyOf(attached.getOrDefault(event.calendarId(), Set.of()))) {
            emit(subscriber, change(event, positions(subscriber)));
        }
    }

    /** The store holds what a lapse dropped: its calendars' subscribers refetch, and the buffer no longer resumes from before. */
    private void lapsed(TopicPartition partition, Lapse lapse) {
        released.merge(partition, lapse.through + 1, Math::max);
        recent.lapse(partition, lapse.through + 1);
        Set<Subscriber> told = new LinkedHashSet<>();
        lapse.calendars.forEach(calendar -> told.addAll(attached.getOrDefault(calendar, Set.of())));
        for (Subscriber subscriber : told) {
            resets(PROJECTION_LAGGING).increment();
            emit(subscriber, notice(subscriber, RESET, PROJECTION_LAGGING));
        }
    }

    /** The subscriber is attached and told: ready, or reset. */
    private void complete(Join join) {
        Subscriber subscriber = join.subscriber();
        if (!subscriber.closed) {
            attach(subscriber);
            if (join.resetReason() != null) {
                resets(join.resetReason()).increment();
            }
            emit(subscriber, notice(subscriber, join.resetReason() == null ? READY : RESET, join.resetReason()));
        }
    }

    /**
     * When more changes wait than {@code maxWaiting}, the longest queues' changes are dropped, until at most half as many
     * wait: each such queue becomes one {@link Lapse}, which its later changes join, so that what waits stays bounded however
     * far the projection lags, and the subscribers of their calendars refetch once the store holds them.
     */
    private void limitWaiting() {
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

    private boolean holds(TopicPartition partition, long offset) {
        return held.getOrDefault(partition, -1L) >= offset;
    }

    private void attach(Subscriber subscriber) {
        subscriber.calendars.forEach(calendar -> attached.computeIfAbsent(calendar, key -> new LinkedHashSet<>()).add(subscriber));
    }

    private void detach(Subscriber subscriber) {
        subscriber.calendars.forEach(calendar -> {
            Set<Subscriber> subscribers = attached.get(calendar);
            if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
                attached.remove(calendar);
            }
        });
    }

    private void emit(Subscriber subscriber, ServerSentEvent<Object> event) {
        if (subscriber.closed || subscriber.farewellId != null) {
            return;
        }
        Sinks.EmitResult result = subscriber.sink.tryEmitNext(event);
        if (result.isSuccess()) {
            sent(Objects.requireNonNull(event.event())).increment();
        } else if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            // A client that reads slower than its calendars change would hold ever more memory: it is let go, told to refetch.
            dropped.increment();
            detach(subscriber);
            subscriber.farewellId = positions(subscriber).encode();
            subscriber.sink.tryEmitComplete();
        }
    }

    private @Nullable ServerSentEvent<Object> farewell(Subscriber subscriber) {
        if (subscriber.farewellId == null) {
            return null;
        }
        resets(SLOW_CLIENT).increment();
        return ServerSentEvent.builder((Object) new Notice(sorted(subscriber.calendars), SLOW_CLIENT))
                .event(RESET).id(subscriber.farewellId).build();
    }

    /**
     * The last event of a stream whose caller lost the role on {@code calendars}: a reset naming them, without a position,
     * since a reconnect is answered 403 rather than resumed.
     */
    ServerSentEvent<Object> revoked(List<String> calendars) {
        resets(ROLE_REVOKED).increment();
        return ServerSentEvent.builder((Object) new Notice(calendars, ROLE_REVOKED)).event(RESET).build();
    }

    private ServerSentEvent<Object> change(StreamEvent event, StreamPositions positions) {
        return ServerSentEvent.builder((Object) event.change()).event(event.eventName()).id(positions.encode()).build();
    }

    private ServerSentEvent<Object> notice(Subscriber subscriber, String name, @Nullable String reason) {
        return ServerSentEvent.builder((Object) new Notice(sorted(subscriber.calendars), reason))
                .event(name).id(positions(subscriber).encode()).build();
    }

    /** Where an attached subscriber stands: every change of its calendars before these has been sent to it, or held before it was ready. */
    private StreamPositions positions(Subscriber subscriber) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : subscriber.partitions) {
            positions.put(partition, Math.max(subscriber.floor.getOrDefault(partition, 0L), released.getOrDefault(partition, 0L)));
        }
        return new StreamPositions(positions);
    }

    private Set<TopicPartition> partitionsOf(Set<String> calendars) {
        Set<TopicPartition> partitions = new HashSet<>();
        calendars.forEach(calendar -> partitions.addAll(partitionsOf(calendar)));
        return Set.copyOf(partitions);
    }

    /** The one partition of each followed topic that carries the calendar's records. */
    private Set<TopicPartition> partitionsOf(String calendar) {
        Set<TopicPartition> partitions = new HashSet<>();
        partitionCounts.forEach((topic, count) -> partitions.add(new TopicPartition(topic, StreamTopic.partitionOf(calendar, count))));
        return partitions;
    }

    private static Map<TopicPartition, Long> positionsOf(Set<TopicPartition> partitions, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        partitions.forEach(partition -> {
            Long offset = offsets.get(partition);
            if (offset != null) {
                positions.put(partition, offset);
            }
        });
        return Map.copyOf(positions);
    }

    private static List<String> sorted(Set<String> calendars) {
        return calendars.stream().sorted().toList();
    }

    private Counter sent(String event) {
        return Counter.builder("almanac.stream.events.sent").tag("event", event)
                .description("Events sent to stream subscribers, by SSE event name").register(meters);
    }

    private Counter resets(String reason) {
        return Counter.builder("almanac.stream.resets").tag("reason", reason)
                .description("Resets sent: a resume older than the buffer holds, a client dropped as too slow, a reader restarted, "
                        + "the projection lagging, or a caller who lost the role on a calendar").register(meters);
    }
}

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
import reactor.util.concurrent.Queues;

/**
 * Every open stream of this process, fed by {@link StreamReader}. A record whose key is a watched
 * calendar becomes a change, and changes wait in read order until the store holds their partition
 * past their offset ({@link #raise}); then each goes to the recent buffer and to every subscriber
 * of its calendar. A new subscriber waits in the same line: its {@code ready} comes once the store
 * holds every record read before it subscribed, so that a refetch then misses nothing and every
 * later change reaches it. A calendar stays watched for the buffer's age after its last subscriber
 * left, so that a reconnect finds its changes buffered. Thread-safe; one lock guards the state.
 */
@Component
public class StreamHub {

    static final String READY = "ready";
    static final String RESET = "reset";
    static final String TOO_OLD = "positions_too_old";
    static final String SLOW_CLIENT = "slow_client";
    static final String READER_RESTARTED = "reader_restarted";

    /** A subscription's notice: ready (refetch, then follow the changes) or reset (refetch everything, then follow). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Notice(List<String> calendarIds, @Nullable String reason) {
    }

    private sealed interface Pending permits Change, Marker, Join {
    }

    private record Change(StreamEvent event) implements Pending {
    }

    /** The reader's positions after a poll: once released, every change before them is. */
    private record Marker(Map<TopicPartition, Long> positions) implements Pending {
    }

    /** A subscriber waiting until the store holds each of its partitions through {@code requirement}. */
    private record Join(Subscriber subscriber, Map<TopicPartition, Long> requirement, @Nullable String resetReason) implements Pending {
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
            this.sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<ServerSentEvent<Object>>get(buffer).get());
        }
    }

    private final int maxStreams;
    private final int clientBuffer;
    private final Duration linger;
    private final Clock clock;
    private final RecentEvents recent;
    private final Semaphore demand = new Semaphore(0);
    private final AtomicInteger openStreams = new AtomicInteger();
    private final MeterRegistry meters;
    private final Counter dropped;

    private final Map<String, Watch> watches = new HashMap<>();
    private final Map<String, Set<Subscriber>> attached = new HashMap<>();
    private final Deque<Pending> pending = new ArrayDeque<>();
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
                     @Value("${almanac.query.stream.recent-events:10000}") int recentEvents,
                     @Value("${almanac.query.stream.recent-age:10m}") Duration recentAge,
                     MeterRegistry meters, ObjectProvider<Clock> clock) {
        this(maxStreams, clientBuffer, recentEvents, recentAge, meters, clock.getIfAvailable(Clock::systemUTC));
    }

    StreamHub(int maxStreams, int clientBuffer, int recentEvents, Duration recentAge, MeterRegistry meters, Clock clock) {
        this.maxStreams = maxStreams;
        this.clientBuffer = clientBuffer;
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
        Stream.of(TOO_OLD, SLOW_CLIENT, READER_RESTARTED).forEach(this::resets);
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
                    .doFinally(signal -> unregister(subscriber));
        })
                // Changes are emitted under the hub's lock; they reach the connection on another thread.
                .publishOn(Schedulers.parallel());
    }

    // ----- the reader's side

    /** Whether some calendar is watched, and so the reader must read. */
    synchronized boolean wantsReading() {
        return !watches.isEmpty();
    }

    /** Waits up to {@code timeout} for a subscription to arrive; true if one did. */
    boolean awaitDemand(Duration timeout) throws InterruptedException {
        return demand.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        watches.forEach((calendar, watch) -> watch.from = positionsOf(partitionsOf(calendar), readPositions));
        // After a failure the reader starts again where the store stops: what it skipped is held, and its subscribers refetch it.
        attached.values().stream().flatMap(Set::stream).distinct().toList().forEach(subscriber -> {
            resets(READER_RESTARTED).increment();
            emit(subscriber, notice(subscriber, RESET, READER_RESTARTED));
        });
        List<Subscriber> waiting = List.copyOf(waitingForStart);
        waitingForStart.clear();
        waiting.forEach(subscriber -> join(subscriber, subscriber.resumeFrom == null ? null : TOO_OLD));
    }

    /** Stops when nothing is watched: the reader then reads nothing until a subscription arrives. */
    synchronized boolean stopIfIdle() {
        if (!watches.isEmpty()) {
            return false;
        }
        started = false;
        pending.clear();
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
                StreamEvent.of(record).ifPresent(event -> pending.addLast(new Change(event)));
            }
        }
        boolean moved = false;
        for (Map.Entry<TopicPartition, Long> position : positionsAfter.entrySet()) {
            moved |= !position.getValue().equals(readPositions.put(position.getKey(), position.getValue()));
        }
        if (moved) {
            pending.addLast(new Marker(Map.copyOf(readPositions)));
        }
        release();
    }

    /** The store holds these partitions through these offsets (the highest offset it holds of each). */
    synchronized void raise(Map<TopicPartition, Long> through) {
        through.forEach((partition, offset) -> held.merge(partition, offset, Math::max));
        release();
    }

    /** The partitions whose projection something waits for; empty when nothing waits, and then the store is not read. */
    synchronized Set<TopicPartition> waitingOn() {
        Set<TopicPartition> waiting = new HashSet<>();
        for (Pending entry : pending) {
            if (entry instanceof Change change && !holds(change.event().partition(), change.event().offset())) {
                waiting.add(change.event().partition());
            } else if (entry instanceof Join join) {
                join.requirement().forEach((partition, offset) -> {
                    if (!holds(partition, offset)) {
                        waiting.add(partition);
                    }
                });
            }
        }
        return waiting;
    }

    /** Drops buffered changes past their age, and stops watching calendars left alone for as long. */
    synchronized void expire() {
        recent.evict();
        Instant unwatched = clock.instant().minus(linger);
        watches.values().removeIf(watch -> watch.subscribers == 0 && !watch.idleSince.isAfter(unwatched));
    }

    // ----- under the lock

    private synchronized void register(Subscriber subscriber) {
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
        detach(subscriber);
        waitingForStart.remove(subscriber);
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
        pending.addLast(new Join(subscriber, positionsOf(subscriber.partitions, lastRecords), resetReason));
        release();
    }

    private void release() {
        while (!pending.isEmpty()) {
            Pending head = pending.peekFirst();
            if (head instanceof Change change) {
                StreamEvent event = change.event();
                if (!holds(event.partition(), event.offset())) {
                    return;
                }
                released.merge(event.partition(), event.offset() + 1, Math::max);
                recent.add(event);
                for (Subscriber subscriber : List.copyOf(attached.getOrDefault(event.calendarId(), Set.of()))) {
                    emit(subscriber, change(event, positions(subscriber)));
                }
            } else if (head instanceof Marker marker) {
                marker.positions().forEach((partition, offset) -> released.merge(partition, offset, Math::max));
            } else if (head instanceof Join join) {
                if (!join.requirement().entrySet().stream().allMatch(entry -> holds(entry.getKey(), entry.getValue()))) {
                    return;
                }
                Subscriber subscriber = join.subscriber();
                if (!subscriber.closed) {
                    attach(subscriber);
                    if (join.resetReason() != null) {
                        resets(join.resetReason()).increment();
                    }
                    emit(subscriber, notice(subscriber, join.resetReason() == null ? READY : RESET, join.resetReason()));
                }
            }
            pending.removeFirst();
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
                .description("Resets sent: a resume older than the buffer holds, or a client dropped as too slow").register(meters);
    }
}

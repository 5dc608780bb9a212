package dev.almanac.query.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * finds its changes buffered. Thread-safe; one lock guards the state, that of its parts too: the queues
 * ({@link PartitionQueues}), the reader's positions ({@link PartitionPositions}) and the buffer ({@link RecentEvents}).
 * The stream slots ({@link StreamSlots}) and the meters ({@link StreamMeters}) are its own.
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

    /** A subscriber waiting until the store holds each of its partitions through {@code requirement}: what was read of them before it subscribed. */
    private record Join(StreamSubscriber subscriber, Map<TopicPartition, Long> requirement, @Nullable String resetReason) {
    }

    private final int clientBuffer;
    private final Duration linger;
    private final Clock clock;
    private final RecentEvents recent;
    private final Semaphore demand = new Semaphore(0);
    private final StreamSlots slots;
    private final StreamMeters meters;
    private final PartitionQueues queues;
    private final PartitionPositions positions = new PartitionPositions();
    private final RuleCalendars ruleCalendars;

    private final CalendarWatches watches = new CalendarWatches();
    private final Map<String, Set<StreamSubscriber>> attached = new HashMap<>();
    private final Set<Join> joins = new LinkedHashSet<>();
    private int subscribers;
    private final List<StreamSubscriber> waitingForStart = new ArrayList<>();
    private boolean started;

    @Autowired
    public StreamHub(@Value("${almanac.query.stream.max-streams:1000}") int maxStreams,
                     @Value("${almanac.query.stream.client-buffer:1000}") int clientBuffer,
                     @Value("${almanac.query.stream.max-waiting:#{10 * ${almanac.query.stream.client-buffer:1000}}}") int maxWaiting,
                     @Value("${almanac.query.stream.recent-events:10000}") int recentEvents,
                     @Value("${almanac.query.stream.recent-age:10m}") Duration recentAge,
                     MeterRegistry meters, ObjectProvider<Clock> clock, RuleCalendars ruleCalendars) {
        this(maxStreams, clientBuffer, maxWaiting, recentEvents, recentAge, meters, clock.getIfAvailable(Clock::systemUTC), ruleCalendars);
    }

    /** Without rules: a rule's record is a change of no calendar. */
    StreamHub(int maxStreams, int clientBuffer, int maxWaiting, int recentEvents, Duration recentAge, MeterRegistry meters, Clock clock) {
        this(maxStreams, clientBuffer, maxWaiting, recentEvents, recentAge, meters, clock, record -> Set.of());
    }

    StreamHub(int maxStreams, int clientBuffer, int maxWaiting, int recentEvents, Duration recentAge, MeterRegistry meters, Clock clock,
              RuleCalendars ruleCalendars) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("almanac.query.stream.max-waiting must be at least 1, got " + maxWaiting);
        }
        this.clientBuffer = clientBuffer;
        this.linger = recentAge;
        this.clock = clock;
        this.recent = new RecentEvents(recentEvents, recentAge, clock);
        this.slots = new StreamSlots(maxStreams, meters);
        this.meters = new StreamMeters(meters);
        this.queues = new PartitionQueues(maxWaiting);
        this.ruleCalendars = ruleCalendars;
    }

    /** Takes one of the process's stream slots; empty when every slot is taken. */
    Optional<StreamSlots.Slot> tryOpen() {
        return slots.tryOpen();
    }

    /** Whether a slot is free now, for an answer that opens no stream (a HEAD). */
    boolean hasRoom() {
        return slots.hasRoom();
    }

    /**
     * The events of a subscription to these calendars: {@code ready} (or {@code reset} when {@code resumeFrom} is older than
     * the buffer holds) and then each change, or, when {@code resumeFrom} is covered, the buffered changes after it and then
     * each new change. A client too slow for its buffer gets a last {@code reset} and the stream ends.
     */
    Flux<ServerSentEvent<Object>> subscribe(Set<String> calendars, @Nullable StreamPositions resumeFrom) {
        return Flux.defer(() -> {
            StreamSubscriber subscriber = new StreamSubscriber(Set.copyOf(calendars), resumeFrom, clientBuffer);
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

    /** Waits for a subscription to arrive, however long, and then forgets any others that did too. */
    void awaitDemand() throws InterruptedException {
        demand.acquire();
        demand.drainPermits();
    }

    /** Forgets the subscriptions that arrived so far: the reader waits for the next one, not for these. */
    void forgetDemand() {
        demand.drainPermits();
    }

    /** The reader starts from these positions, those of every partition of the followed topics. */
    synchronized void started(Map<TopicPartition, Long> from) {
        positions.started(from);
        recent.restart(from);
        started = true;
        // The reader starts where the store stops: a change that waited is read again, or held by now and in the refetch below.
        queues.clear();
        watches.restart(this::readFrom);
        // After a failure the reader starts again where the store stops: what it skipped is held, and its subscribers refetch it.
        attached.values().stream().flatMap(Set::stream).distinct().toList().forEach(subscriber -> {
            meters.resets(READER_RESTARTED).increment();
            emit(subscriber, notice(subscriber, RESET, READER_RESTARTED));
        });
        List<StreamSubscriber> waiting = List.copyOf(waitingForStart);
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
        queues.forgetHeld();
        joins.clear();
        positions.clear();
        // Nothing is replayed from it until the reader starts again, which empties it: dropped now, it needs no evicting meanwhile.
        recent.restart(Map.of());
        return true;
    }

    /**
     * One poll of the reader, and its positions after it. The key is matched before anything of the record is decoded; a
     * rule's record is a change of each watched calendar its occurrences land on ({@link RuleCalendars}).
     */
    synchronized void read(Iterable<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, Long> positionsAfter) {
        for (ConsumerRecord<String, byte[]> record : records) {
            positions.recordRead(new TopicPartition(record.topic(), record.partition()), record.offset());
            if (record.key() == null) {
                continue;
            }
            if (record.topic().equals(StreamTopic.RULES.topic())) {
                for (String calendar : ruleCalendars.of(record)) {
                    if (watches.watches(calendar)) {
                        StreamEvent.of(record, calendar).ifPresent(queues::enqueue);
                    }
                }
            } else if (watches.watches(record.key())) {
                StreamEvent.of(record).ifPresent(queues::enqueue);
            }
        }
        positionsAfter.forEach((partition, position) -> {
            positions.readTo(partition, position);
            if (!queues.isWaiting(partition)) {
                // Nothing of this partition waits: every change read of it before this position has been released.
                positions.releasedTo(partition, position);
            }
        });
        release();
        queues.limit();
    }

    /** The store holds these partitions through these offsets (the highest offset it holds of each). */
    synchronized void raise(Map<TopicPartition, Long> through) {
        queues.raise(through);
        release();
    }

    /** The partitions whose projection something waits for; empty when nothing waits, and then the store is not read. */
    synchronized Set<TopicPartition> waitingOn() {
        Set<TopicPartition> waiting = queues.waitingOn();
        joins.forEach(join -> join.requirement().forEach((partition, offset) -> {
            if (!queues.holds(partition, offset)) {
                waiting.add(partition);
            }
        }));
        return waiting;
    }

    /** How many entries wait in the partitions' queues: changes, and lapses standing for the changes dropped. */
    synchronized int queued() {
        return queues.size();
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
        watches.expire(unwatched);
    }

    // ----- under the lock

    private synchronized void register(StreamSubscriber subscriber) {
        subscribers++;
        boolean covered = started && subscriber.resumeFrom != null && covers(subscriber.calendars, subscriber.resumeFrom);
        watches.join(subscriber.calendars, started, this::readFrom);
        if (!started) {
            waitingForStart.add(subscriber);
        } else if (covered) {
            resume(subscriber, Objects.requireNonNull(subscriber.resumeFrom));
        } else {
            join(subscriber, subscriber.resumeFrom == null ? null : TOO_OLD);
        }
        demand.release();
    }

    private synchronized void unregister(StreamSubscriber subscriber) {
        if (subscriber.closed) {
            return;
        }
        subscriber.closed = true;
        subscribers--;
        detach(subscriber);
        waitingForStart.remove(subscriber);
        joins.removeIf(join -> join.subscriber() == subscriber);
        watches.leave(subscriber.calendars, clock.instant());
    }

    /** Whether every change of these calendars from these positions on is buffered, or not yet released. */
    private boolean covers(Set<String> calendars, StreamPositions from) {
        for (String calendar : calendars) {
            Map<TopicPartition, Long> kept = watches.keptFrom(calendar);
            if (kept.isEmpty()) {
                return false;
            }
            for (TopicPartition partition : positions.partitionsOf(calendar)) {
                Long at = from.offsets().get(partition);
                Long watchedFrom = kept.get(partition);
                if (at == null || watchedFrom == null || watchedFrom > at || !recent.holdsFrom(partition, at)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void resume(StreamSubscriber subscriber, StreamPositions from) {
        subscriber.partitions = positions.partitionsOf(subscriber.calendars);
        Map<TopicPartition, Long> resumed = new HashMap<>(PartitionPositions.of(subscriber.partitions, from.offsets()));
        for (StreamEvent event : recent.since(subscriber.calendars, from.offsets())) {
            resumed.merge(event.partition(), event.offset() + 1, Math::max);
            emit(subscriber, StreamSubscriber.change(event, new StreamPositions(PartitionPositions.of(subscriber.partitions, resumed))));
        }
        subscriber.floor = Map.copyOf(resumed);
        attach(subscriber);
    }

    private void join(StreamSubscriber subscriber, @Nullable String resetReason) {
        subscriber.partitions = positions.partitionsOf(subscriber.calendars);
        subscriber.floor = positions.read(subscriber.partitions);
        joins.add(new Join(subscriber, positions.lastRecords(subscriber.partitions), resetReason));
        release();
    }

    /**
     * Sends what heads each partition's queue while the store holds it; then a subscriber whose partitions the store holds
     * through what was read before it subscribed is ready, since nothing read of them before it still waits.
     */
    private void release() {
        queues.release(this::send, this::lapsed, positions::releasedAllRead);
        for (Iterator<Join> waiting = joins.iterator(); waiting.hasNext(); ) {
            Join join = waiting.next();
            if (join.requirement().entrySet().stream().allMatch(entry -> queues.holds(entry.getKey(), entry.getValue()))) {
                waiting.remove();
                complete(join);
            }
        }
    }

    private void send(StreamEvent event) {
        positions.releasedTo(event.partition(), event.offset() + 1);
        recent.add(event);
        for (StreamSubscriber subscriber : List.copyOf(attached.getOrDefault(event.calendarId(), Set.of()))) {
            emit(subscriber, StreamSubscriber.change(event, positions(subscriber)));
        }
    }

    /** The store holds what a lapse dropped: its calendars' subscribers refetch, and the buffer no longer resumes from before. */
    private void lapsed(TopicPartition partition, PartitionQueues.Lapse lapse) {
        positions.releasedTo(partition, lapse.through() + 1);
        recent.lapse(partition, lapse.through() + 1);
        Set<StreamSubscriber> told = new LinkedHashSet<>();
        lapse.calendars().forEach(calendar -> told.addAll(attached.getOrDefault(calendar, Set.of())));
        for (StreamSubscriber subscriber : told) {
            meters.resets(PROJECTION_LAGGING).increment();
            emit(subscriber, notice(subscriber, RESET, PROJECTION_LAGGING));
        }
    }

    /** The subscriber is attached and told: ready, or reset. */
    private void complete(Join join) {
        StreamSubscriber subscriber = join.subscriber();
        if (!subscriber.closed) {
            attach(subscriber);
            if (join.resetReason() != null) {
                meters.resets(join.resetReason()).increment();
            }
            emit(subscriber, notice(subscriber, join.resetReason() == null ? READY : RESET, join.resetReason()));
        }
    }

    private void attach(StreamSubscriber subscriber) {
        subscriber.calendars.forEach(calendar -> attached.computeIfAbsent(calendar, key -> new LinkedHashSet<>()).add(subscriber));
    }

    private void detach(StreamSubscriber subscriber) {
        subscriber.calendars.forEach(calendar -> {
            Set<StreamSubscriber> subscribers = attached.get(calendar);
            if (subscribers != null && subscribers.remove(subscriber) && subscribers.isEmpty()) {
                attached.remove(calendar);
            }
        });
    }

    private void emit(StreamSubscriber subscriber, ServerSentEvent<Object> event) {
        if (subscriber.closed || subscriber.farewellId != null) {
            return;
        }
        Sinks.EmitResult result = subscriber.sink.tryEmitNext(event);
        if (result.isSuccess()) {
            meters.sent(Objects.requireNonNull(event.event())).increment();
        } else if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            // A client that reads slower than its calendars change would hold ever more memory: it is let go, told to refetch.
            meters.dropped().increment();
            detach(subscriber);
            subscriber.farewellId = positions(subscriber).encode();
            subscriber.sink.tryEmitComplete();
        }
    }

    private @Nullable ServerSentEvent<Object> farewell(StreamSubscriber subscriber) {
        String farewellId = subscriber.farewellId;
        if (farewellId == null) {
            return null;
        }
        meters.resets(SLOW_CLIENT).increment();
        return subscriber.farewell(farewellId);
    }

    /**
     * The last event of a stream whose caller lost the role on {@code calendars}: a reset naming them, without a position,
     * since a reconnect is answered 403 rather than resumed.
     */
    ServerSentEvent<Object> revoked(List<String> calendars) {
        meters.resets(ROLE_REVOKED).increment();
        return ServerSentEvent.builder((Object) new Notice(calendars, ROLE_REVOKED)).event(RESET).build();
    }

    private ServerSentEvent<Object> notice(StreamSubscriber subscriber, String name, @Nullable String reason) {
        return subscriber.notice(name, reason, positions);
    }

    /** How far the reader read the calendar's partitions: where a watch of it starts. */
    private Map<TopicPartition, Long> readFrom(String calendar) {
        return positions.read(positions.partitionsOf(calendar));
    }

    private StreamPositions positions(StreamSubscriber subscriber) {
        return subscriber.positions(positions);
    }
}

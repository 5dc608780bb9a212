package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.support.TestClock;

/** The hub without Kafka: records go in as the reader would hand them over, and the store's progress as the projection reports it. */
class StreamHubTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final TopicPartition SCHEDULE = new TopicPartition(Topics.SCHEDULE, 0);
    private static final TopicPartition CONFLICTS = new TopicPartition(Topics.CONFLICTS, 0);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestClock clock = TestClock.pinnedAt(Instant.parse("2026-11-25T06:00:00Z"));
    private final Map<TopicPartition, Long> positions = new HashMap<>(Map.of(SCHEDULE, 10L, CONFLICTS, 0L));
    private StreamHub hub;

    @BeforeEach
    void startedReader() {
        hub = hub(1000, 100);
    }

    @Test
    void aSubscriberIsReadyAtOnceAndGetsOnlyItsCalendarsChanges() {
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .assertNext(event -> assertThat(event.event()).isEqualTo(StreamHub.READY))
                .then(() -> {
                    readAndHold(record(Topics.SCHEDULE, 10, "cal-b", "item-b"), record(Topics.SCHEDULE, 11, "cal-a", "item-a"),
                            record(Topics.CONFLICTS, 0, "cal-a", "conflict-a"));
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("entry");
                    assertThat(change(event).subject()).isEqualTo("item-a");
                    assertThat(change(event).calendarId()).isEqualTo("cal-a");
                    assertThat(change(event).version()).isEqualTo(3L);
                    assertThat(change(event).consistencyToken()).isNotNull();
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("conflict");
                    assertThat(change(event).consistencyToken()).as("conflicts take no consistency token").isNull();
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aChangeWaitsUntilTheStoreHoldsItsPartitionPastItsOffset() {
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    read(record(Topics.SCHEDULE, 10, "cal-a", "item-1"), record(Topics.SCHEDULE, 11, "cal-a", "item-2"));
                    hub.raise(Map.of(SCHEDULE, 10L));
                })
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-1"))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> assertThat(hub.waitingOn()).containsExactly(SCHEDULE))
                .then(() -> hub.raise(Map.of(SCHEDULE, 11L)))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-2"))
                .then(() -> assertThat(hub.waitingOn()).isEmpty())
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void readyWaitsUntilTheStoreHoldsWhatWasReadBeforeTheSubscription() {
        read(record(Topics.SCHEDULE, 10, "cal-z", "item-z"));

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectSubscription()
                .then(() -> await().atMost(WAIT).until(() -> hub.joining() == 1))
                .expectNoEvent(Duration.ofMillis(200))
                .then(() -> hub.raise(Map.of(SCHEDULE, 10L)))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aReconnectWithTheLastIdGetsWhatItMissedFromTheBufferAndThenFollows() {
        String lastId = idOfTheLastEventBeforeLeaving(() -> readAndHold(record(Topics.SCHEDULE, 10, "cal-a", "item-1")), 1);
        readAndHold(record(Topics.SCHEDULE, 11, "cal-a", "item-2"), record(Topics.SCHEDULE, 12, "cal-b", "item-b"),
                record(Topics.SCHEDULE, 13, "cal-a", "item-3"));

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), StreamPositions.decode(lastId).orElseThrow()))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-2"))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-3"))
                .then(() -> readAndHold(record(Topics.SCHEDULE, 14, "cal-a", "item-4")))
                .assertNext(event -> {
                    assertThat(change(event).subject()).isEqualTo("item-4");
                    assertThat(StreamPositions.decode(event.id()).orElseThrow().offsets()).containsEntry(SCHEDULE, 15L);
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aReconnectFromBeforeWhatTheBufferHoldsIsToldToRefetchEverything() {
        hub = hub(1000, 2);
        String readyId = idOfTheLastEventBeforeLeaving(() -> { }, 0);
        readAndHold(record(Topics.SCHEDULE, 10, "cal-a", "item-1"), record(Topics.SCHEDULE, 11, "cal-a", "item-2"),
                record(Topics.SCHEDULE, 12, "cal-a", "item-3"));

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), StreamPositions.decode(readyId).orElseThrow()))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo(StreamHub.RESET);
                    assertThat(((StreamHub.Notice) event.data()).reason()).isEqualTo(StreamHub.TOO_OLD);
                    assertThat(StreamPositions.decode(event.id()).orElseThrow().offsets()).containsEntry(SCHEDULE, 13L);
                })
                .then(() -> {
                    readAndHold(record(Topics.SCHEDULE, 13, "cal-a", "item-4"));
                })
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-4"))
                .thenCancel()
                .verify(WAIT);
        assertThat(meters.counter("almanac.stream.resets", "reason", StreamHub.TOO_OLD).count()).isEqualTo(1);
    }

    @Test
    void aReconnectForACalendarThisProcessDidNotWatchIsToldToRefetchEverything() {
        StreamPositions elsewhere = new StreamPositions(Map.of(SCHEDULE, 10L, CONFLICTS, 0L));

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), elsewhere))
                .assertNext(event -> assertThat(event.event()).isEqualTo(StreamHub.RESET))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aClientTooSlowForItsBufferGetsALastResetAndIsLetGo() {
        hub = hub(8, 1000);
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null), 1)
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    for (long offset = 10; offset < 410; offset++) {
                        readAndHold(record(Topics.SCHEDULE, offset, "cal-a", "item-" + offset));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(event -> "entry".equals(event.event()))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo(StreamHub.RESET);
                    assertThat(((StreamHub.Notice) event.data()).reason()).isEqualTo(StreamHub.SLOW_CLIENT);
                })
                .expectComplete()
                .verify(WAIT);
        assertThat(meters.counter("almanac.stream.clients.dropped").count()).isEqualTo(1);
    }

    @Test
    void aNewSubscriberGetsNoneOfTheChangesReadBeforeItAndEachOneSentAfterItsReady() {
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> read(record(Topics.SCHEDULE, 10, "cal-a", "item-before")))
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                        .expectSubscription()
                        .then(() -> {
                            await().atMost(WAIT).until(() -> hub.joining() == 1);
                            read(record(Topics.SCHEDULE, 11, "cal-a", "item-after"));
                            hub.raise(Map.of(SCHEDULE, 10L));
                        })
                        .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                        .then(() -> hub.raise(Map.of(SCHEDULE, 11L)))
                        .assertNext(event -> assertThat(change(event).subject()).as("item-before is in its refetch").isEqualTo("item-after"))
                        .thenCancel()
                        .verify(WAIT))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-before"))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-after"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aChangeOnAHeldPartitionIsSentWhileAnotherPartitionLags() {
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    read(record(Topics.CONFLICTS, 0, "cal-a", "conflict-lagging"));
                    readAndHold(record(Topics.SCHEDULE, 10, "cal-a", "item-held"));
                })
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-held"))
                .then(() -> assertThat(hub.waitingOn()).containsExactly(CONFLICTS))
                .then(() -> hub.raise(Map.of(CONFLICTS, 0L)))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("conflict-lagging"))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void aNewSubscriberOfHeldPartitionsIsReadyWhileAnUnrelatedPartitionLags() {
        TopicPartition lagging = new TopicPartition(Topics.SCHEDULE, 1);
        positions.put(lagging, 10L);
        hub = hub(1000, 100);
        String onLagging = calendarOn(1, 2);
        String onHeld = calendarOn(0, 2);
        StepVerifier.create(hub.subscribe(Set.of(onLagging), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> read(record(Topics.SCHEDULE, 1, 10, onLagging, "item-lagging")))
                .thenCancel()
                .verify(WAIT);

        StepVerifier.create(hub.subscribe(Set.of(onHeld), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> readAndHold(record(Topics.SCHEDULE, 0, 10, onHeld, "item-held")))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-held"))
                .thenCancel()
                .verify(WAIT);
        assertThat(hub.waitingOn()).containsExactly(lagging);
    }

    @Test
    void aSubscriberWaitingForALaggingPartitionHoldsBackNoOtherCalendarsChanges() {
        TopicPartition lagging = new TopicPartition(Topics.SCHEDULE, 1);
        positions.put(lagging, 10L);
        hub = hub(1000, 100);
        String onLagging = calendarOn(1, 2);
        String onHeld = calendarOn(0, 2);
        List<ServerSentEvent<Object>> toTheWaitingOne = new CopyOnWriteArrayList<>();
        Disposable[] waiting = new Disposable[1];
        StepVerifier.create(hub.subscribe(Set.of(onHeld), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    read(record(Topics.SCHEDULE, 1, 10, onLagging, "item-lagging"));
                    waiting[0] = hub.subscribe(Set.of(onLagging), null).subscribe(toTheWaitingOne::add);
                    await().atMost(WAIT).untilAsserted(() -> assertThat(hub.waitingOn()).containsExactly(lagging));
                    readAndHold(record(Topics.CONFLICTS, 0, "cal-unwatched", "conflict-shared-partition"),
                            record(Topics.CONFLICTS, 1, onHeld, "conflict-held"));
                })
                .assertNext(event -> assertThat(change(event).subject()).as("on a partition the waiting subscriber shares")
                        .isEqualTo("conflict-held"))
                .thenCancel()
                .verify(WAIT);
        assertThat(toTheWaitingOne).as("not ready while its own partition lags").isEmpty();
        waiting[0].dispose();
    }

    @Test
    void whatWaitsDoesNotGrowWithPollsThatReadNothingWatched() {
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    read(record(Topics.SCHEDULE, 10, "cal-a", "item-waiting"));
                    for (long offset = 0; offset < 100; offset++) {
                        read(record(Topics.CONFLICTS, offset, "cal-unwatched", "conflict-" + offset));
                    }
                    assertThat(hub.queued()).as("the one change that waits, and nothing for each poll").isEqualTo(1);
                    hub.raise(Map.of(SCHEDULE, 10L));
                })
                .assertNext(event -> {
                    assertThat(change(event).subject()).isEqualTo("item-waiting");
                    assertThat(StreamPositions.decode(event.id()).orElseThrow().offsets())
                            .as("every conflict was read and none watched").containsEntry(CONFLICTS, 100L);
                })
                .then(() -> assertThat(hub.queued()).isZero())
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void beyondTheCapOfWaitingChangesTheirSubscribersAreToldToRefetchOnceTheStoreHoldsThem() {
        hub = hub(1000, 100, 4);
        String[] readyId = new String[1];
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .assertNext(event -> readyId[0] = event.id())
                .then(() -> {
                    for (long offset = 10; offset < 16; offset++) {
                        read(record(Topics.SCHEDULE, offset, "cal-a", "item-" + offset));
                    }
                    assertThat(hub.queued()).as("six changes over a cap of four, dropped for one reset").isEqualTo(1);
                    read(record(Topics.SCHEDULE, 16, "cal-a", "item-16"));
                    assertThat(hub.queued()).as("a change behind them joins them").isEqualTo(1);
                })
                .expectNoEvent(Duration.ofMillis(100))
                .then(() -> hub.raise(Map.of(SCHEDULE, 16L)))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo(StreamHub.RESET);
                    assertThat(((StreamHub.Notice) event.data()).reason()).isEqualTo(StreamHub.PROJECTION_LAGGING);
                    assertThat(StreamPositions.decode(event.id()).orElseThrow().offsets()).containsEntry(SCHEDULE, 17L);
                })
                .then(() -> readAndHold(record(Topics.SCHEDULE, 17, "cal-a", "item-17")))
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("item-17"))
                .thenCancel()
                .verify(WAIT);
        assertThat(meters.counter("almanac.stream.resets", "reason", StreamHub.PROJECTION_LAGGING).count()).isEqualTo(1);

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), StreamPositions.decode(readyId[0]).orElseThrow()))
                .assertNext(event -> assertThat(((StreamHub.Notice) event.data()).reason())
                        .as("the buffer lacks the changes dropped").isEqualTo(StreamHub.TOO_OLD))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void subscribingAndLeavingNeverWaitForTheHubsLockOnTheCallingThread() throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            // The hub's state is guarded by its monitor: the reader holds it while it reads, releases and sends.
            synchronized (hub) {
                locked.countDown();
                LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            }
        });
        holder.start();
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();
        List<ServerSentEvent<Object>> events = new CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        Disposable left = hub.subscribe(Set.of("cal-b"), null).subscribe();
        left.dispose();
        Disposable staying = hub.subscribe(Set.of("cal-a"), null).subscribe(events::add);
        Duration taken = Duration.ofNanos(System.nanoTime() - start);

        assertThat(taken).as("the connection's thread went on while another held the lock").isLessThan(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> events.size() == 1);
        assertThat(events.get(0).event()).isEqualTo(StreamHub.READY);
        staying.dispose();
        holder.join();
    }

    @Test
    void aClientIsLetGoOnceItsBufferIsFullAndNoLater() {
        int clientBuffer = 10;
        hub = hub(clientBuffer, 1000);
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null), 1)
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> {
                    for (long offset = 10; offset < 310; offset++) {
                        readAndHold(record(Topics.SCHEDULE, offset, "cal-a", "item-" + offset));
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .recordWith(ArrayList::new)
                .thenConsumeWhile(event -> "entry".equals(event.event()))
                .consumeRecordedWith(entries -> assertThat(entries).as("its buffer, and what the operators on the way hold")
                        .hasSizeBetween(clientBuffer, clientBuffer + 2))
                .assertNext(event -> assertThat(((StreamHub.Notice) event.data()).reason()).isEqualTo(StreamHub.SLOW_CLIENT))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void theReaderMayStopOnlyOnceNoCalendarIsWatchedAnyMore() {
        assertThat(hub.wantsReading()).isFalse();
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> assertThat(hub.wantsReading()).isTrue())
                .thenCancel()
                .verify(WAIT);
        await().atMost(WAIT).until(() -> hub.subscribers() == 0);

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        hub.expire();
        assertThat(hub.stopIfIdle()).as("a calendar stays watched for the buffer's age, so a reconnect can resume").isFalse();

        clock.advance(Duration.ofSeconds(1));
        hub.expire();
        assertThat(hub.wantsReading()).isFalse();
        assertThat(hub.stopIfIdle()).as("the buffer's age after the last subscriber left").isTrue();
    }

    /**
     * A rule's event is one change of every calendar its occurrences land on (ADR 0068): its records are keyed by rule id, so
     * a subscriber follows every partition of the rules topic. A missed run, on the missed runs' topic, is a change of its own
     * (ADR 0072).
     */
    @Test
    void aRulesEventIsOneChangeOfEachOfItsCalendarsAndAMissedRunOneOfItsOwn() {
        TopicPartition rules0 = new TopicPartition(Topics.RULES, 0);
        TopicPartition rules1 = new TopicPartition(Topics.RULES, 1);
        TopicPartition missedRuns = new TopicPartition(Topics.MISSED_RUNS, 0);
        positions.putAll(Map.of(rules0, 0L, rules1, 0L, missedRuns, 0L));
        hub = new StreamHub(10, 100, 1000, 100, Duration.ofMinutes(10), meters, clock,
                record -> record.key().equals("rule-x") ? Set.of("cal-a", "cal-b") : Set.of("cal-c"));
        hub.started(positions);
        ConsumerRecord<String, byte[]> ruleUpdated = record(Topics.RULES, 1, 0, "rule-x", "rule-x");
        ConsumerRecord<String, byte[]> missed = record(Topics.MISSED_RUNS, 0, 0, "cal-a", "occ-2");

        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(() -> readAndHold(record(Topics.RULES, 0, 0, "rule-elsewhere", "rule-elsewhere"), ruleUpdated, missed))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("entry");
                    assertThat(change(event).subject()).isEqualTo("rule-x");
                    assertThat(change(event).calendarId()).isEqualTo("cal-a");
                    assertThat(change(event).consistencyToken()).isEqualTo(ConsistencyToken.rule("rule-x", 3).encode());
                    assertThat(StreamPositions.decode(event.id()).orElseThrow().offsets()).containsKeys(rules0, rules1);
                })
                .assertNext(event -> assertThat(change(event).subject()).isEqualTo("occ-2"))
                .expectNoEvent(Duration.ofMillis(200))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void everyEventAndResetSeriesIsThereAtZeroBeforeTheFirstStream() {
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        new StreamHub(10, 10, 100, 10, Duration.ofMinutes(10), fresh, Clock.systemUTC());

        assertThat(fresh.find("almanac.stream.events.sent").counters()).extracting(counter -> counter.getId().getTag("event"))
                .containsExactlyInAnyOrder("ready", "reset", "entry", "conflict", "run", "calendar");
        assertThat(fresh.find("almanac.stream.resets").counters()).extracting(counter -> counter.getId().getTag("reason"))
                .containsExactlyInAnyOrder(StreamHub.TOO_OLD, StreamHub.SLOW_CLIENT, StreamHub.READER_RESTARTED,
                        StreamHub.PROJECTION_LAGGING, StreamHub.ROLE_REVOKED);
        assertThat(fresh.find("almanac.stream.events.sent").counters()).allSatisfy(counter -> assertThat(counter.count()).isZero());
    }

    private StreamHub hub(int clientBuffer, int recentEvents) {
        return hub(clientBuffer, recentEvents, 10 * clientBuffer);
    }

    private StreamHub hub(int clientBuffer, int recentEvents, int maxWaiting) {
        StreamHub created = new StreamHub(10, clientBuffer, maxWaiting, recentEvents, Duration.ofMinutes(10), meters, clock);
        created.started(positions);
        return created;
    }

    /** A calendar whose records take this partition of a topic of that many. */
    private static String calendarOn(int partition, int partitions) {
        for (int candidate = 0; ; candidate++) {
            if (StreamTopic.partitionOf("cal-" + candidate, partitions) == partition) {
                return "cal-" + candidate;
            }
        }
    }

    @SafeVarargs
    private void read(ConsumerRecord<String, byte[]>... records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            positions.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        hub.read(List.of(records), Map.copyOf(positions));
    }

    /** A subscriber of cal-a that, once ready, sees {@code afterReady} happen, takes that many more events and leaves. */
    private String idOfTheLastEventBeforeLeaving(Runnable afterReady, int events) {
        String[] lastId = new String[1];
        StepVerifier.create(hub.subscribe(Set.of("cal-a"), null).doOnNext(event -> lastId[0] = event.id()))
                .expectNextMatches(event -> StreamHub.READY.equals(event.event()))
                .then(afterReady)
                .expectNextCount(events)
                .thenCancel()
                .verify(WAIT);
        return lastId[0];
    }

    /** Records the reader hands over, and the store holding them: the projection caught up. */
    @SafeVarargs
    private void readAndHold(ConsumerRecord<String, byte[]>... records) {
        read(records);
        for (ConsumerRecord<String, byte[]> record : records) {
            hub.raise(Map.of(new TopicPartition(record.topic(), record.partition()), record.offset()));
        }
    }

    private static StreamChange change(ServerSentEvent<Object> event) {
        return (StreamChange) event.data();
    }

    static ConsumerRecord<String, byte[]> record(String topic, long offset, String calendar, String subject) {
        return record(topic, 0, offset, calendar, subject);
    }

    static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String calendar, String subject) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, partition, offset, calendar, new byte[] {'{', '}'});
        String domain = topic.equals(Topics.CONFLICTS) ? "conflict" : topic.equals(Topics.RULES) ? "rule" : "schedule";
        header(record, CloudEventHeaders.TYPE, "dev.almanac." + domain + ".Changed.v1");
        header(record, CloudEventHeaders.ID, "ev-" + topic + "-" + offset);
        header(record, CloudEventHeaders.SUBJECT, subject);
        header(record, CloudEventHeaders.AGGREGATE_VERSION, "3");
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.almanac.commands.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import dev.almanac.commands.eventstore.Commits;

/** The relay reads the store once a short while after commits, and otherwise once a poll, never skipping an event. */
class RelayEventSourceTest {

    private static final Duration GATHERING = Duration.ofMillis(100);
    private static final Duration POLL = Duration.ofSeconds(30);

    private final CountingEngine store = new CountingEngine();
    private final Commits commits = new Commits();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aNewReaderReadsWhatIsStoredAtOnceInTheStoresOrder() throws Exception {
        commit("a", "b", "c");
        BlockingStream<TrackedEventMessage<?>> reader = source(100).openStream(null);

        assertThat(payloadsAvailable(reader, Duration.ofSeconds(5))).containsExactly("a", "b", "c");
        assertThat(store.reads).hasValue(1);
        assertThat(meters.get("almanac.relay.reads").counter().count()).isEqualTo(1);
    }

    @Test
    void commitsDuringTheGatheringAreReadTogether() throws Exception {
        RelayEventSource source = source(100);
        BlockingStream<TrackedEventMessage<?>> reader = source.openStream(null);
        assertThat(reader.hasNextAvailable(200, TimeUnit.MILLISECONDS)).as("nothing stored yet").isFalse();
        int readsWhenCaughtUp = store.reads.get();

        CompletableFuture<List<Object>> read = CompletableFuture.supplyAsync(() -> payloadsAvailable(reader, Duration.ofSeconds(5)));
        commit("first");
        commit("second");
        commit("third");

        assertThat(read.get(10, TimeUnit.SECONDS)).containsExactly("first", "second", "third");
        assertThat(store.reads.get() - readsWhenCaughtUp).as("one read for the three commits").isEqualTo(1);
    }

    @Test
    void withoutACommitOfThisProcessNothingIsReadBeforeThePoll() throws Exception {
        BlockingStream<TrackedEventMessage<?>> reader = source(100).openStream(null);
        assertThat(reader.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        int reads = store.reads.get();

        store.appendEvents(GenericEventMessage.asEventMessage("from another replica"));

        assertThat(reader.hasNextAvailable(300, TimeUnit.MILLISECONDS)).as("its poll is 30 s away").isFalse();
        assertThat(store.reads.get()).isEqualTo(reads);
    }

    @Test
    void anotherReplicasCommitIsReadOnceThePollIsDue() throws Exception {
        RelayEventSource source = new RelayEventSource(store, commits, GATHERING, Duration.ofMillis(200), 100, new SimpleMeterRegistry());
        BlockingStream<TrackedEventMessage<?>> reader = source.openStream(null);
        assertThat(reader.hasNextAvailable(50, TimeUnit.MILLISECONDS)).isFalse();

        store.appendEvents(GenericEventMessage.asEventMessage("from another replica"));

        assertThat(payloadsAvailable(reader, Duration.ofSeconds(5))).containsExactly("from another replica");
    }

    @Test
    void aFullReadIsFollowedByAnotherAtOnceUntilTheStoreIsRead() throws Exception {
        commit(IntStream.range(0, 250).mapToObj(i -> "event " + i).toArray(String[]::new));
        BlockingStream<TrackedEventMessage<?>> reader = source(100).openStream(null);

        List<Object> payloads = new ArrayList<>();
        while (reader.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
            payloads.add(reader.nextAvailable().getPayload());
        }

        assertThat(payloads).hasSize(250).startsWith("event 0", "event 1").endsWith("event 248", "event 249");
        assertThat(store.reads).as("three reads of at most 100, with no wait for a commit between them").hasValue(3);
    }

    @Test
    void aReaderOpenedAtAStoredTokenContinuesAfterIt() throws Exception {
        commit("a", "b", "c", "d");
        BlockingStream<TrackedEventMessage<?>> first = source(100).openStream(null);
        first.hasNextAvailable(1, TimeUnit.SECONDS);
        first.nextAvailable();
        TrackingToken afterB = first.nextAvailable().trackingToken();

        BlockingStream<TrackedEventMessage<?>> resumed = source(100).openStream(afterB);

        assertThat(payloadsAvailable(resumed, Duration.ofSeconds(5))).containsExactly("c", "d");
    }

    @Test
    void aZeroTimeoutAnswersFromWhatWasReadWithoutReadingTheStore() throws Exception {
        commit("a");
        BlockingStream<TrackedEventMessage<?>> reader = source(100).openStream(null);

        assertThat(reader.hasNextAvailable()).isFalse();
        assertThat(store.reads).hasValue(0);
        assertThat(reader.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.hasNextAvailable()).isTrue();
        assertThat(reader.peek()).get().extracting(TrackedEventMessage::getPayload).isEqualTo("a");
    }

    private RelayEventSource source(int fetchLimit) {
        return new RelayEventSource(store, commits, GATHERING, POLL, fetchLimit, meters);
    }

    private void commit(String... payloads) {
        store.appendEvents(Stream.of(payloads).map(GenericEventMessage::asEventMessage).toList());
        commits.committed();
    }

    /** Every event available within {@code patience} and those that follow it without a wait. */
    private static List<Object> payloadsAvailable(BlockingStream<TrackedEventMessage<?>> reader, Duration patience) {
        List<Object> payloads = new ArrayList<>();
        try {
            if (reader.hasNextAvailable((int) patience.toMillis(), TimeUnit.MILLISECONDS)) {
                do {
                    payloads.add(reader.nextAvailable().getPayload());
                } while (reader.hasNextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return payloads;
    }

    /** The in-memory engine, counting the reads of tracked events. */
    private static final class CountingEngine extends InMemoryEventStorageEngine {

        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            reads.incrementAndGet();
            return super.readEvents(trackingToken, mayBlock);
        }
    }
}

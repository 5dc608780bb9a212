package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.support.TestClock;

/** Two replicas' leases over one store: one cap per caller, given back on close, ended by themselves when a replica dies. */
class StreamLeasesTest {

    private static final int CAP = 2;

    private final MongoDatabase store = InMemoryMongo.freshDatabase("stream_leases");
    private final TestClock clock = TestClock.pinnedAt(Instant.parse("2026-12-01T10:00:00Z"));
    private final StreamLeases first = new StreamLeases(store, clock);
    private final StreamLeases second = new StreamLeases(store, clock);

    @Test
    void twoReplicasHoldACallersStreamsUnderOneCap() {
        Optional<String> onFirst = first.take("ann", CAP).block();
        Optional<String> onSecond = second.take("ann", CAP).block();

        assertThat(onFirst).isPresent();
        assertThat(onSecond).isPresent();
        assertThat(first.take("ann", CAP).block()).as("a third on either replica").isEmpty();
        assertThat(second.take("ann", CAP).block()).isEmpty();
        assertThat(second.take("bob", CAP).block()).as("another caller's own cap").isPresent();
        assertThat(first.liveOf("ann").block()).as("the refused gave their leases back").isEqualTo(2);

        first.release(onFirst.orElseThrow()).block();
        assertThat(second.take("ann", CAP).block()).isPresent();
    }

    @Test
    void manyReplicasTakingAtOnceNeverGoOverTheCap() {
        long taken = Flux.range(0, 20)
                .flatMap(attempt -> (attempt % 2 == 0 ? first : second).take("cleo", CAP), 8)
                .filter(Optional::isPresent).count().block();

        assertThat(taken).isBetween(1L, (long) CAP);
        assertThat(first.liveOf("cleo").block()).isEqualTo((int) taken);
    }

    @Test
    void aDeadReplicasStreamsStopCountingWhenTheirLeasesEndWhileALiveOnesAreRenewed() {
        first.take("dan", CAP).block();
        Optional<String> kept = second.take("dan", CAP).block();
        assertThat(second.take("dan", CAP).block()).isEmpty();

        // The first replica dies: it neither closes its stream nor renews it. The second renews its own.
        clock.advance(StreamLeases.RENEW_EVERY.multipliedBy(2));
        second.renew().block();
        clock.advance(StreamLeases.RENEW_EVERY.multipliedBy(2));
        second.renew().block();
        assertThat(clock.instant()).isAfter(Instant.parse("2026-12-01T10:00:00Z").plus(StreamLeases.LEASE));

        assertThat(second.liveOf("dan").block()).as("only the renewed lease is live").isEqualTo(1);
        Optional<String> replacing = second.take("dan", CAP).block();
        assertThat(replacing).isPresent();
        assertThat(first.take("dan", CAP).block()).isEmpty();
        assertThat(kept).isPresent();
    }

    @Test
    void aClosedStreamsLeaseIsNotRenewedBackAndCallersWithOnlyEndedLeasesAreDeleted() {
        Optional<String> lease = first.take("eve", CAP).block();
        first.release(lease.orElseThrow()).block();
        first.renew().block();
        assertThat(first.liveOf("eve").block()).isZero();

        first.take("fay", CAP).block();
        clock.advance(StreamLeases.LEASE.plusSeconds(1));
        second.take("gus", CAP).block();
        first.pruneEnded().block();

        assertThat(Mono.from(store.getCollection(StreamLeases.COLLECTION).countDocuments()).block()).as("gus's alone").isEqualTo(1);
    }
}

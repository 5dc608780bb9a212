package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;

/** The counters that replicas share: one budget however many replicas count into it, and windows that end. */
class ReadCountersTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private final MongoDatabase store = InMemoryMongo.freshDatabase("read_limits");

    @Test
    void twoReplicasCountIntoOneBudgetEvenWhenTheyStartAWindowAtOnce() {
        ReadCounters first = new ReadCounters(store);
        ReadCounters second = new ReadCounters(store);
        Long last = Flux.range(0, 40)
                .flatMap(read -> (read % 2 == 0 ? first : second).countOne(ReadFamily.READS, "ann", START, MINUTE), 8)
                .reduce(Math::max).block();
        assertThat(last).isEqualTo(40);
        assertThat(first.countOne(ReadFamily.READS, "bob", START, MINUTE).block()).isEqualTo(1);
        assertThat(second.countOne(ReadFamily.EXPORTS, "ann", START, MINUTE).block()).isEqualTo(1);
    }

    @Test
    void windowsAlignToTheEpochAndEndedOnesAreDeleted() {
        assertThat(ReadCounters.windowStart(Instant.parse("2026-12-01T10:00:59.9Z"), MINUTE)).isEqualTo(START);
        assertThat(ReadCounters.windowStart(Instant.parse("2026-12-01T10:59:00Z"), Duration.ofHours(1))).isEqualTo(START);
        ReadCounters counters = new ReadCounters(store);
        counters.countOne(ReadFamily.READS, "ann", START, MINUTE).block();
        counters.countOne(ReadFamily.READS, "ann", START.plus(MINUTE), MINUTE).block();
        counters.pruneEnded(START.plus(MINUTE)).block();
        assertThat(Mono.from(store.getCollection(ReadCounters.COLLECTION).countDocuments()).block()).isEqualTo(1);
        assertThat(counters.countOne(ReadFamily.READS, "ann", START, MINUTE).block()).isEqualTo(1);
    }
}

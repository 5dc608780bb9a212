package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.platform.testing.InMemoryMongo;

/** The counters that replicas share: one budget however many replicas count into it, and windows that end. */
class ReadCountersTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    /** A budget small enough that every read is counted in the store on its own. */
    private static final int READ_BY_READ = 100;

    private final MongoDatabase store = InMemoryMongo.freshDatabase("read_limits");

    @Test
    void twoReplicasCountIntoOneBudgetEvenWhenTheyStartAWindowAtOnce() {
        ReadCounters first = new ReadCounters(store);
        ReadCounters second = new ReadCounters(store);
        Long last = Flux.range(0, 40)
                .flatMap(read -> (read % 2 == 0 ? first : second).countOne(ReadFamily.READS, "ann", START, MINUTE, READ_BY_READ), 8)
                .reduce(Math::max).block();
        assertThat(last).isEqualTo(40);
        assertThat(first.countOne(ReadFamily.READS, "bob", START, MINUTE, READ_BY_READ).block()).isEqualTo(1);
        assertThat(second.countOne(ReadFamily.EXPORTS, "ann", START, MINUTE, READ_BY_READ).block()).isEqualTo(1);
    }

    @Test
    void windowsAlignToTheEpochAndEndedOnesAreDeleted() {
        assertThat(ReadCounters.windowStart(Instant.parse("2026-12-01T10:00:59.9Z"), MINUTE)).isEqualTo(START);
        assertThat(ReadCounters.windowStart(Instant.parse("2026-12-01T10:59:00Z"), Duration.ofHours(1))).isEqualTo(START);
        ReadCounters counters = new ReadCounters(store);
        counters.countOne(ReadFamily.READS, "ann", START, MINUTE, READ_BY_READ).block();
        counters.countOne(ReadFamily.READS, "ann", START.plus(MINUTE), MINUTE, READ_BY_READ).block();
        counters.pruneEnded(START.plus(MINUTE)).block();
        assertThat(Mono.from(store.getCollection(ReadCounters.COLLECTION).countDocuments()).block()).isEqualTo(1);
        assertThat(counters.countOne(ReadFamily.READS, "ann", START, MINUTE, READ_BY_READ).block()).isEqualTo(1);
    }

    @Test
    void aBlockIsAHundredthOfTheBudgetFromOneReadToSixtyFour() {
        assertThat(ReadCounters.blockSize(2)).isEqualTo(1);
        assertThat(ReadCounters.blockSize(120)).isEqualTo(1);
        assertThat(ReadCounters.blockSize(600)).isEqualTo(6);
        assertThat(ReadCounters.blockSize(6000)).isEqualTo(60);
        assertThat(ReadCounters.blockSize(1_000_000)).isEqualTo(64);
    }

    @Test
    void replicasTakingBlocksNumberEveryReadOnceAndAskTheStoreOncePerBlock() {
        int quota = 6000;
        int block = ReadCounters.blockSize(quota);
        ReadCounters first = new ReadCounters(store);
        ReadCounters second = new ReadCounters(store);
        List<Long> numbers = Flux.range(0, 7000)
                .flatMap(read -> (read % 3 == 0 ? first : second).countOne(ReadFamily.READS, "ann", START, MINUTE, quota), 16)
                .collectList().block();
        assertThat(numbers).as("no number given twice").doesNotHaveDuplicates().hasSize(7000);
        long withinBudget = numbers.stream().filter(number -> number <= quota).count();
        assertThat(withinBudget).as("the budget, less at most the block each replica holds unused")
                .isBetween((long) quota - 2L * block, (long) quota);
        Document window = Mono.from(store.getCollection(ReadCounters.COLLECTION).find().first()).block();
        assertThat(((Number) window.get("n")).longValue()).as("numbers taken from the store: one block at a time per replica")
                .isBetween(7000L, 7000L + 2L * block);
    }
}

package dev.almanac.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The CPU one thread spends asking the {@code lock} index of a read-model collection whether a projection's update
 * changed its key, as every update does. The lean index against the server's own, which the lean index asked for every
 * changed key before 2026-11-28 (ADR 0031), in alternating rounds of {@code almanac.bench.updates}
 * (1,000,000) updates after as many rounds of warm-up. Gated: {@code -Dalmanac.bench=true}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl deploy/embedded test -Dtest=LeanUniqueIndexBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class LeanUniqueIndexBenchmarkTest {

    private static final int ROUNDS = 7;

    @Test
    void asksTheLockIndexOfAProjectionsUpdate() {
        int updates = Integer.getInteger("almanac.bench.updates", 1_000_000);
        List<IndexKey> lock = List.of(new IndexKey("lock", true));
        LeanMemoryBackend.LeanUniqueIndex leanLock = new LeanMemoryBackend.LeanUniqueIndex("lock_1", lock, false);
        LeanUniqueIndexTest.Reference serverLock = new LeanUniqueIndexTest.Reference(lock);
        List<Document[]> pairs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            Document before = new Document("_id", "calendar-" + i + "|2027-01-05").append("lock", "calendar-" + i + "|2027-01-05#" + (1000 + i))
                    .append("count", i).append("summary", "s" + i);
            Document after = new Document(before).append("lock", "calendar-" + i + "|2027-01-05#" + (1001 + i)).append("count", i + 1);
            pairs.add(new Document[] {before, after});
        }
        BiPredicate<Document, Document> lean = (before, after) -> !leanLock.nullAwareEqualsKeys(before, after);
        BiPredicate<Document, Document> server = (before, after) -> !serverLock.sameKeys(before, after);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> leanNanos = new ArrayList<>();
        List<Double> serverNanos = new ArrayList<>();
        long[] answered = new long[2];
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean measured = round >= ROUNDS;
            leanNanos.add(round(threads, updates, pairs, lean, answered, 0, measured, round, "lean"));
            serverNanos.add(round(threads, updates, pairs, server, answered, 1, measured, round, "server"));
        }
        double leanMedian = median(leanNanos.subList(ROUNDS, 2 * ROUNDS));
        double serverMedian = median(serverNanos.subList(ROUNDS, 2 * ROUNDS));
        System.out.printf("the lock index, %,d updates a round: median %.0f ns lean, %.0f ns the server's (%.1f times)%n", updates,
                leanMedian, serverMedian, serverMedian / leanMedian);
        assertThat(answered[0]).as("every update's lock changed, by both").isEqualTo(answered[1]).isEqualTo((long) ROUNDS * updates);
    }

    private static double round(ThreadMXBean threads, int updates, List<Document[]> pairs, BiPredicate<Document, Document> index,
                                long[] answered, int side, boolean measured, int round, String label) {
        long began = threads.getCurrentThreadCpuTime();
        long expected = 0;
        for (int i = 0; i < updates; i++) {
            Document[] pair = pairs.get(i & 63);
            expected += index.test(pair[0], pair[1]) ? 1 : 0;
        }
        double nanos = (double) (threads.getCurrentThreadCpuTime() - began) / updates;
        if (measured) {
            answered[side] += expected;
        }
        System.out.printf("round %d%s, %s: %.0f ns of CPU an update%n", round + 1, measured ? "" : " (warm-up)", label, nanos);
        return nanos;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}

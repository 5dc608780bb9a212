package dev.almanac.platform.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The CPU one thread spends reading the instants a command carries, by position ({@link Rfc3339#parse}) and as before
 * ({@link FormatterReading}), in alternating rounds of {@code almanac.bench.texts} (500,000) texts after as many rounds
 * of warm-up. Prints each round's CPU a text and each reading's median. Gated: {@code -Dalmanac.bench=true}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl shared-platform test -Dtest=Rfc3339BenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class Rfc3339BenchmarkTest {

    private static final int ROUNDS = 7;
    /** As bench-load's commands and a frontend's windows send them, with offsets of 30 and 45 minutes among them. */
    private static final List<String> TEXTS = List.of("2027-01-05T10:00:00Z", "2027-01-05T10:30:00Z", "2026-12-01T10:00:00.250-05:00",
            "2026-12-01T20:45:00+05:45", "2027-03-14T09:15:00.123Z", "2026-12-01T19:30:00+05:30");

    @Test
    void readsACommandsInstantsByPositionAndByFormatter() {
        int texts = Integer.getInteger("almanac.bench.texts", 500_000);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Double> byPosition = new ArrayList<>();
        List<Double> byFormatter = new ArrayList<>();
        long[] sums = new long[2];
        for (int round = 0; round < 2 * ROUNDS; round++) {
            boolean measured = round >= ROUNDS;
            byPosition.add(round(threads, texts, Rfc3339::parse, sums, 0, measured, round, "by position"));
            byFormatter.add(round(threads, texts, FormatterReading::parse, sums, 1, measured, round, "by formatter"));
        }
        double position = median(byPosition.subList(ROUNDS, 2 * ROUNDS));
        double formatter = median(byFormatter.subList(ROUNDS, 2 * ROUNDS));
        System.out.printf("Rfc3339, %,d texts a round: median %.0f ns by position, %.0f ns by formatter (%.2f times)%n", texts, position,
                formatter, formatter / position);
        assertThat(sums[0]).as("both readings give the same instants").isEqualTo(sums[1]).isNotZero();
    }

    private static double round(ThreadMXBean threads, int texts, Function<String, Optional<Instant>> reading, long[] sums, int side,
                                boolean measured, int round, String label) {
        long began = threads.getCurrentThreadCpuTime();
        long sum = 0;
        for (int index = 0; index < texts; index++) {
            sum += reading.apply(TEXTS.get(index % TEXTS.size())).orElseThrow().toEpochMilli();
        }
        double nanos = (double) (threads.getCurrentThreadCpuTime() - began) / texts;
        if (measured) {
            sums[side] += sum;
        }
        System.out.printf("round %d%s, %s: %.0f ns of CPU a text%n", round + 1, measured ? "" : " (warm-up)", label, nanos);
        return nanos;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}

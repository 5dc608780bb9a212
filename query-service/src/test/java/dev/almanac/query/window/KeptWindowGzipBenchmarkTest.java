package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.support.Gzip;

/**
 * What gzipping a kept window's next version costs (ADR 0064): the whole JSON at the
 * fastest level, as before, against {@link SegmentedGzip} from the version before, alternating in one JVM.
 *
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=KeptWindowGzipBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 *
 * The year by day in Asia/Kolkata over 100 calendars, counted from {@code almanac.bench.entries} entries (default
 * 1,000,000) at random instants of 2026, its JSON written by the service's mapper. Each series gzips a chain of 100
 * versions, each with {@code writes} more entries than the one before (1 as under 50 writes/s with the 20 ms recheck,
 * 10 as under 500/s); the JSON of every version is written before the clock starts, since both sides write it alike
 * (what that took is printed too).
 * It prints the thread's CPU a version and the bytes of each side, over {@code almanac.bench.rounds} rounds (default 5).
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class KeptWindowGzipBenchmarkTest {

    private static final JsonMapper MAPPER = AlmanacJson.configure(JsonMapper.builder()).build();
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final int CALENDARS = 100;
    private static final int VERSIONS = 100;

    @Test
    void gzipsEachVersionOfAYearWindowWholeAndFromTheVersionBefore() {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        int rounds = Integer.getInteger("almanac.bench.rounds", 5);
        Random random = new Random(11);
        BucketGrid grid = BucketGrid.over(new WindowSpec(YEAR, YEAR.plus(Duration.ofDays(365)), ZoneId.of("Asia/Kolkata"), Granularity.DAY));
        for (int i = 0; i < entries; i++) {
            grid.add(entryAt(random));
        }
        for (int writes : new int[] {1, 10}) {
            List<byte[]> versions = new ArrayList<>(VERSIONS);
            double written = cpuMillisPerVersion(() -> {
                for (int version = 0; version < VERSIONS; version++) {
                    for (int write = 0; write < writes; write++) {
                        grid.add(entryAt(random));
                    }
                    versions.add(MAPPER.writeValueAsBytes(grid.toScheduleWindow()));
                }
            });
            report("%d writes a version: the window and its JSON written in %.2f ms of CPU a version (both sides alike)", writes, written);
            List<SegmentedGzip> chain = segmentedChain(versions);
            assertThat(Gzip.gunzip(chain.get(VERSIONS - 1).bytes())).isEqualTo(versions.get(VERSIONS - 1));
            report("%d writes a version: JSON %,d bytes; whole gzip %,d bytes, segmented %,d bytes in %d segments, %.1f deflated a version",
                    writes, versions.get(0).length, wholeGzip(versions.get(0)).length, chain.get(0).bytes().length, chain.get(0).segments(),
                    chain.stream().skip(1).mapToInt(SegmentedGzip::deflatedSegments).average().orElse(0));
            for (int round = 1; round <= rounds; round++) {
                double whole = cpuMillisPerVersion(() -> versions.forEach(KeptWindowGzipBenchmarkTest::wholeGzip));
                double segmented = cpuMillisPerVersion(() -> segmentedChain(versions));
                report("round %d, %d writes a version: whole %.2f ms, segmented %.2f ms of CPU a version (%.2fx)", round, writes, whole,
                        segmented, whole / segmented);
            }
        }
    }

    private static EntryTiming entryAt(Random random) {
        Instant start = YEAR.plusSeconds(random.nextInt(365 * 86_400));
        return new EntryTiming(start, start.plus(Duration.ofMinutes(15 + random.nextInt(106))), "cal-" + random.nextInt(CALENDARS),
                List.of("meeting", "job", "maintenance_job", "review").get(random.nextInt(4)));
    }

    /** Each version gzipped from the one before, as the kept answers chain them; the first from nothing. */
    private static List<SegmentedGzip> segmentedChain(List<byte[]> versions) {
        List<SegmentedGzip> chain = new ArrayList<>(versions.size());
        SegmentedGzip before = null;
        for (byte[] json : versions) {
            before = SegmentedGzip.of(json, before);
            chain.add(before);
        }
        return chain;
    }

    /** As kept windows were gzipped before the addendum. */
    private static byte[] wholeGzip(byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8_192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double cpuMillisPerVersion(Runnable series) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();
        series.run();
        return (threads.getCurrentThreadCpuTime() - started) / 1e6 / VERSIONS;
    }

    private static void report(String format, Object... arguments) {
        System.out.printf("[bench] " + format + "%n", arguments);
    }
}

package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.almanac.events.Tenant;
import dev.almanac.query.entry.EntryTiming;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.support.Gzip;

class WindowAnswersTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    @Test
    void keepsTheMostRecentlyUsedAnswersUpToItsCapacity() {
        WindowAnswers answers = new WindowAnswers(2);
        answers.keep(query(1), answer(1, 0));
        answers.keep(query(2), answer(2, 0));
        answers.find(query(1));

        answers.keep(query(3), answer(3, 0));

        assertThat(answers.find(query(1))).isPresent();
        assertThat(answers.find(query(2))).isEmpty();
        assertThat(answers.find(query(3))).isPresent();
    }

    @Test
    void weighsAnswersByTheCountsTheyHoldAndKeepsNoneTooHeavy() {
        WindowAnswers answers = new WindowAnswers(16, 40);
        WindowAnswers.Answer light = answer(1, 3);
        WindowAnswers.Answer heavy = answer(7, 30);
        assertThat(light.weight()).isLessThan(20);
        assertThat(heavy.weight()).isGreaterThan(20).isLessThanOrEqualTo(40);

        answers.keep(query(1), light);
        answers.keep(query(7), heavy);
        assertThat(answers.find(query(1))).as("pushed out by weight").isEmpty();
        assertThat(answers.find(query(7))).isPresent();

        answers.keep(query(30), answer(30, 30));
        assertThat(answers.find(query(30))).as("heavier than everything allowed").isEmpty();
        assertThat(answers.find(query(7))).isPresent();
    }

    @Test
    void anAnswersScopeIsUnchangedOnlyAtTheRevisionItsLatestCheckRead() {
        WindowAnswers answers = new WindowAnswers(4);
        WindowAnswers.Answer kept = answer(1, 1);
        answers.keep(query(1), kept, 100, "r1");
        assertThat(answers.scopeUnchanged(query(1), kept, "r1")).isTrue();
        assertThat(answers.scopeUnchanged(query(1), kept, "r2")).isFalse();

        answers.current(query(1), kept, 200, "r2");
        answers.current(query(1), kept, 150, "r-late");
        assertThat(answers.scopeUnchanged(query(1), kept, "r2")).as("a check begun earlier ends later and changes nothing").isTrue();
        assertThat(answers.scopeUnchanged(query(1), kept, "r-late")).isFalse();

        answers.current(query(1), kept, 300, WindowRevisions.NONE);
        assertThat(answers.scopeUnchanged(query(1), kept, WindowRevisions.NONE)).as("a scope without a revision").isFalse();

        WindowAnswers.Answer newer = answer(1, 1);
        answers.keep(query(1), newer, 400, "r3");
        assertThat(answers.scopeUnchanged(query(1), kept, "r3")).as("no longer the kept answer").isFalse();
        assertThat(answers.scopeUnchanged(query(1), newer, "r3")).isTrue();
    }

    @Test
    void writesAKeptWindowsBodyOnceAndAnyOtherEveryTime() {
        WindowAnswers answers = new WindowAnswers(1);
        WindowAnswers.Answer kept = answer(1, 1);
        WindowAnswers.Answer other = answer(2, 1);
        AtomicInteger writes = new AtomicInteger();
        Function<ScheduleWindow, byte[]> writer = window -> new byte[] {(byte) writes.incrementAndGet()};
        answers.keep(query(1), kept);

        byte[] first = answers.body(kept.window(), writer);
        assertThat(answers.body(kept.window(), writer)).isSameAs(first);
        answers.body(other.window(), writer);
        answers.body(other.window(), writer);
        assertThat(writes).hasValue(3);

        answers.keep(query(2), other);
        assertThat(answers.body(kept.window(), writer)).as("no longer kept").isNotSameAs(first);
        assertThat(writes).hasValue(4);
    }

    @Test
    void gzipsAKeptWindowsBodyOnceAndAnyOtherEveryTime() {
        WindowAnswers answers = new WindowAnswers(1);
        WindowAnswers.Answer kept = answer(1, 1);
        WindowAnswers.Answer other = answer(2, 1);
        byte[] json = "{\"buckets\":[]}".repeat(200).getBytes(StandardCharsets.UTF_8);
        AtomicInteger writes = new AtomicInteger();
        Function<ScheduleWindow, byte[]> writer = window -> {
            writes.incrementAndGet();
            return json;
        };
        answers.keep(query(1), kept);

        byte[] gzipped = answers.gzippedBody(kept.window(), writer);

        assertThat(answers.gzippedBody(kept.window(), writer)).isSameAs(gzipped);
        assertThat(answers.body(kept.window(), writer)).isSameAs(json);
        assertThat(writes).as("the JSON is written once, for both").hasValue(1);
        assertThat(Gzip.gunzip(gzipped)).isEqualTo(json);
        assertThat(gzipped.length).isLessThan(json.length / 10);
        assertThat(answers.gzippedBody(other.window(), writer)).isNotSameAs(answers.gzippedBody(other.window(), writer));
    }

    /**
     * After a write, the query's new answer is gzipped from the segments of the last version gzipped, even when a
     * version in between was never asked for gzipped: only the segment that changed is deflated again.
     */
    @Test
    void gzipsANewVersionOfAKeptWindowFromTheSegmentsOfTheLastOneGzipped() {
        WindowAnswers answers = new WindowAnswers(4);
        WindowAnswers.Answer first = answer(1, 1);
        WindowAnswers.Answer between = answer(1, 1);
        WindowAnswers.Answer latest = answer(1, 1);
        byte[] before = SegmentedGzipTest.buckets(400, -1);
        byte[] after = SegmentedGzipTest.buckets(400, 196);
        answers.keep(query(1), first);
        SegmentedGzip gzippedFirst = gzipped(answers, first, before);

        answers.keep(query(1), between);
        answers.keep(query(1), latest);
        byte[] gzippedLatest = answers.gzippedBody(latest.window(), window -> after);

        assertThat(Gzip.gunzip(gzippedLatest)).isEqualTo(after);
        assertThat(gzippedFirst.deflatedSegments()).isEqualTo(gzippedFirst.segments()).isGreaterThan(4);
        assertThat(answers.gzipHeld(latest.window())).isNotNull().extracting(SegmentedGzip::deflatedSegments).isEqualTo(1);
        assertThat(answers.isKept(first.window())).isFalse();
    }

    /** Requests that ask for a kept window's gzip while one of them writes it wait for that one, rather than write it too. */
    @Test
    void oneRequestWritesAKeptWindowsBodiesWhileTheOthersWait() throws Exception {
        WindowAnswers answers = new WindowAnswers(1);
        WindowAnswers.Answer kept = answer(1, 1);
        answers.keep(query(1), kept);
        byte[] json = SegmentedGzipTest.buckets(100, -1);
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Function<ScheduleWindow, byte[]> writer = window -> {
            writes.incrementAndGet();
            writing.countDown();
            try {
                assertThat(release.await(1, TimeUnit.MINUTES)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return json;
        };
        ExecutorService requests = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> gzipped = new ArrayList<>();
            gzipped.add(requests.submit(() -> answers.gzippedBody(kept.window(), writer)));
            assertThat(writing.await(1, TimeUnit.MINUTES)).isTrue();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            for (int request = 0; request < 3; request++) {
                gzipped.add(requests.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return answers.gzippedBody(kept.window(), writer);
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.size() == 3
                    && waiting.stream().allMatch(thread -> thread.getState() == Thread.State.BLOCKED));
            release.countDown();

            byte[] first = gzipped.get(0).get(1, TimeUnit.MINUTES);
            for (Future<byte[]> other : gzipped) {
                assertThat(other.get(1, TimeUnit.MINUTES)).isSameAs(first);
            }
            assertThat(Gzip.gunzip(first)).isEqualTo(json);
            assertThat(writes).as("the JSON written once, by the first request").hasValue(1);
        } finally {
            release.countDown();
            requests.shutdownNow();
        }
    }

    private static SegmentedGzip gzipped(WindowAnswers answers, WindowAnswers.Answer answer, byte[] json) {
        answers.gzippedBody(answer.window(), window -> json);
        SegmentedGzip held = answers.gzipHeld(answer.window());
        assertThat(held).isNotNull();
        assertThat(Gzip.gunzip(held.bytes())).isEqualTo(json);
        return held;
    }

    /** The tag is the same for the same query and revisions in any map order, and differs when any of them does. */
    @Test
    void tagsAWindowByItsQueryAndEveryRevisionItWasReadFrom() {
        Map<String, String> days = new HashMap<>(Map.of("2026-03-02", "r1", "2026-03-03", "r2"));
        Map<String, String> split = Map.of("cal-a:2026-03-02", "s1");
        String tag = WindowAnswers.tagOf(query(2), days, split, "rules-1");

        assertThat(tag).matches("\"[0-9a-f]{32}\"");
        assertThat(WindowAnswers.tagOf(query(2), new TreeMap<>(days), Map.copyOf(split), "rules-1")).isEqualTo(tag);
        assertThat(List.of(
                WindowAnswers.tagOf(query(3), days, split, "rules-1"),
                WindowAnswers.tagOf(new WindowAnswers.Query(spec(2), "cal-a"), days, split, "rules-1"),
                WindowAnswers.tagOf(new WindowAnswers.Query(new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(2)), ZoneId.of("Asia/Kathmandu"),
                        Granularity.DAY), null), days, split, "rules-1"),
                WindowAnswers.tagOf(new WindowAnswers.Query(new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(2)), ZoneId.of("UTC"),
                        Granularity.HOUR), null), days, split, "rules-1"),
                WindowAnswers.tagOf(query(2), Map.of("2026-03-02", "r1", "2026-03-03", "r3"), split, "rules-1"),
                WindowAnswers.tagOf(query(2), Map.of("2026-03-02", "r1"), split, "rules-1"),
                WindowAnswers.tagOf(query(2), days, Map.of(), "rules-1"),
                WindowAnswers.tagOf(query(2), Map.of("2026-03-02", "r1", "2026-03-03", "r2", "cal-a:2026-03-02", "s1"), Map.of(), "rules-1"),
                WindowAnswers.tagOf(query(2), days, split, "rules-2"),
                WindowAnswers.tagOf(new WindowAnswers.Query(spec(2), null, new TreeSet<>(), Tenant.of("acme")), days, split, "rules-1"),
                WindowAnswers.tagOf(new WindowAnswers.Query(spec(2), null, new TreeSet<>(), Tenant.of("beta")), days, split, "rules-1")))
                .doesNotContain(tag)
                .doesNotHaveDuplicates();
    }

    /** Requests that allow an answer as old as the interval share a check begun within it, and one kept current since. */
    @Test
    void sharesACheckBegunWithinTheIntervalAndServesAnAnswerFoundCurrentSince() {
        WindowAnswers answers = new WindowAnswers(4);
        WindowAnswers.Answer kept = answer(1, 1);
        AtomicInteger checks = new AtomicInteger();
        Sinks.One<WindowAnswers.Answer> running = Sinks.one();
        Supplier<Mono<WindowAnswers.Answer>> check = () -> {
            checks.incrementAndGet();
            return running.asMono();
        };

        Mono<WindowAnswers.Answer> first = answers.currentOrChecking(query(1), 0, check, 100);
        Mono<WindowAnswers.Answer> joined = answers.currentOrChecking(query(1), 50, check, 120);
        Mono<WindowAnswers.Answer> tooLate = answers.currentOrChecking(query(1), 101, check, 150);

        assertThat(checks).as("begun at 100: shared by a request that allows since 50, not by one since 101").hasValue(2);
        assertThat(joined).isSameAs(first);
        assertThat(tooLate).isNotSameAs(first);
        answers.keep(query(1), kept, 100, WindowRevisions.NONE);
        running.tryEmitValue(kept);
        assertThat(first.block()).isSameAs(kept);
        assertThat(joined.block()).isSameAs(kept);
        assertThat(answers.currentOrChecking(query(1), 90, check, 160).block()).as("found current at 100").isSameAs(kept);
        assertThat(checks).hasValue(2);
        answers.currentOrChecking(query(1), 130, check, 170);
        assertThat(checks).as("known current only since 100, and the check begun at 150 is under way").hasValue(2);
        answers.currentOrChecking(query(1), 155, check, 180);
        assertThat(checks).hasValue(3);
    }

    @Test
    void turnedOffItKeepsNothing() {
        WindowAnswers answers = new WindowAnswers(0);

        answers.keep(query(1), answer(1, 1));

        assertThat(answers.find(query(1))).isEmpty();
    }

    /**
     * Users polling their own calendars ask for a year each: a hundred such answers, with five entries a day and the
     * days' counts kept for updates, stay kept together, as their days are held in their binary forms (held decoded,
     * each day weighed 2.9 KB whatever it held, and the bound let about fifty stay).
     */
    @Test
    void aHundredCalendarsYearsWithTheirKeptDaysStayKeptTogether() {
        WindowAnswers answers = new WindowAnswers(256);
        List<String> types = List.of("job", "meeting", "review", "maintenance_job");
        for (int calendar = 0; calendar < 100; calendar++) {
            String queue = "cal-" + calendar;
            WindowAnswers.Query query = new WindowAnswers.Query(spec(365), queue);
            BucketGrid grid = BucketGrid.over(query.spec());
            Map<String, KeptDays.Day> days = new HashMap<>();
            Map<String, LocalDate> dayOf = new HashMap<>();
            for (int day = 0; day < 365; day++) {
                Instant midnight = MONDAY.plus(Duration.ofDays(day));
                SlotSummary.Builder summary = SlotSummary.builder();
                for (int entry = 0; entry < 5; entry++) {
                    int slot = (calendar + 19 * entry + day) % UtcSlots.PER_DAY;
                    String type = types.get((entry + day) % types.size());
                    summary.add(slot, type, 1800);
                    grid.add(new EntryTiming(UtcSlots.slotStart(UtcSlots.dayOf(midnight), slot),
                            UtcSlots.slotStart(UtcSlots.dayOf(midnight), slot).plusSeconds(1800), queue, type));
                }
                String id = queue + "/" + UtcSlots.dayOf(midnight);
                days.put(id, new KeptDays.Day(summary.build().toBytes(), null));
                dayOf.put(id, UtcSlots.dayOf(midnight));
            }
            KeptDays kept = new KeptDays(grid, SlotPlan.of(grid), days, dayOf);
            answers.keep(query, WindowAnswers.Answer.of(query, grid.toScheduleWindow(), Map.of(), Map.of(), "", kept), calendar,
                    WindowRevisions.NONE);
        }

        for (int calendar = 0; calendar < 100; calendar++) {
            assertThat(answers.find(new WindowAnswers.Query(spec(365), "cal-" + calendar))).as("cal-%d's year", calendar).isPresent();
        }
    }

    private static WindowAnswers.Query query(int days) {
        return new WindowAnswers.Query(spec(days), null);
    }

    private static WindowSpec spec(int days) {
        return new WindowSpec(MONDAY, MONDAY.plus(Duration.ofDays(days)), ZoneId.of("UTC"), Granularity.DAY);
    }

    /** A window of {@code days} days whose first day holds one entry on each of {@code queues} calendars. */
    private static WindowAnswers.Answer answer(int days, int queues) {
        BucketGrid grid = BucketGrid.over(spec(days));
        for (int queue = 0; queue < queues; queue++) {
            grid.add(new EntryTiming(MONDAY, MONDAY.plusSeconds(60), "cal-" + queue, "job"));
        }
        return WindowAnswers.Answer.of(query(days), grid.toScheduleWindow(), Map.of(), Map.of(), "", null);
    }
}

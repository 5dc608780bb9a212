package dev.almanac.recurrence.timeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleResumed;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * What a timeline costs at seed scale: 10,000 rules of issue 68's mix (60 % daily, 20 % hourly in
 * weekday office hours, 10 % hourly, 10 % every 30 minutes; eight zones), a fifth of them updated once,
 * a tenth paused and resumed, a twentieth with three moves. It reports the heap the timelines hold,
 * the time to apply their events, and the time to answer windows of a day, 90 days and a year over
 * every rule, beside the engine expanding the current definitions alone.
 *
 * <pre>
 * ./mvnw -q -B -o -pl shared-recurrence test -Dtest=TimelineBenchmark -Dalmanac.bench=true
 * </pre>
 *
 * Skipped without {@code -Dalmanac.bench=true}. Times are the thread's CPU time, the best of three
 * runs after a warm-up; heap is the used heap after a full collection, before and after, so it is
 * approximate. The report is printed and written to {@code target/timeline-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class TimelineBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int RULES = 10_000;
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata",
            "Asia/Tokyo", "Australia/Sydney", "America/Los_Angeles");
    private static final Instant CREATED = TimelineRules.NIGHTLY.activeFrom();
    private static final Instant TODAY = CREATED.plus(Duration.ofDays(30));

    private final StringBuilder report = new StringBuilder();
    private long sink;

    @Test
    void run() throws IOException {
        List<List<RuleEvent>> histories = histories(new Random(68));
        line("Rule timelines at seed scale: %d rules, %d events, %s, %d processors", RULES,
                histories.stream().mapToInt(List::size).sum(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors());

        long heapBefore = usedHeap();
        List<RuleTimeline> timelines = new ArrayList<>();
        long applyNanos = cpu(() -> timelines.addAll(build(histories)));
        long heapAfter = usedHeap();
        line("applying every event: %.0f ms CPU (%.1f µs an event); heap held: %.1f MB, %.0f bytes a rule",
                applyNanos / 1e6, applyNanos / 1e3 / histories.stream().mapToInt(List::size).sum(),
                (heapAfter - heapBefore) / 1e6, (heapAfter - heapBefore) / (double) RULES);
        long steps = timelines.stream().mapToLong(RuleTimeline::steps).sum();
        line("steps kept: %d (%.2f a rule); definitions: %d", steps, steps / (double) RULES,
                timelines.stream().mapToInt(timeline -> timeline.definitions().size()).sum());

        for (Duration window : List.of(Duration.ofDays(1), Duration.ofDays(90), Duration.ofDays(365))) {
            Instant from = TODAY;
            Instant till = TODAY.plus(window);
            long[] found = new long[1];
            long timelineNanos = best(() -> {
                found[0] = 0;
                for (RuleTimeline timeline : timelines) {
                    timeline.forEachStartingIn(from, till, occurrence -> found[0]++);
                }
            });
            long engineNanos = best(() -> {
                for (RuleTimeline timeline : timelines) {
                    RecurrenceSpec spec = timeline.definition().spec();
                    for (Occurrence occurrence : RecurrenceExpander.expand(spec, from.minusSeconds(spec.jitterSeconds()), till, 1_000_000)
                            .occurrences()) {
                        sink += occurrence.start().getEpochSecond();
                    }
                }
            });
            line("%3d days from %s: %,d occurrences; timelines %.0f ms (%.2f M/s); the engine alone on current definitions %.0f ms",
                    window.toDays(), from, found[0], timelineNanos / 1e6, found[0] / (timelineNanos / 1e9) / 1e6, engineNanos / 1e6);
        }
        long anyNanos = best(() -> {
            for (RuleTimeline timeline : timelines) {
                sink += timeline.anyStartingIn(TODAY, TODAY.plus(Duration.ofDays(1))) ? 1 : 0;
            }
        });
        line("any occurrence tomorrow, every rule: %.1f ms (%.1f µs a rule)", anyNanos / 1e6, anyNanos / 1e3 / RULES);
        line("(sink %d)", sink % 10);
        Path out = Path.of("target", "timeline-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    private static List<RuleTimeline> build(List<List<RuleEvent>> histories) {
        List<RuleTimeline> timelines = new ArrayList<>(histories.size());
        for (List<RuleEvent> history : histories) {
            RuleTimeline timeline = null;
            for (int version = 0; version < history.size(); version++) {
                RuleEvent event = history.get(version);
                timeline = RuleTimeline.next(timeline, event, TimelineRules.envelope(event, version));
            }
            timelines.add(timeline);
        }
        return timelines;
    }

    private static List<List<RuleEvent>> histories(Random random) {
        List<List<RuleEvent>> histories = new ArrayList<>();
        for (int index = 0; index < RULES; index++) {
            int kind = random.nextInt(100);
            String cron = kind < 60 ? random.nextInt(60) + " " + random.nextInt(24) + " * * *"
                    : kind < 80 ? random.nextInt(60) + " 9-17 * * 1-5" : kind < 90 ? random.nextInt(60) + " * * * *" : "*/30 * * * *";
            RuleCreated created = withId(TimelineRules.rule(cron, ZONES.get(index % ZONES.size()), DstPolicy.DEFAULT, 0), "bench-" + index);
            List<RuleEvent> history = new ArrayList<>(List.of(created));
            if (random.nextInt(5) == 0) {
                history.add(TimelineRules.update(created, CREATED.plus(Duration.ofDays(10)), cron, 0, "Renamed " + index));
            }
            if (random.nextInt(10) == 0) {
                history.add(new RulePaused(created.ruleId(), CREATED.plus(Duration.ofDays(12)), null, null));
                history.add(new RuleResumed(created.ruleId(), CREATED.plus(Duration.ofDays(15))));
            }
            if (random.nextInt(20) == 0) {
                List<Occurrence> ahead = TimelineRules.expanded(created, TODAY, TODAY.plus(Duration.ofDays(20)));
                for (int move = 0; move < 3 && move < ahead.size(); move++) {
                    Occurrence occurrence = ahead.get(move * ahead.size() / 3);
                    history.add(new RuleOccurrenceMoved(created.ruleId(), occurrence.id(), occurrence.resolvedInstant(),
                            occurrence.start().plus(Duration.ofHours(1)), TODAY, null));
                }
            }
            histories.add(history);
        }
        return histories;
    }

    private static RuleCreated withId(RuleCreated rule, String id) {
        return new RuleCreated(RuleId.of(id), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), rule.cronDialect(), rule.rrule(),
                rule.resources());
    }

    private static long cpu(Runnable work) {
        long start = THREADS.getCurrentThreadCpuTime();
        work.run();
        return THREADS.getCurrentThreadCpuTime() - start;
    }

    private static long best(Runnable work) {
        work.run();
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            best = Math.min(best, cpu(work));
        }
        return best;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private void line(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        System.out.println(text);
        report.append(text).append('\n');
    }
}

package dev.almanac.recurrence;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.RuleId;
import dev.almanac.recurrence.BenchmarkCorpus.Entry;
import dev.almanac.recurrence.LibraryComparison.Disagreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Occurrences per second over one year of {@link BenchmarkCorpus}, side by side in one JVM: Almanac's
 * expansion, cron-utils' {@code ExecutionTime.nextExecution} in a loop and Spring's
 * {@code CronExpression.next} in a loop; then 10,000 rules with their 90-day horizons; then every
 * instant on which the libraries and Almanac disagree, with its reason.
 *
 * <pre>
 * ./mvnw -q -B -o -pl shared-recurrence test -Dtest=ExpansionBenchmark -Dalmanac.bench=true
 * </pre>
 *
 * Skipped without {@code -Dalmanac.bench=true}. Times are the benchmark thread's CPU time, so other
 * processes on a shared machine slow the figures less than they would wall time; each engine is
 * warmed up first, and the median of several runs is reported with the slowest and fastest. The
 * report is printed and written to {@code target/expansion-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ExpansionBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Instant HORIZON_START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final int RULES = 10_000;

    private final StringBuilder report = new StringBuilder();
    /** Keeps results observable so the JIT cannot drop the work. */
    private long sink;

    @Test
    void run() throws IOException {
        line("Almanac expansion benchmark: one year (%s to %s) of %d rules, %s, %d processors, load %s",
                BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, BenchmarkCorpus.SHARED.size(), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), loadAverage());
        List<RecurrenceSpec> specs = new ArrayList<>();
        for (int i = 0; i < BenchmarkCorpus.SHARED.size(); i++) {
            specs.add(BenchmarkCorpus.SHARED.get(i).spec(i));
        }
        long perYear = specs.stream().mapToLong(spec -> RecurrenceExpander.count(spec, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL)).sum();
        line("occurrences per run of the corpus: %d (Almanac)", perYear);
        line("");
        line("%-44s %14s %22s", "engine", "median occ/s", "slowest .. fastest");
        measure("Almanac count (walk only, no objects)", 5, 15, () -> specs.stream()
                .mapToLong(spec -> RecurrenceExpander.count(spec, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL)).sum());
        measure("Almanac expand (Occurrence objects)", 5, 15, () -> specs.stream()
                .mapToLong(spec -> keep(RecurrenceExpander.expand(spec, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, Integer.MAX_VALUE))).sum());
        measure("Almanac expand, every id derived", 3, 9, () -> specs.stream()
                .mapToLong(spec -> keepIds(RecurrenceExpander.expand(spec, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, Integer.MAX_VALUE))).sum());
        measure("Spring CronExpression.next loop", 3, 7, () -> BenchmarkCorpus.SHARED.stream()
                .mapToLong(entry -> LibraryComparison.spring(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL).instants().size()).sum());
        measure("cron-utils ExecutionTime.nextExecution loop", 1, 5, () -> BenchmarkCorpus.SHARED.stream()
                .mapToLong(entry -> LibraryComparison.cronUtils(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL).instants().size()).sum());
        rruleFigures();
        line("");
        horizons();
        line("");
        agreement();
        Path file = Path.of("target", "expansion-benchmark.txt");
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.print(report);
        System.out.println("(written to " + file.toAbsolutePath() + "; " + sink + ")");
    }

    private void measure(String engine, int warmups, int runs, LongSupplier corpusRun) {
        for (int i = 0; i < warmups; i++) {
            sink += corpusRun.getAsLong();
        }
        double[] rates = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = THREADS.getCurrentThreadCpuTime();
            long occurrences = corpusRun.getAsLong();
            long nanos = Math.max(1, THREADS.getCurrentThreadCpuTime() - start);
            rates[i] = occurrences * 1e9 / nanos;
            sink += occurrences;
        }
        Arrays.sort(rates);
        line("%-44s %,14.0f %,10.0f .. %,-10.0f", engine, rates[runs / 2], rates[0], rates[runs - 1]);
    }

    /** The ical4j path: the last-Friday rule as an RRULE, and an hourly RRULE for a rate. */
    private void rruleFigures() {
        RecurrenceSpec lastFridays = BenchmarkCorpus.LAST_FRIDAY_RRULE.spec(100);
        RecurrenceSpec hourly = new RecurrenceSpec(RuleId.of("bench-rrule-hourly"), RRuleSchedule.of("FREQ=HOURLY",
                LocalDateTime.parse("2025-01-01T00:00")), ZoneId.of("Europe/London"), DstPolicy.DEFAULT, Duration.ZERO, 0);
        measure("Almanac expand, RRULE FREQ=HOURLY (ical4j)", 3, 7, () -> keep(
                RecurrenceExpander.expand(hourly, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, Integer.MAX_VALUE)));
        for (int i = 0; i < 200; i++) {
            sink += keep(RecurrenceExpander.expand(lastFridays, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, Integer.MAX_VALUE));
        }
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < 200; i++) {
            sink += keep(RecurrenceExpander.expand(lastFridays, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL, Integer.MAX_VALUE));
        }
        line("%-44s %,11.0f µs per year (12 occurrences)", "Almanac expand, RRULE FREQ=MONTHLY;BYDAY=-1FR",
                (THREADS.getCurrentThreadCpuTime() - start) / 200 / 1e3);
    }

    /** 10,000 rules drawn in turn from the corpus, each parsed and expanded over a 90-day horizon. */
    private void horizons() {
        line("%,d rules (the corpus in turn), 90-day horizons from %s:", RULES, HORIZON_START);
        for (int round = 0; round < 3; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            List<RecurrenceSpec> specs = new ArrayList<>(RULES);
            for (int i = 0; i < RULES; i++) {
                Entry entry = BenchmarkCorpus.SHARED.get(i % BenchmarkCorpus.SHARED.size());
                Schedule schedule = entry.almanac() instanceof CronExpression cron ? CronExpression.parse(cron.dialect(), cron.expression()) : entry.almanac();
                specs.add(new RecurrenceSpec(RuleId.of("rule-" + i), schedule, ZoneId.of(entry.zone()), DstPolicy.DEFAULT, Duration.ofMinutes(5), 0));
            }
            long parsed = THREADS.getCurrentThreadCpuTime();
            long counted = specs.stream().mapToLong(spec -> RecurrenceExpander.count(spec, HORIZON_START, HORIZON_START.plus(HORIZON))).sum();
            long countedAt = THREADS.getCurrentThreadCpuTime();
            long expanded = specs.stream().mapToLong(spec -> keep(RecurrenceExpander.expand(spec, HORIZON_START, HORIZON_START.plus(HORIZON), Integer.MAX_VALUE))).sum();
            long expandedAt = THREADS.getCurrentThreadCpuTime();
            sink += counted + expanded;
            if (round == 2) {
                line("  parse %,d rules: %.2f s CPU; count %,d occurrences: %.2f s; expand them to Occurrence objects: %.2f s",
                        RULES, (parsed - start) / 1e9, counted, (countedAt - parsed) / 1e9, (expandedAt - countedAt) / 1e9);
            }
        }
    }

    private void agreement() {
        line("Agreement over the year, default DST policy (shift gaps forward, earlier instant in overlaps):");
        List<Entry> entries = new ArrayList<>(BenchmarkCorpus.SHARED);
        entries.add(BenchmarkCorpus.DIALECTS_DIFFER);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            List<Occurrence> almanac = RecurrenceSpecs.all(entry.spec(i), BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);
            LibraryComparison.Run cronUtils = LibraryComparison.cronUtils(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);
            LibraryComparison.Run spring = LibraryComparison.spring(entry, BenchmarkCorpus.FROM, BenchmarkCorpus.UNTIL);
            List<Disagreement> disagreements = new ArrayList<>(LibraryComparison.disagreements(entry, almanac, "cron-utils", cronUtils));
            disagreements.addAll(LibraryComparison.disagreements(entry, almanac, "Spring", spring));
            line("  %-38s Almanac %,7d  cron-utils %,7d  Spring %,7d  %s", entry.name(), almanac.size(), cronUtils.instants().size(),
                    spring.instants().size(), disagreements.isEmpty() ? "agree" : "");
            Map<String, List<Disagreement>> byLibraryAndKind = disagreements.stream()
                    .collect(Collectors.groupingBy(d -> d.library() + " " + d.kind().reason(), java.util.LinkedHashMap::new, Collectors.toList()));
            byLibraryAndKind.forEach((reason, those) -> line("      %s %s: %s", those.size() == 1 ? "1 instant," : those.size() + " instants,",
                    reason, those.stream().map(d -> d.local() + " (" + d.instant() + ")").collect(Collectors.joining(", "))));
        }
    }

    private static long keep(Expansion expansion) {
        return expansion.occurrences().size();
    }

    private static long keepIds(Expansion expansion) {
        long hash = 0;
        for (Occurrence occurrence : expansion.occurrences()) {
            hash += occurrence.id().value().length();
        }
        return hash / 36;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private void line(String format, Object... arguments) {
        report.append(String.format(Locale.ROOT, format, arguments)).append('\n');
    }
}

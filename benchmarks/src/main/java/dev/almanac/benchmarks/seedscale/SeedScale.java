package dev.almanac.benchmarks.seedscale;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code java -Dloader.main=dev.almanac.benchmarks.seedscale.SeedScale -jar benchmarks/target/bench-load.jar [options]}:
 * issue 68's seed-scale benchmark ({@link SeedScaleOptions#USAGE}). It starts a local stack from a fresh home, or uses
 * one already running, creates PERF-SCALE's 10,000 rules through the API, and reports how long that took, how soon a
 * person's item and double booking showed meanwhile and after, how long every consumer took to catch up, the
 * conflicts found against those the planted rules imply, the stack's memory, the year window's latency, and how long a
 * restart takes until every view is complete.
 */
public final class SeedScale {

    private SeedScale() {
    }

    public static void main(String[] args) throws Exception {
        SeedScaleOptions options;
        try {
            options = SeedScaleOptions.parse(List.of(args));
            if (options.startStack()) {
                LocalStackProcess.launcherJar(options.repository());
            }
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage() + "\n\n" + SeedScaleOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options, System.out);
        } catch (IllegalStateException stopped) {
            // The stack did not start or answer: said plainly, with its log, not as a stack trace of the benchmark.
            System.err.println("seed-scale stopped: " + stopped.getMessage());
            System.exit(1);
        }
    }

    /** Runs the benchmark, printing its progress and summary to {@code out}, and returns the summary. */
    public static Report run(SeedScaleOptions options, PrintStream out) throws Exception {
        return new SeedScaleRun(options, out).run();
    }
}

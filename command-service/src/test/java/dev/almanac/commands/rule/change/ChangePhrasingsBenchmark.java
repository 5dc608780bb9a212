package dev.almanac.commands.rule.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The change-phrasings benchmark (docs/benchmarks.md): how much of the corpus and of the held-out set
 * is understood and how much misread, and how long a parse and preview takes. Not a unit test: its
 * name keeps it out of the build's test run, and it asserts nothing about time. Run it with
 * {@code ./mvnw -o -pl command-service -am verify -Dtest=ChangePhrasingsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs}.
 */
class ChangePhrasingsBenchmark {

    private static final int ROUNDS = 20;
    private static final int WARM_UP = 5;

    @Test
    void report() {
        StringBuilder report = new StringBuilder("\nchange phrasings benchmark\n");
        List<Long> nanos = new ArrayList<>();
        List<Long> parses = new ArrayList<>();
        for (String file : List.of("corpus.txt", "held-out.txt")) {
            List<PhrasingCorpus.Case> cases = PhrasingCorpus.load(file);
            Map<PhrasingCorpus.Verdict, Integer> counts = new EnumMap<>(PhrasingCorpus.Verdict.class);
            for (PhrasingCorpus.Case phrasing : cases) {
                PhrasingCorpus.Outcome outcome = PhrasingCorpus.check(phrasing);
                counts.merge(outcome.verdict(), 1, Integer::sum);
                if (outcome.verdict() != PhrasingCorpus.Verdict.RIGHT) {
                    report.append("  ").append(outcome.verdict()).append(' ').append(phrasing).append(": ").append(outcome.detail())
                            .append('\n');
                }
            }
            int right = counts.getOrDefault(PhrasingCorpus.Verdict.RIGHT, 0);
            report.append(String.format(Locale.ROOT, "%-13s %3d phrasings: %5.1f %% understood, %d refused, %d misread%n", file,
                    cases.size(), 100.0 * right / cases.size(), counts.getOrDefault(PhrasingCorpus.Verdict.REFUSED, 0),
                    counts.getOrDefault(PhrasingCorpus.Verdict.MISREAD, 0)));
            if (file.equals("corpus.txt")) {
                // Timed: the parse and the preview a proposal makes, after warm-up rounds that let the JIT compile them.
                long[][] perCase = new long[cases.size()][ROUNDS];
                for (int round = -WARM_UP; round < ROUNDS; round++) {
                    for (int index = 0; index < cases.size(); index++) {
                        PhrasingCorpus.Case phrasing = cases.get(index);
                        long start = System.nanoTime();
                        long read = 0;
                        try {
                            Reading reading = ChangeInstructions.read(phrasing.phrasing(), phrasing.rule(), phrasing.now());
                            read = System.nanoTime() - start;
                            RuleChangePreview.of(phrasing.rule(), reading.change(), phrasing.now(), ChangeSource.INSTRUCTION);
                        } catch (RuntimeException refused) {
                            // A refusal is timed too: it is an answer.
                        }
                        if (round >= 0) {
                            long took = System.nanoTime() - start;
                            nanos.add(took);
                            parses.add(read == 0 ? took : read);
                            perCase[index][round] = took;
                        }
                    }
                }
                List<Integer> slowest = new ArrayList<>();
                for (int index = 0; index < cases.size(); index++) {
                    Arrays.sort(perCase[index]);
                    slowest.add(index);
                }
                slowest.sort((a, b) -> Long.compare(perCase[b][ROUNDS / 2], perCase[a][ROUNDS / 2]));
                for (int index : slowest.subList(0, 3)) {
                    report.append(String.format(Locale.ROOT, "  slowest (median) %.2f ms: %s%n", perCase[index][ROUNDS / 2] / 1e6,
                            cases.get(index)));
                }
            }
        }
        long[] parsed = parses.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(parsed);
        report.append(String.format(Locale.ROOT, "parse alone: p50 %.3f ms, p99 %.3f ms%n", parsed[parsed.length / 2] / 1e6,
                parsed[(int) (parsed.length * 0.99)] / 1e6));
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        report.append(String.format(Locale.ROOT, "parse+preview over %d runs: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6));
        System.out.println(report);
    }
}

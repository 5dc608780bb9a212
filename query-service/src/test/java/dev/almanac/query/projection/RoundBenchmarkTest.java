package dev.almanac.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.ProcessCpu;
import dev.almanac.query.readmodel.Blocking;

/**
 * What a round of one step costs the whole process: the step on the waiting thread ({@link Round}
 * now) against the step handed to the executor and waited for (every step before). The step is a
 * call answered from another thread, as the MongoDB driver's event loop answers one. Opt-in:
 *
 * <pre>
 * ./mvnw -B -o -pl query-service test -Dtest=RoundBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 *
 * It prints the process's CPU a round (every thread's) over {@code almanac.bench.rounds} alternating
 * runs (default 6) of {@code almanac.bench.calls} rounds (default 100,000).
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class RoundBenchmarkTest {

    private static final int ROUNDS_A_RUN = Integer.getInteger("almanac.bench.calls", 100_000);
    private static final int RUNS = Integer.getInteger("almanac.bench.rounds", 6);

    @Test
    void aStepOnTheWaitingThreadAgainstOneHandedToTheExecutor() {
        ExecutorService eventLoop = Executors.newSingleThreadExecutor();
        ExecutorService steps = Executors.newFixedThreadPool(ProjectionBatch.MAX_STEPS_A_ROUND);
        try {
            AtomicLong answered = new AtomicLong();
            Runnable call = () -> answered.addAndGet(
                    Blocking.await(Mono.fromFuture(CompletableFuture.supplyAsync(() -> 1, eventLoop)), Duration.ofSeconds(10)));
            Runnable handedOver = () -> CompletableFuture.runAsync(call, steps).join();
            run("warm-up, on this thread", call, steps, answered);
            run("warm-up, handed over", handedOver, steps, answered);
            System.out.printf("%,d rounds of one step a run, the step answered from another thread%n", ROUNDS_A_RUN);
            for (int run = 1; run <= RUNS; run++) {
                double inline = run("on the waiting thread (now)", call, steps, answered);
                double before = run("handed to the executor (before)", handedOver, steps, answered);
                System.out.printf("run %d: handing over costs %.2f times the CPU a round, %.1f µs more%n", run,
                        before / inline, (before - inline) / 1_000);
            }
        } finally {
            eventLoop.shutdownNow();
            steps.shutdownNow();
        }
    }

    /** @return the process's CPU a round, in ns */
    private double run(String label, Runnable step, ExecutorService steps, AtomicLong answered) {
        long answeredBefore = answered.get();
        long cpuBefore = ProcessCpu.nanos();
        long wallBefore = System.nanoTime();
        for (int index = 0; index < ROUNDS_A_RUN; index++) {
            Round round = new Round(steps);
            round.start(step);
            round.await();
        }
        double cpuPerRound = (ProcessCpu.nanos() - cpuBefore) / (double) ROUNDS_A_RUN;
        double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
        assertThat(answered.get() - answeredBefore).isEqualTo(ROUNDS_A_RUN);
        System.out.printf("%-32s %,8.0f ns of CPU a round  %,9.0f rounds/s%n", label, cpuPerRound, ROUNDS_A_RUN / wallSeconds);
        return cpuPerRound;
    }
}

package dev.almanac.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.ProcessCpu;

/**
 * What a wait for one MongoDB call costs the whole process, with the wait bounded by a timed park
 * ({@link Blocking#await}, now) against a {@code Mono.timeout} timer (before). The call is answered
 * from another thread, as the driver's event loop answers it, so both sides pay that hand-off; only
 * the timer differs. Opt-in:
 *
 * <pre>
 * ./mvnw -B -o -pl query-service test -Dtest=BlockingBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 *
 * It prints the process's CPU a call (every thread's: the caller's, the answering one's and the
 * timer's) over {@code almanac.bench.rounds} alternating rounds (default 6) of {@code almanac.bench.calls}
 * calls (default 100,000).
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class BlockingBenchmarkTest {

    private static final int CALLS = Integer.getInteger("almanac.bench.calls", 100_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 6);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aWaitWithoutATimerAgainstOneWithIt() {
        ExecutorService eventLoop = Executors.newSingleThreadExecutor();
        try {
            BiFunction<Mono<Integer>, Duration, Integer> timedPark = Blocking::await;
            BiFunction<Mono<Integer>, Duration, Integer> timer = (call, timeout) -> call.timeout(timeout).block();
            run("warm-up, timed park", timedPark, eventLoop);
            run("warm-up, timer", timer, eventLoop);
            System.out.printf("%,d calls a round, answered from another thread%n", CALLS);
            for (int round = 1; round <= ROUNDS; round++) {
                double park = run("timed park (now)", timedPark, eventLoop);
                double timed = run("Mono.timeout (before)", timer, eventLoop);
                System.out.printf("round %d: the timer costs %.2f times the timed park's CPU a call%n", round, timed / park);
            }
        } finally {
            eventLoop.shutdownNow();
        }
    }

    /** @return the process's CPU a call, in ns */
    private double run(String label, BiFunction<Mono<Integer>, Duration, Integer> await, ExecutorService eventLoop) {
        long sum = 0;
        long cpuBefore = ProcessCpu.nanos();
        long wallBefore = System.nanoTime();
        for (int call = 0; call < CALLS; call++) {
            int asked = call;
            sum += await.apply(Mono.fromFuture(CompletableFuture.supplyAsync(() -> asked, eventLoop)), TIMEOUT);
        }
        double cpuPerCall = (ProcessCpu.nanos() - cpuBefore) / (double) CALLS;
        double wallSeconds = (System.nanoTime() - wallBefore) / 1e9;
        assertThat(sum).isEqualTo((long) CALLS * (CALLS - 1) / 2);
        System.out.printf("%-24s %,8.0f ns of CPU a call  %,9.0f calls/s%n", label, cpuPerCall, CALLS / wallSeconds);
        return cpuPerCall;
    }
}

package dev.almanac.commands.stuckwork;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What watching a command for stuck work costs the command's thread: Axon's unit-of-work timeout (as command-service
 * had it: 60 s, a warning from 10 s), the watchdog, and neither, in alternating rounds, each command dispatched on a
 * SimpleCommandBus from a stack as deep as command-service's (Reactor, Spring and Axon put about 120 frames under a
 * command's unit of work). It prints CPU per command for each; the run behind ADR 0065 is in
 * {@code git show 2da738d:docs/benchmarks.md} ("…Axon's timeouts replaced by a watchdog"):
 * <pre>
 * ./mvnw -B -o -pl command-service test -Dtest=StuckWorkWatchdogBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class StuckWorkWatchdogBenchmarkTest {

    private static final int COMMANDS = Integer.getInteger("almanac.bench.commands", 100_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 5);
    private static final int STACK_DEPTH = Integer.getInteger("almanac.bench.stack-depth", 120);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void theCommandThreadsCpuPerCommandForEachWayOfWatching() {
        StuckWorkWatchdog watchdog = new StuckWorkWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(1), new SimpleMeterRegistry());
        Map<String, Supplier<MessageHandlerInterceptor<? super CommandMessage<?>>>> arms = new LinkedHashMap<>();
        arms.put("neither", () -> null);
        arms.put("Axon's unit-of-work timeout", () -> new UnitOfWorkTimeoutInterceptor("SimpleCommandBus", 60_000, 10_000, 1_000));
        arms.put("watchdog", () -> watchdog);
        System.out.printf("%,d commands a round, from %d frames deep; CPU of the dispatching thread, ns a command%n",
                COMMANDS, STACK_DEPTH);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (Map.Entry<String, Supplier<MessageHandlerInterceptor<? super CommandMessage<?>>>> arm : arms.entrySet()) {
                    line.append(String.format("  %s %,d", arm.getKey(), cpuPerCommand(arm.getValue().get())));
                }
                System.out.println(line);
            }
        } finally {
            watchdog.close();
        }
    }

    private long cpuPerCommand(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        if (interceptor != null) {
            bus.registerHandlerInterceptor(interceptor);
        }
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe("schedule", message -> handled.incrementAndGet());
        CommandMessage<Object> command = new GenericCommandMessage<>(new GenericMessage<>("item"), "schedule");
        long spent = deep(STACK_DEPTH, () -> {
            long started = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < COMMANDS; i++) {
                bus.dispatch(command);
            }
            return threads.getCurrentThreadCpuTime() - started;
        });
        assertThat(handled).hasValue(COMMANDS);
        return spent / COMMANDS;
    }

    /** Runs the work under {@code frames} more frames of this thread's stack, as a service's layers put it. */
    private static long deep(int frames, Supplier<Long> work) {
        return frames == 0 ? work.get() : deep(frames - 1, work);
    }
}

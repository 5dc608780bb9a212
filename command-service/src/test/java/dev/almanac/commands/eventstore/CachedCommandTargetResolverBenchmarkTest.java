package dev.almanac.commands.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.function.Supplier;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.almanac.commands.item.RescheduleItem;
import dev.almanac.events.schedule.ItemId;

/**
 * What finding a command's target aggregate costs its thread: Axon's resolver and the cached one, in alternating
 * rounds, for a command with a target (a reschedule) and for a creation command, whose missing target is an exception
 * Axon's handler catches; each from a stack as deep as command-service's. It prints CPU per resolution for each; the
 * run behind ADR 0065 is in {@code git show 2da738d:docs/benchmarks.md} ("Each command class's target found once"):
 * <pre>
 * ./mvnw -B -o -pl command-service test -Dtest=CachedCommandTargetResolverBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class CachedCommandTargetResolverBenchmarkTest {

    private static final int COMMANDS = Integer.getInteger("almanac.bench.commands", 200_000);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 5);
    private static final int STACK_DEPTH = Integer.getInteger("almanac.bench.stack-depth", 120);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    record Creation(String id, String title, Instant start) {
    }

    @Test
    void theThreadsCpuPerResolutionForEachResolver() {
        CommandMessage<?> reschedule = GenericCommandMessage.asCommandMessage(
                new RescheduleItem(ItemId.of("item-1"), Instant.parse("2026-12-01T09:00:00Z"), "moved", 3L));
        CommandMessage<?> creation = GenericCommandMessage.asCommandMessage(
                new Creation("item-1", "Review", Instant.parse("2026-12-01T09:00:00Z")));
        CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();
        CommandTargetResolver cached = new CachedCommandTargetResolver();
        System.out.printf("%,d resolutions a round, from %d frames deep; CPU of the thread, ns a resolution%n",
                COMMANDS, STACK_DEPTH);
        for (int round = 1; round <= ROUNDS; round++) {
            System.out.printf("round %d:  reschedule: Axon's %,d, cached %,d;  creation: Axon's %,d, cached %,d%n", round,
                    cpuPer(axons, reschedule), cpuPer(cached, reschedule), cpuPer(axons, creation), cpuPer(cached, creation));
        }
    }

    private long cpuPer(CommandTargetResolver resolver, CommandMessage<?> command) {
        int[] resolved = {0};
        long spent = deep(STACK_DEPTH, () -> {
            long started = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < COMMANDS; i++) {
                try {
                    resolver.resolveTarget(command);
                    resolved[0]++;
                } catch (IllegalArgumentException noTarget) {
                    // as AggregateAnnotationCommandHandler takes a creation command's missing target
                    resolved[0]++;
                }
            }
            return threads.getCurrentThreadCpuTime() - started;
        });
        assertThat(resolved[0]).isEqualTo(COMMANDS);
        return spent / COMMANDS;
    }

    private static long deep(int frames, Supplier<Long> work) {
        return frames == 0 ? work.get() : deep(frames - 1, work);
    }
}

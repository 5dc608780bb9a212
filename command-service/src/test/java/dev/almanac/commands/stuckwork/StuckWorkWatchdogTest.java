package dev.almanac.commands.stuckwork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stuck commands are warned about and interrupted; finished ones leave nothing behind, not even an interrupt. */
class StuckWorkWatchdogTest {

    private static final Duration WARN_AFTER = Duration.ofSeconds(10);
    private static final Duration INTERRUPT_AFTER = Duration.ofSeconds(60);

    private final AtomicLong now = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StuckWorkWatchdog watchdog = new StuckWorkWatchdog(WARN_AFTER, INTERRUPT_AFTER, now::get, meters);
    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();

    @AfterEach
    void close() {
        watchdog.close();
    }

    @Test
    void aCommandStillRunningPastTheLimitIsInterruptedAndItsThreadIsLeftClean() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interruptedInHandler = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        bus.registerHandlerInterceptor(watchdog);
        bus.subscribe("stuck", message -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                interruptedInHandler.complete(false);
            } catch (InterruptedException expected) {
                interruptedInHandler.complete(true);
                Thread.currentThread().interrupt();
            }
            return null;
        });
        Thread sender = new Thread(() -> {
            bus.dispatch(command("stuck"));
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        sender.start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        now.addAndGet(WARN_AFTER.toNanos());
        watchdog.sweep();
        assertThat(overdue()).isEqualTo(1);
        assertThat(interruptedInHandler).isNotDone();

        now.addAndGet(INTERRUPT_AFTER.toNanos());
        watchdog.sweep();

        assertThat(interruptedInHandler.get(10, TimeUnit.SECONDS)).as("the handler's wait was interrupted").isTrue();
        assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).as("the interrupt is cleared when the unit ends").isFalse();
        assertThat(meters.get("almanac.commands.units.interrupted").counter().count()).isEqualTo(1.0);
        assertThat(overdue()).isZero();
    }

    @Test
    void aCommandThatFailsAfterItsInterruptFailsAsStoppedForRunningTooLong() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<CommandResultMessage<?>> outcome = new CompletableFuture<>();
        bus.registerHandlerInterceptor(watchdog);
        bus.subscribe("stuck", message -> {
            started.countDown();
            return new CountDownLatch(1).await(30, TimeUnit.SECONDS);
        });
        new Thread(() -> bus.dispatch(command("stuck"), (message, result) -> outcome.complete(result))).start();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        now.addAndGet(INTERRUPT_AFTER.toNanos());
        watchdog.sweep();

        CommandResultMessage<?> result = outcome.get(10, TimeUnit.SECONDS);
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).isInstanceOf(StuckWorkInterruptedException.class)
                .hasMessageContaining("ran past its limit of 60 s").hasCauseInstanceOf(InterruptedException.class);
    }

    @Test
    void aCommandThatFinishedIsNeitherOverdueNorInterrupted() {
        bus.registerHandlerInterceptor(watchdog);
        bus.subscribe("quick", message -> "done");

        bus.dispatch(command("quick"));
        now.addAndGet(INTERRUPT_AFTER.toNanos() * 2);
        watchdog.sweep();

        assertThat(overdue()).isZero();
        assertThat(meters.get("almanac.commands.units.interrupted").counter().count()).isZero();
        assertThat(meters.get("almanac.commands.units.watched").functionCounter().count()).isEqualTo(1.0);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aUnitUnderWayIsOverdueOnlyPastTheWarningAndIsCountedOnceWithTheUnitsInsideIt() throws Exception {
        DefaultUnitOfWork<CommandMessage<?>> outer = DefaultUnitOfWork.startAndGet(command("outer"));
        watchdog.handle(outer, () -> {
            DefaultUnitOfWork<CommandMessage<?>> inner = DefaultUnitOfWork.startAndGet(command("inner"));
            watchdog.handle(inner, () -> null);
            inner.commit();
            return null;
        });

        now.addAndGet(WARN_AFTER.toNanos() - 1);
        assertThat(overdue()).isZero();
        now.addAndGet(1);
        assertThat(overdue()).isEqualTo(1);
        assertThat(meters.get("almanac.commands.units.watched").functionCounter().count()).isEqualTo(1.0);

        outer.commit();
        assertThat(overdue()).isZero();
    }

    @Test
    void aWatchdogThatSweepsByItselfInterruptsWithoutBeingAsked() throws Exception {
        StuckWorkWatchdog sweeping = new StuckWorkWatchdog(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(20), new SimpleMeterRegistry());
        try {
            SimpleCommandBus ownBus = SimpleCommandBus.builder().build();
            ownBus.registerHandlerInterceptor(sweeping);
            CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
            ownBus.subscribe("stuck", message -> {
                try {
                    new CountDownLatch(1).await(30, TimeUnit.SECONDS);
                    interrupted.complete(false);
                } catch (InterruptedException expected) {
                    interrupted.complete(true);
                }
                return null;
            });
            Thread sender = new Thread(() -> ownBus.dispatch(command("stuck")));
            sender.start();

            await().atMost(Duration.ofSeconds(10)).until(interrupted::isDone);
            assertThat(interrupted.get()).isTrue();
        } finally {
            sweeping.close();
        }
    }

    @Test
    void limitsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> new StuckWorkWatchdog(Duration.ZERO, INTERRUPT_AFTER, now::get, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warn-after must be positive");
        assertThatThrownBy(() -> new StuckWorkWatchdog(INTERRUPT_AFTER, WARN_AFTER, now::get, meters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interrupt-after at least warn-after");
    }

    private double overdue() {
        return meters.get("almanac.commands.units.overdue").gauge().value();
    }

    private static CommandMessage<Object> command(String name) {
        return new GenericCommandMessage<>(new GenericMessage<>(name), name);
    }
}

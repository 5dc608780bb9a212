package dev.almanac.commands.stuckwork;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every root unit of work (a command, a relay batch): one running longer than {@code warnAfter} is logged
 * with its thread's stack, again every {@code warnAfter}, and at {@code interruptAfter} its thread is interrupted.
 * <p>
 * This is what Axon's unit-of-work timeout does, without its cost on every command: Axon walks the whole stack when
 * a unit starts and schedules a task for each, which took about 4 % of command-service's CPU under load (ADR
 * 0065). Here a unit costs an entry in a set; one thread looks at the set each second.
 */
public final class StuckWorkWatchdog implements MessageHandlerInterceptor<Message<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StuckWorkWatchdog.class);
    /** The root unit of work's resource under which a watched unit is kept. */
    public static final String RESOURCE = StuckWorkWatchdog.class.getName();

    private final Set<Unit> running = ConcurrentHashMap.newKeySet();
    private final LongAdder watched = new LongAdder();
    private final long warnAfterNanos;
    private final long interruptAfterNanos;
    private final LongSupplier nanoTime;
    private final Counter interrupted;
    private final ScheduledExecutorService sweeper;

    /**
     * @param sweepEvery how often the running units are looked at; a unit is warned about or interrupted at most this
     *                   late
     */
    public StuckWorkWatchdog(Duration warnAfter, Duration interruptAfter, Duration sweepEvery, MeterRegistry meters) {
        this(warnAfter, interruptAfter, System::nanoTime, meters);
        sweeper.scheduleWithFixedDelay(this::sweepAndCarryOn, sweepEvery.toNanos(), sweepEvery.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A watchdog that looks only when {@link #sweep()} is called, on the given clock. */
    StuckWorkWatchdog(Duration warnAfter, Duration interruptAfter, LongSupplier nanoTime, MeterRegistry meters) {
        if (warnAfter.isNegative() || warnAfter.isZero() || interruptAfter.compareTo(warnAfter) < 0) {
            throw new IllegalArgumentException("warn-after must be positive and interrupt-after at least warn-after, not "
                    + warnAfter + " and " + interruptAfter);
        }
        this.warnAfterNanos = warnAfter.toNanos();
        this.interruptAfterNanos = interruptAfter.toNanos();
        this.nanoTime = nanoTime;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stuck-work-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        Gauge.builder("almanac.commands.units.overdue", this, StuckWorkWatchdog::overdue)
                .description("Units of work (commands, relay batches) running longer than the warning threshold")
                .register(meters);
        FunctionCounter.builder("almanac.commands.units.watched", watched, LongAdder::sum)
                .description("Units of work (commands, relay batches) the watchdog has watched")
                .register(meters);
        this.interrupted = Counter.builder("almanac.commands.units.interrupted")
                .description("Units of work whose thread was interrupted for running past the limit")
                .register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        UnitOfWork<?> root = unitOfWork.root();
        if (root.resources().containsKey(RESOURCE)) {
            return interceptorChain.proceed();
        }
        Unit unit = new Unit(Thread.currentThread(), unitOfWork.getMessage(), nanoTime.getAsLong());
        root.resources().put(RESOURCE, unit);
        running.add(unit);
        watched.increment();
        root.onCleanup(done -> finish(unit));
        try {
            return interceptorChain.proceed();
        } catch (Exception failure) {
            if (unit.wasInterrupted()) {
                throw new StuckWorkInterruptedException(unit.describe() + " ran past its limit of "
                        + TimeUnit.NANOSECONDS.toSeconds(interruptAfterNanos) + " s and was interrupted", failure);
            }
            throw failure;
        }
    }

    /** A failed sweep is logged: thrown, it would end the schedule, and with it every later warning and interrupt. */
    private void sweepAndCarryOn() {
        try {
            sweep();
        } catch (RuntimeException failure) {
            log.error("The stuck-work watchdog's sweep failed; it looks again at its next sweep", failure);
        }
    }

    /** Warns about the units past the threshold and interrupts those past the limit. */
    void sweep() {
        long now = nanoTime.getAsLong();
        for (Unit unit : running) {
            long took = now - unit.started;
            if (took >= interruptAfterNanos) {
                unit.interrupt(took);
            } else if (took - unit.warnedAt >= warnAfterNanos) {
                unit.warnedAt = took;
                log.warn("{} has run for {} ms on thread [{}]; it will be interrupted at {} ms. Its stack:\n{}",
                        unit.describe(), TimeUnit.NANOSECONDS.toMillis(took), unit.thread.getName(),
                        TimeUnit.NANOSECONDS.toMillis(interruptAfterNanos), stackOf(unit.thread));
            }
        }
    }

    int overdue() {
        long now = nanoTime.getAsLong();
        return (int) running.stream().filter(unit -> now - unit.started >= warnAfterNanos).count();
    }

    private void finish(Unit unit) {
        running.remove(unit);
        unit.finish();
    }

    private static String stackOf(Thread thread) {
        return Arrays.stream(thread.getStackTrace()).map(frame -> "\tat " + frame).collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    private final class Unit {
        private final Thread thread;
        private final Message<?> message;
        private final long started;
        /** How long the unit had run at its last warning; touched by the sweeper alone. */
        private long warnedAt;
        private boolean done;
        private boolean interruptedByUs;

        Unit(Thread thread, Message<?> message, long started) {
            this.thread = thread;
            this.message = message;
            this.started = started;
        }

        String describe() {
            return "Unit of work for " + message.getPayloadType().getSimpleName() + " (" + message.getIdentifier() + ")";
        }

        synchronized void interrupt(long took) {
            if (done || interruptedByUs) {
                return;
            }
            interruptedByUs = true;
            interrupted.increment();
            log.error("{} has run for {} ms on thread [{}], past its limit; interrupting it. Its stack:\n{}",
                    describe(), TimeUnit.NANOSECONDS.toMillis(took), thread.getName(), stackOf(thread));
            thread.interrupt();
        }

        synchronized boolean wasInterrupted() {
            return interruptedByUs;
        }

        /** Runs on the unit's own thread: an interrupt that came too late to matter must not reach the next unit. */
        synchronized void finish() {
            done = true;
            if (interruptedByUs && thread == Thread.currentThread()) {
                Thread.interrupted();
            }
        }
    }
}

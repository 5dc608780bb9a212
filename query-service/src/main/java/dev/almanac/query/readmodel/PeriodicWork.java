package dev.almanac.query.readmodel;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Work a read model does on a timer of its own (pruning, counting): one run at a time, a run that fails logged and
 * tried again at the next tick, nothing woken between ticks. Its owner's lifecycle starts and stops it.
 */
public final class PeriodicWork {

    private final String notDone;
    private final Duration first;
    private final Duration every;
    private final Supplier<Mono<?>> work;
    private final Logger log;
    private volatile @Nullable Disposable running;

    /** @param notDone what the warning of a failed run begins with, e.g. "Change log not pruned" */
    public PeriodicWork(String notDone, Duration first, Duration every, Supplier<Mono<?>> work, Logger log) {
        this.notDone = notDone;
        this.first = first;
        this.every = every;
        this.work = work;
        this.log = log;
    }

    public void start() {
        running = Flux.interval(first, every, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(work).onErrorResume(failure -> {
                    log.warn("{}: {}", notDone, failure.getMessage());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    public boolean isRunning() {
        return running != null;
    }
}

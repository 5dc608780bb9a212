package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Steps of one batch that touch different collections, started at once on threads that may block
 * ({@link ProjectionBatch}); a round of one step runs it on the thread that awaits it. Each step is
 * a MongoDB round trip or a few, and waiting for them one after another is what bounds the
 * projection when the machine is busy: every round trip waits for the server's turn on the CPU,
 * then for the listener's.
 *
 * <p>{@link #await} returns once every step has ended, failed ones included, so nothing of a failed
 * round is still writing when the batch is retried; it then throws the first failure, with the others
 * suppressed in it.
 */
final class Round {

    private final Executor executor;
    private final List<CompletableFuture<?>> steps = new ArrayList<>();
    /**
     * The first step, held back until a second starts: a round of one step (most rounds of a batch of items) runs it on
     * the awaiting thread, which would only wait for it, and spares the hand-over to another thread and back. On a busy
     * machine each hand-over waits for a core.
     */
    private @Nullable Step<?> held;

    Round(Executor executor) {
        this.executor = executor;
    }

    /** Starts a step; its result may be read once {@link #await} has returned (read sooner, it is taken or waited for there). */
    <T> Supplier<T> start(Supplier<T> step) {
        Step<T> started = new Step<>(step);
        steps.add(started.result);
        if (steps.size() == 1) {
            held = started;
        } else {
            if (held != null) {
                executor.execute(held);
                held = null;
            }
            executor.execute(started);
        }
        return started::get;
    }

    void start(Runnable step) {
        start(() -> {
            step.run();
            return null;
        });
    }

    void await() {
        if (held != null) {
            held.run();
            held = null;
        }
        RuntimeException first = null;
        for (CompletableFuture<?> step : steps) {
            try {
                step.join();
            } catch (CompletionException failed) {
                RuntimeException cause = failed.getCause() instanceof RuntimeException runtime ? runtime : failed;
                if (first == null) {
                    first = cause;
                } else if (first != cause) {
                    first.addSuppressed(cause);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** A step that runs once, on whichever thread comes to it first. */
    private static final class Step<T> implements Runnable {

        private final Supplier<T> work;
        private final AtomicBoolean taken = new AtomicBoolean();
        final CompletableFuture<T> result = new CompletableFuture<>();

        Step(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (!taken.compareAndSet(false, true)) {
                return;
            }
            try {
                result.complete(work.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }

        T get() {
            run();
            return result.join();
        }
    }
}

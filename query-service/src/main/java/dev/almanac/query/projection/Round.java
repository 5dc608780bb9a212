package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Steps of one batch that touch different collections, run at once ({@link ProjectionBatch}). Each
 * step is a MongoDB round trip or a few, and waiting for them one after another is what bounds the
 * projection when the machine is busy: every round trip waits for the server's turn on the CPU,
 * then for the listener's.
 *
 * <p>The first step runs on the calling thread, in {@link #await}, and the others on the executor's
 * threads as they start. The caller would only wait meanwhile, and handing a step to another thread
 * costs two wake-ups, each a context switch; most rounds of a small batch have one step.
 *
 * <p>{@link #await} returns once every step has ended, failed ones included, so nothing of a failed
 * round is still writing when the batch is retried; it then throws the first failure, with the others
 * suppressed in it.
 */
final class Round {

    private final Executor executor;
    private final List<CompletableFuture<?>> steps = new ArrayList<>();
    /** The first step, run by {@link #await}; null once run, or until a step starts. */
    private @Nullable Runnable onThisThread;

    Round(Executor executor) {
        this.executor = executor;
    }

    /** Starts a step; its result may be read once {@link #await} has returned, and not before. */
    <T> Supplier<T> start(Supplier<T> step) {
        CompletableFuture<T> result;
        if (steps.isEmpty()) {
            CompletableFuture<T> later = new CompletableFuture<>();
            onThisThread = () -> later.completeAsync(step, Runnable::run);
            result = later;
        } else {
            result = CompletableFuture.supplyAsync(step, executor);
        }
        steps.add(result);
        return () -> {
            // The first step has not run before await: waiting for it here would never end.
            if (!result.isDone()) {
                throw new IllegalStateException("a round's step was read before the round was awaited");
            }
            return result.join();
        };
    }

    void start(Runnable step) {
        start(() -> {
            step.run();
            return null;
        });
    }

    void await() {
        if (onThisThread != null) {
            Runnable firstStep = onThisThread;
            onThisThread = null;
            firstStep.run();
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
}

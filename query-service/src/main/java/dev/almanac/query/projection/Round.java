package dev.almanac.query.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Steps of one batch that touch different collections, started at once on threads that may block
 * ({@link ProjectionBatch}). Each step is a MongoDB round trip or a few, and waiting for them one
 * after another is what bounds the projection when the machine is busy: every round trip waits for
 * the server's turn on the CPU, then for the listener's.
 *
 * <p>{@link #await} returns once every step has ended, failed ones included, so nothing of a failed
 * round is still writing when the batch is retried; it then throws the first failure, with the others
 * suppressed in it.
 */
final class Round {

    private final Executor executor;
    private final List<CompletableFuture<?>> steps = new ArrayList<>();

    Round(Executor executor) {
        this.executor = executor;
    }

    /** Starts a step; its result may be read once {@link #await} has returned. */
    <T> Supplier<T> start(Supplier<T> step) {
        CompletableFuture<T> result = CompletableFuture.supplyAsync(step, executor);
        steps.add(result);
        return result::join;
    }

    void start(Runnable step) {
        steps.add(CompletableFuture.runAsync(step, executor));
    }

    void await() {
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

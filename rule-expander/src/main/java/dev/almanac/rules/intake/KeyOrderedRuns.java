package dev.almanac.rules.intake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs the work of a poll's records with several keys under way at once. A key's records run one
 * after the other in their order, so a rule's events are applied as they were written; records of
 * different keys run side by side, at most {@code parallelism} keys at a time. A pass spends most
 * of its time waiting for Kafka's acknowledgements and for MongoDB, and while one rule waits
 * another's occurrences use the CPU (ADR 0031).
 *
 * <p>A failed record stops the records of its key that follow it; the other keys run to their end.
 * The earliest failure in the poll's order is returned, so that the records before it can be
 * committed and the rest delivered again: every record after it, including those that succeeded,
 * runs again, which every handler of a rule event tolerates (a redelivered event changes nothing).
 */
final class KeyOrderedRuns {

    /** The record at {@code index} of the poll failed with {@code cause}. */
    record Failure(int index, Throwable cause) {
    }

    private KeyOrderedRuns() {
    }

    /**
     * Runs {@code work} for every index of {@code keys}, in key order, and waits for all of it to end.
     *
     * @param keys the records' keys, in the poll's order; records without a key run in their order with one another
     * @param work the work of the record at an index, not yet begun
     * @return the earliest failure, if any
     */
    static Optional<Failure> run(List<@Nullable String> keys, int parallelism, IntFunction<Mono<?>> work) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        Map<@Nullable String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int index = 0; index < keys.size(); index++) {
            byKey.computeIfAbsent(keys.get(index), key -> new ArrayList<>()).add(index);
        }
        List<Failure> failures = Flux.fromIterable(byKey.values())
                .flatMap(indices -> firstFailureOf(indices, work), parallelism)
                .collectList()
                .block();
        return failures == null ? Optional.empty() : failures.stream().min(Comparator.comparingInt(Failure::index));
    }

    /** One key's records in order, up to the first that fails, whose failure it gives. */
    private static Mono<Failure> firstFailureOf(List<Integer> indices, IntFunction<Mono<?>> work) {
        return Flux.fromIterable(indices)
                .concatMap(index -> Mono.defer(() -> work.apply(index))
                        .then(Mono.<Failure>empty())
                        .onErrorResume(cause -> Mono.just(new Failure(index, cause))))
                // The first failure ends the key: the records after it are not begun.
                .next();
    }
}

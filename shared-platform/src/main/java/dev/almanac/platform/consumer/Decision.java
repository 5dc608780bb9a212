package dev.almanac.platform.consumer;

import java.util.Objects;

/**
 * What a consumer does with one event type: handles it with {@code work}, or ignores it for a
 * stated reason. Handlers return a decision instead of doing the work, so a test can ask every
 * consumer about every catalogued type without side effects.
 *
 * @param <W> the consumer's unit of work, carried out by its caller
 */
public sealed interface Decision<W> {

    static <W> Decision<W> handle(W work) {
        return new Handle<>(work);
    }

    static <W> Decision<W> ignore(String reason) {
        return new Ignore<>(reason);
    }

    record Handle<W>(W work) implements Decision<W> {

        public Handle {
            Objects.requireNonNull(work, "work");
        }
    }

    /** Deliberately not acted on; the reason says why, for the reader of the code and of the metrics. */
    record Ignore<W>(String reason) implements Decision<W> {

        public Ignore {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an ignored event type needs a reason");
            }
        }
    }
}

package dev.almanac.query.readmodel;

import java.time.Duration;
import java.util.NoSuchElementException;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/** Waits for one reactive MongoDB call on a thread that may block, such as the projection's. */
public final class Blocking {

    private Blocking() {
    }

    /**
     * The call's single result. The wait is bounded by a timed park of this thread, not by
     * {@code Mono.timeout}, which would put a timer on a scheduler's thread and take it off again
     * for every call: two wake-ups of another thread per round trip (see docs/benchmarks.md, "The
     * projection's waits without a timer thread").
     *
     * @throws RuntimeException caused by a {@link java.util.concurrent.TimeoutException} when it takes longer than
     *                          {@code timeout}; the call is then cancelled
     */
    public static <T> T await(Publisher<T> publisher, Duration timeout) {
        T result = Mono.from(publisher).block(timeout);
        if (result == null) {
            throw new NoSuchElementException("MongoDB answered nothing");
        }
        return result;
    }
}

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
     * The call's single result.
     *
     * @throws RuntimeException caused by a {@link java.util.concurrent.TimeoutException} when it takes longer than {@code timeout}
     */
    public static <T> T await(Publisher<T> publisher, Duration timeout) {
        T result = Mono.from(publisher).timeout(timeout).block();
        if (result == null) {
            throw new NoSuchElementException("MongoDB answered nothing");
        }
        return result;
    }
}

package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** What the controller adds to the hub's events on their way to the connection. */
class LiveStreamControllerTest {

    @Test
    void aCommentGoesOutOnlyWhenNothingElseWasSentForAHeartbeat() {
        Sinks.Many<ServerSentEvent<Object>> hub = Sinks.many().unicast().onBackpressureBuffer();
        ServerSentEvent<Object> entry = ServerSentEvent.builder((Object) "change").event("entry").build();

        StepVerifier.withVirtualTime(() -> LiveStreamController.withHeartbeats(hub.asFlux(), Duration.ofSeconds(15)))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(10))
                .then(() -> hub.tryEmitNext(entry))
                .expectNext(entry)
                .expectNoEvent(Duration.ofSeconds(14))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(comment -> assertThat(comment.comment()).as("15 s after the entry").isEqualTo("keep-alive"))
                .expectNoEvent(Duration.ofSeconds(14))
                .thenAwait(Duration.ofSeconds(1))
                .assertNext(comment -> assertThat(comment.comment()).isEqualTo("keep-alive"))
                .then(hub::tryEmitComplete)
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void theHeartbeatsTakeOneEventAheadOfTheConnectionAtMost() {
        AtomicLong requested = new AtomicLong();
        Flux<ServerSentEvent<Object>> events = Flux.range(0, 1000)
                .map(index -> ServerSentEvent.builder((Object) index).event("entry").build())
                .doOnRequest(requested::addAndGet)
                // As the hub's events come: not fused with what takes them, so every request shows.
                .hide();

        StepVerifier.create(LiveStreamController.withHeartbeats(events, Duration.ofSeconds(15)), 0)
                .expectSubscription()
                .thenRequest(1)
                .expectNextCount(1)
                .then(() -> assertThat(requested.get()).as("events taken from the hub's buffer").isLessThanOrEqualTo(3))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }
}

package dev.almanac.query.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/** A stream slot comes back when its exchange ends, even if the stream's body was never subscribed to. */
class StreamSlotGuardTest {

    private final StreamHub hub = new StreamHub(1, 10, 100, 10, Duration.ofMinutes(10), new SimpleMeterRegistry(), Clock.systemUTC());

    @Test
    void anExchangeThatEndsWithoutItsBodyGivesItsSlotBack() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/stream?calendar_id=cal-a"));

        new StreamSlotGuard().filter(exchange, taken -> {
            taken.getAttributes().put(StreamSlotGuard.SLOT, hub.tryOpen().orElseThrow());
            assertThat(hub.hasRoom()).isFalse();
            return Mono.empty();
        }).block(Duration.ofSeconds(5));

        assertThat(hub.hasRoom()).isTrue();
    }

    @Test
    void aSlotIsGivenBackOnceHoweverOftenItIsClosed() {
        StreamSlots.Slot slot = hub.tryOpen().orElseThrow();
        slot.close();
        slot.close();
        StreamSlots.Slot next = hub.tryOpen().orElseThrow();

        assertThat(hub.tryOpen()).as("the second close gave back no slot it did not hold").isEmpty();
        next.close();
    }
}

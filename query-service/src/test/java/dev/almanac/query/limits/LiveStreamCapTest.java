package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import dev.almanac.events.UserId;
import dev.almanac.platform.identity.Caller;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.testing.InMemoryMongo;

/** A caller's live streams are capped while they are open, and a closed one frees its place. */
class LiveStreamCapTest {

    private final ReadLimits limits = new ReadLimits(new ReadLimitSettings(true, 0, 0, 0, 2),
            new ReadCounters(InMemoryMongo.freshDatabase("streams")), Clock.systemUTC(), new SimpleMeterRegistry());
    /** A stream stays open until its subscriber goes. */
    private final WebFilterChain openStream = exchange -> Mono.never();

    @Test
    void aThirdOpenStreamIsRefusedUntilOneCloses() {
        Disposable first = limits.filter(stream("ann"), openStream).subscribe();
        Disposable second = limits.filter(stream("ann"), openStream).subscribe();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);

        MockServerWebExchange third = stream("ann");
        limits.filter(third, openStream).block();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(third.getResponse().getBodyAsString().block()).contains("ann holds 2 live streams open already");
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);

        MockServerWebExchange otherCaller = stream("bob");
        Disposable bobs = limits.filter(otherCaller, openStream).subscribe();
        assertThat(otherCaller.getResponse().getStatusCode()).isNull();

        first.dispose();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(1);
        MockServerWebExchange again = stream("ann");
        Disposable reopened = limits.filter(again, openStream).subscribe();
        assertThat(again.getResponse().getStatusCode()).isNull();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);
        second.dispose();
        reopened.dispose();
        bobs.dispose();
        assertThat(limits.openStreamsOf("ann")).isZero();
    }

    private static MockServerWebExchange stream(String user) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/stream"));
        exchange.getAttributes().put(Callers.ATTRIBUTE, new Caller(UserId.of(user), false));
        return exchange;
    }
}

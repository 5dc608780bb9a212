package dev.almanac.query.limits;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;

import com.mongodb.reactivestreams.client.MongoDatabase;

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

/** A caller's live streams are capped while they are open, on every replica together, and a closed one frees its place. */
class LiveStreamCapTest {

    private final MongoDatabase store = InMemoryMongo.freshDatabase("streams");
    private final StreamLeases leases = new StreamLeases(store, Clock.systemUTC());
    private final ReadLimits limits = replica(leases);
    /** A stream stays open until its subscriber goes. */
    private final WebFilterChain openStream = exchange -> Mono.never();

    @Test
    void aThirdOpenStreamIsRefusedUntilOneCloses() {
        Disposable first = limits.filter(stream("ann"), openStream).subscribe();
        Disposable second = limits.filter(stream("ann"), openStream).subscribe();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);
        awaitLeases(leases, 2);

        MockServerWebExchange third = stream("ann");
        limits.filter(third, openStream).block();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(third.getResponse().getBodyAsString().block()).contains("ann holds 2 live streams open already");
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);

        MockServerWebExchange otherCaller = stream("bob");
        Disposable bobs = limits.filter(otherCaller, openStream).subscribe();
        awaitLeases(leases, 3);
        assertThat(otherCaller.getResponse().getStatusCode()).isNull();

        first.dispose();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(1);
        awaitStored("ann", 1);
        MockServerWebExchange again = stream("ann");
        Disposable reopened = limits.filter(again, openStream).subscribe();
        awaitLeases(leases, 3);
        assertThat(again.getResponse().getStatusCode()).isNull();
        assertThat(limits.openStreamsOf("ann")).isEqualTo(2);
        second.dispose();
        reopened.dispose();
        bobs.dispose();
        assertThat(limits.openStreamsOf("ann")).isZero();
        awaitLeases(leases, 0);
        awaitStored("ann", 0);
    }

    @Test
    void twoReplicasCapACallersStreamsTogether() {
        StreamLeases otherLeases = new StreamLeases(store, Clock.systemUTC());
        ReadLimits other = replica(otherLeases);
        Disposable onThis = limits.filter(stream("cleo"), openStream).subscribe();
        awaitLeases(leases, 1);
        Disposable onOther = other.filter(stream("cleo"), openStream).subscribe();
        awaitLeases(otherLeases, 1);

        for (ReadLimits replica : new ReadLimits[] {limits, other}) {
            MockServerWebExchange third = stream("cleo");
            replica.filter(third, openStream).block(Duration.ofSeconds(5));
            assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(third.getResponse().getBodyAsString().block()).contains("cleo holds 2 live streams open already");
        }
        assertThat(limits.openStreamsOf("cleo")).isEqualTo(1);
        assertThat(other.openStreamsOf("cleo")).isEqualTo(1);

        onThis.dispose();
        awaitStored("cleo", 1);
        MockServerWebExchange reopened = stream("cleo");
        Disposable onOtherAgain = other.filter(reopened, openStream).subscribe();
        awaitLeases(otherLeases, 2);
        assertThat(reopened.getResponse().getStatusCode()).isNull();
        onOther.dispose();
        onOtherAgain.dispose();
        awaitLeases(otherLeases, 0);
        awaitStored("cleo", 0);
    }

    private ReadLimits replica(StreamLeases replicasLeases) {
        return new ReadLimits(new ReadLimitSettings(true, 0, 0, 0, 2), new ReadCounters(store), replicasLeases, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private void awaitStored(String caller, int live) {
        await().atMost(Duration.ofSeconds(5)).until(() -> leases.liveOf(caller).block() == live);
    }

    private static void awaitLeases(StreamLeases replicasLeases, int held) {
        await().atMost(Duration.ofSeconds(5)).until(() -> replicasLeases.held() == held);
    }

    private static MockServerWebExchange stream(String user) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/stream"));
        exchange.getAttributes().put(Callers.ATTRIBUTE, new Caller(UserId.of(user), false));
        return exchange;
    }
}

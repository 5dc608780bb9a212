package dev.almanac.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** How a visibility probe asks the window: once with its token, or polled often enough without flooding the read side. */
class CommandsTest {

    private static final Instant AT = Instant.parse("2027-01-05T10:00:00Z");

    @Test
    void aProbePausesAnEighthOfWhatItHasWaitedWithinFiveAndTwoHundredMilliseconds() {
        assertThat(Commands.pollPause(Duration.ZERO)).isEqualTo(Duration.ofMillis(5));
        assertThat(Commands.pollPause(Duration.ofMillis(160))).isEqualTo(Duration.ofMillis(20));
        assertThat(Commands.pollPause(Duration.ofMillis(800))).isEqualTo(Duration.ofMillis(100));
        assertThat(Commands.pollPause(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void withItsTokenAProbeAsksTheWindowOnceAndIsAnsweredWhenTheWindowCountsTheItem() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Stub window = new Stub(asked, request -> request == 1 ? answer("fresh", 1) : answer(null, 1))) {
            Commands.Visible visible = window.commands().awaitVisibleInWindow("probe", AT, "tok", Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);

            assertThat(visible.byToken()).isTrue();
            assertThat(visible.freshWithoutItem()).isFalse();
            assertThat(visible.requests()).isEqualTo(1);
            assertThat(asked).singleElement().asString()
                    .contains("queue=probe", "from=2027-01-05T10:00:00Z", "till=2027-01-05T11:00:00Z", "consistency_token=tok");
        }
    }

    @Test
    void aStaleAnswerIsPolledOnUntilTheWindowCountsTheItem() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Stub window = new Stub(asked, request -> request == 1 ? answer("stale", 0) : answer(null, request >= 3 ? 1 : 0))) {
            Commands.Visible visible = window.commands().awaitVisibleInWindow("probe", AT, "tok", Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);

            assertThat(visible.byToken()).isFalse();
            assertThat(visible.freshWithoutItem()).as("stale is allowed; it is not a broken promise").isFalse();
            assertThat(asked).hasSize(3);
            assertThat(visible.requests()).isEqualTo(3);
            assertThat(asked.subList(1, 3)).allSatisfy(uri -> assertThat(uri).doesNotContain("consistency_token"));
        }
    }

    @Test
    void aFreshAnswerWithoutTheItemIsCountedAsABrokenPromise() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Stub window = new Stub(asked, request -> answer(request == 1 ? "fresh" : null, request == 1 ? 0 : 1))) {
            Commands.Visible visible = window.commands().awaitVisibleInWindow("probe", AT, "tok", Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);

            assertThat(visible.byToken()).isFalse();
            assertThat(visible.freshWithoutItem()).isTrue();
            assertThat(asked).hasSize(2);
        }
    }

    @Test
    void withoutATokenAProbePollsUntilTheWindowCountsTheItem() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        try (Stub window = new Stub(asked, request -> answer(null, request >= 4 ? 1 : 0))) {
            Commands.Visible visible = window.commands().awaitVisibleInWindow("probe", AT, null, Duration.ofSeconds(10))
                    .get(10, TimeUnit.SECONDS);

            assertThat(visible.byToken()).isFalse();
            assertThat(visible.requests()).isEqualTo(4);
            assertThat(asked).hasSize(4).allSatisfy(uri -> assertThat(uri).doesNotContain("consistency_token"));
        }
    }

    private record Answer(String freshness, int total) {
    }

    private static Answer answer(String freshness, int total) {
        return new Answer(freshness, total);
    }

    /** Stands for the gateway's window: answers each request as {@code answers} says for its number (from 1), and records its URI. */
    private static final class Stub implements AutoCloseable {

        private final DisposableServer server;
        private final Commands commands;

        Stub(List<String> asked, IntFunction<Answer> answers) {
            AtomicInteger requests = new AtomicInteger();
            this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
                asked.add(request.uri());
                Answer answer = answers.apply(requests.incrementAndGet());
                if (answer.freshness() != null) {
                    response.header("Almanac-Consistency", answer.freshness());
                }
                return response.sendString(Mono.just(
                        "{\"buckets\":[],\"summary\":{\"total_jobs\":" + answer.total() + "}}")).then();
            }).bindNow();
            this.commands = new Commands("http://127.0.0.1:" + server.port());
        }

        Commands commands() {
            return commands;
        }

        @Override
        public void close() {
            commands.close();
            server.disposeNow();
        }
    }
}

package dev.almanac.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import dev.almanac.embedded.ProcessCpu;

/**
 * What the gateway's CPU a request is on one event loop against four (Reactor Netty's default on two cores, which the
 * gateway had until 2026-11-28). A backend on loops of its own answers each command as command-service does (201 and a
 * small JSON body); a client on a loop of its own sends commands through the gateway, open loop, at a fixed rate. Each
 * arm runs in alternating rounds, and prints the gateway's threads' CPU a request (user and system, from the JVM), the
 * whole JVM's, and the client's p50 and p99.
 *
 * <pre>
 * ./mvnw -B -o -pl deploy/local test -Dtest=GatewayEventLoopsBenchmarkTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 *
 * {@code -Dalmanac.bench.rate} (requests a second, 500 by default), {@code -Dalmanac.bench.seconds} (a round's
 * measured seconds, 20) and {@code -Dalmanac.bench.rounds} (3) size the run.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class GatewayEventLoopsBenchmarkTest {

    private static final int RATE = Integer.getInteger("almanac.bench.rate", 500);
    private static final int SECONDS = Integer.getInteger("almanac.bench.seconds", 20);
    private static final int ROUNDS = Integer.getInteger("almanac.bench.rounds", 3);
    private static final int[] EVENT_LOOPS = {1, 4};
    private static final byte[] COMMAND = ("{\"title\":\"Benchmark item\",\"type\":\"job\",\"start\":\"2026-12-01T10:00:00Z\","
            + "\"end\":\"2026-12-01T11:00:00Z\",\"timezone\":\"UTC\",\"priority\":\"normal\",\"tags\":[],\"resources\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    private static final String ANSWER = "{\"item_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"calendar_id\":\"cal-07\","
            + "\"version\":3,\"status\":\"scheduled\",\"consistency_token\":\"AAAAAAAAAAEAAAAAAAAAAgAAAAAAAAAD\"}";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void gatewayCpuARequestOnOneEventLoopAndOnFour() {
        LoopResources backendLoops = LoopResources.create("bench-backend", 2, true);
        LoopResources clientLoops = LoopResources.create("bench-client", 1, true);
        ConnectionProvider clientConnections = ConnectionProvider.builder("bench-client").maxConnections(500).build();
        DisposableServer backend = HttpServer.create().runOn(backendLoops).host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().aggregate().then(response.status(201)
                        .header("Content-Type", "application/json")
                        .header("ETag", "\"3\"")
                        .sendString(Mono.just(ANSWER)).then()))
                .bindNow();
        RouteTable routes = new RouteTable(List.of(new RouteRule(false, "/v1", "POST", "command-service", null, null)));
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                for (int eventLoops : EVENT_LOOPS) {
                    try (Gateway gateway = Gateway.start("127.0.0.1", 0, routes,
                            Map.of("command-service", "http://127.0.0.1:" + backend.port()), eventLoops)) {
                        HttpClient client = HttpClient.create(clientConnections).runOn(clientLoops)
                                .baseUrl("http://127.0.0.1:" + gateway.port());
                        drive(client, Duration.ofSeconds(5)); // connections opened, code compiled
                        long gatewayCpu = gatewayThreadsCpu();
                        long processCpu = ProcessCpu.nanos();
                        Round measured = drive(client, Duration.ofSeconds(SECONDS));
                        double gatewayMicros = (gatewayThreadsCpu() - gatewayCpu) / 1_000.0 / measured.answered();
                        double processMicros = (ProcessCpu.nanos() - processCpu) / 1_000.0 / measured.answered();
                        String line = String.format("round %d, %d event loop%s: %d answered of %d sent at %d/s; gateway "
                                        + "%.1f µs of CPU a request, whole JVM %.1f µs; client p50/p99 %.2f/%.2f ms",
                                round, eventLoops, eventLoops == 1 ? "" : "s", measured.answered(), measured.sent(), RATE,
                                gatewayMicros, processMicros, measured.percentile(0.50), measured.percentile(0.99));
                        System.out.println(line);
                        assertThat(measured.answered()).as("every request answered 201").isEqualTo(measured.sent());
                    }
                }
            }
        } finally {
            backend.disposeNow();
            clientConnections.dispose();
            clientLoops.dispose();
            backendLoops.dispose();
        }
    }

    private Round drive(HttpClient client, Duration duration) {
        long count = duration.toSeconds() * RATE;
        AtomicLong answered = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Flux.interval(Duration.ofNanos(1_000_000_000L / RATE))
                .take(count)
                .flatMap(tick -> {
                    long started = System.nanoTime();
                    ByteBuf body = Unpooled.wrappedBuffer(COMMAND);
                    return client.headers(headers -> headers.set("Content-Type", "application/json"))
                            .post().uri("/v1/calendars/cal-07/items").send(Mono.just(body))
                            .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
                            .doOnNext(status -> {
                                if (status == 201) {
                                    answered.incrementAndGet();
                                    latencies.add(System.nanoTime() - started);
                                }
                            });
                }, 10_000)
                .then()
                .block(duration.plusSeconds(10));
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Round(count, answered.get(), sorted);
    }

    private long gatewayThreadsCpu() {
        long sum = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().startsWith("almanac-gateway-")) {
                sum += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return sum;
    }

    private record Round(long sent, long answered, long[] sortedNanos) {

        double percentile(double p) {
            return sortedNanos.length == 0 ? Double.NaN
                    : sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(p * sortedNanos.length) - 1)] / 1e6;
        }
    }
}

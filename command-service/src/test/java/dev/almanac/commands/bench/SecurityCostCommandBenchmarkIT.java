package dev.almanac.commands.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.commands.CommandServiceApplication;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.ProcessCpu;
import dev.almanac.platform.testing.TestIssuer;

/**
 * Issue 73's benchmark, the command: what authentication, authorization, tenancy and the command limit cost on
 * scheduling an item (goal: at most 10 % of throughput and of p99). Two command-services in this JVM over one event
 * store and broker: <b>open</b>, development identity as an admin (no token, no grant to read, no limit counted), and
 * <b>secured</b>, JWT mode with tenants, as a scheduler of tenant {@code acme} granted the calendars, an RS256 token
 * verified on every command and each command counted against the caller's limit in PostgreSQL. The same commands, in
 * rounds each the last's reverse, {@code almanac.bench.clients} (default 8) at once; the CPU is this JVM's, PostgreSQL's
 * and the broker's together (they run in it or are counted with it). Not part of the normal build:
 * <pre>
 * ./mvnw -B -o -pl command-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=SecurityCostCommandBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class SecurityCostCommandBenchmarkIT {

    private static final String TENANT = "acme";
    private static final int CALENDARS = 20;
    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final Instant DAY = Instant.parse("2027-03-01T00:00:00Z");

    private record Side(String name, WebClient http, UnaryOperator<WebClient.RequestHeadersSpec<?>> credentials) {
    }

    private record Series(double[] millis, double perSecond, double cpuMillis) {

        double percentile(double p) {
            return millis[Math.max(0, (int) Math.ceil(millis.length * p) - 1)];
        }
    }

    private final AtomicInteger items = new AtomicInteger();

    @Test
    void securedCommandsAgainstOpenOnes() {
        int rounds = Integer.getInteger("almanac.bench.rounds", 4);
        int clients = Integer.getInteger("almanac.bench.clients", 8);
        ConfigurableApplicationContext open = start("--almanac.identity.mode=development");
        ConfigurableApplicationContext secured = start("--almanac.identity.mode=jwt", "--almanac.identity.tenancy=multi",
                "--almanac.identity.jwt.public-key-location=" + ISSUER.publicKeyFile().toUri(), "--almanac.notify.sealing-key=" + randomKey());
        try {
            Side openSide = new Side("open", client(open), spec -> spec);
            String token = ISSUER.bearerOfTenant(TENANT, "sam", List.of());
            Side securedSide = new Side("secured", client(secured), spec -> spec.header(HttpHeaders.AUTHORIZATION, token));
            for (int calendar = 0; calendar < CALENDARS; calendar++) {
                String id = TENANT + ":bench-hall-" + calendar;
                assertThat(post(openSide, "/api/v1/calendars", """
                        {"id": "%s", "name": "Hall %d", "type": "venue", "timezone": "Asia/Kathmandu", "capacity": 10, "overbooking_policy": "allow"}"""
                        .formatted(id, calendar))).isEqualTo(201);
                assertThat(post(openSide, "/api/v1/calendars/" + id + "/grants", """
                        {"user_id": "%s:sam", "role": "scheduler"}""".formatted(TENANT))).isEqualTo(200);
            }
            assertThat(post(securedSide, "/api/v1/schedules", nextItem())).as("the scheduler schedules on a granted calendar").isEqualTo(201);
            warmUp(openSide);
            warmUp(securedSide);
            Map<Side, List<Series>> timed = new LinkedHashMap<>();
            timed.put(openSide, new ArrayList<>());
            timed.put(securedSide, new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                List<Side> order = round % 2 == 0 ? List.of(openSide, securedSide) : List.of(securedSide, openSide);
                order.forEach(side -> timed.get(side).add(series(side, clients)));
            }
            Series base = merged(timed.get(openSide));
            StringBuilder line = new StringBuilder(String.format("SECURITY a command (POST /api/v1/schedules), %d clients, %d rounds:", clients, rounds));
            timed.forEach((side, series) -> {
                Series all = merged(series);
                line.append(String.format("%n    %-8s p50 %6.1f ms, p99 %6.1f ms, %5.0f/s, CPU %5.2f ms a command; against open: throughput %.2f,"
                                + " p99 %.2f, CPU %.2f", side.name(), all.percentile(0.5), all.percentile(0.99), all.perSecond(), all.cpuMillis(),
                        all.perSecond() / base.perSecond(), all.percentile(0.99) / base.percentile(0.99), all.cpuMillis() / base.cpuMillis()));
            });
            System.out.println("[bench] " + line);
        } finally {
            secured.close();
            open.close();
        }
    }

    private String nextItem() {
        int n = items.incrementAndGet();
        Instant start = DAY.plus(Duration.ofMinutes(15L * (n % 2_000)));
        return """
                {"id": "%s:bench-item-%d-%d", "calendar_id": "%s:bench-hall-%d", "title": "Item %d", "type": "meeting", "start": "%s",
                 "end": "%s", "timezone": "Asia/Kathmandu"}""".formatted(TENANT, ProcessHandle.current().pid(), n, TENANT, n % CALENDARS, n, start,
                start.plus(Duration.ofMinutes(30)));
    }

    /** The answer's status; a refusal's body is printed, since the benchmark then stops on it. */
    private int post(Side side, String path, String json) {
        return side.credentials().apply(side.http().post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                    if (response.statusCode().isError()) {
                        System.out.println("[bench] " + side.name() + " POST " + path + " answered " + response.statusCode() + ": " + body);
                    }
                    return response.statusCode().value();
                }))
                .block(Duration.ofSeconds(30));
    }

    private void warmUp(Side side) {
        long until = System.nanoTime() + Duration.ofSeconds(Long.getLong("almanac.bench.warmup-seconds", 15)).toNanos();
        do {
            post(side, "/api/v1/schedules", nextItem());
        } while (System.nanoTime() < until);
    }

    private Series series(Side side, int clients) {
        int requests = clients * Integer.getInteger("almanac.bench.each", 50);
        double[] millis = new double[requests];
        int[] statuses = new int[requests];
        long cpuBefore = ProcessCpu.nanos() + postgresCpuNanos();
        long started = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return side.credentials().apply(side.http().post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(nextItem()))
                            .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                            .doOnNext(status -> {
                                millis[i] = (System.nanoTime() - sent) / 1e6;
                                statuses[i] = status;
                            });
                }), clients)
                .then()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = ProcessCpu.nanos() + postgresCpuNanos() - cpuBefore;
        assertThat(Arrays.stream(statuses).distinct().toArray()).as(side.name() + "'s answers").containsOnly(201);
        Arrays.sort(millis);
        return new Series(millis, requests / seconds, cpu / 1e6 / requests);
    }

    private static Series merged(List<Series> series) {
        double[] all = series.stream().flatMapToDouble(one -> Arrays.stream(one.millis())).sorted().toArray();
        return new Series(all, series.stream().mapToDouble(Series::perSecond).average().orElseThrow(),
                series.stream().mapToDouble(Series::cpuMillis).average().orElseThrow());
    }

    /** PostgreSQL's CPU: its postmaster, found by the shared server's port, and its backends, which run apart from this JVM. */
    private static long postgresCpuNanos() {
        String port = "-p " + java.net.URI.create(EmbeddedInfrastructure.sharedForTests().postgresJdbcUrl().substring("jdbc:".length())).getPort();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains("/postgres ") && line.contains(port)).orElse(false))
                .flatMap(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants()))
                .mapToLong(process -> process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    private static ConfigurableApplicationContext start(String... identity) {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + infrastructure.postgresJdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(), "--logging.level.root=WARN",
                "--almanac.commands.rate-limit.per-second=100000000"));
        arguments.addAll(List.of(identity));
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static WebClient client(ConfigurableApplicationContext service) {
        return WebClient.create("http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort());
    }
}

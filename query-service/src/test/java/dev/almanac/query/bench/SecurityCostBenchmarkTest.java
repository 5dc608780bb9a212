package dev.almanac.query.bench;

import static dev.almanac.query.bench.WindowBenchmarkTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.embedded.ProcessCpu;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.window.WindowDayScope;

/**
 * Issue 73's benchmark: what authentication, authorization, tenancy and privacy filtering cost on the window and the
 * detailed day (goal: at most 10 % of throughput and of p99). Two query-services in this JVM read one store server, each
 * its own database holding the same entries as its tenancy mode writes them (multi-tenant mode keeps a window day per
 * tenant):
 * <ul>
 *   <li><b>open</b>: development identity, an admin, one tenant: no token to verify, no grant to look up, every entry
 *       whole; the least a read can do;</li>
 *   <li><b>secured</b>: JWT mode with tenants, a viewer of tenant {@code acme} granted each calendar, an RS256 token
 *       verified on every request, and {@value #PRIVATE_PERCENT} % of the entries private to another user, so that
 *       the viewer reads them as busy blocks.</li>
 * </ul>
 * Both answer the same entries (checked), and are timed in ABBA rounds of {@code almanac.bench.clients} (default 8)
 * concurrent clients, so the machine's drift falls on both alike. Not part of the normal build:
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=SecurityCostBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx4g [-Dalmanac.bench.entries=200000 -Dalmanac.bench.rounds=4]
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class SecurityCostBenchmarkTest {

    private static final String TENANT = "acme";
    private static final String OPEN_DATABASE = "almanac_query";
    private static final String SECURED_DATABASE = "almanac_query_tenants";
    private static final int CALENDARS = 50;
    private static final int PRIVATE_PERCENT = 10;
    private static final UserId VIEWER = UserId.of(TENANT + ":vera");
    private static final UserId OWNER = UserId.of(TENANT + ":olga");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final String WINDOW = "/api/v1/schedules/window?from=2026-03-01T00:00:00Z&till=2026-04-01T00:00:00Z"
            + "&timezone=Asia/Kolkata&granularity=day";
    private static final String DETAILED = "/api/v1/schedules/detailed?date=2026-03-16&timezone=Asia/Kolkata&limit=100";
    private static final TestIssuer ISSUER = TestIssuer.generate();

    private record Side(String name, WebClient http, UnaryOperator<WebClient.RequestHeadersSpec<?>> credentials, LongSupplier cpuNanos) {

        String read(String uri) {
            return credentials.apply(http.get().uri(uri)).retrieve().bodyToMono(String.class).block(Duration.ofMinutes(2));
        }
    }

    /**
     * One timed series: every request's latency, the series' requests a second, and the CPU a request took in this JVM
     * (client and both services) and the store's, which a neighbour's load changes far less than it changes latencies.
     */
    private record Series(double[] millis, double perSecond, double cpuMillis, double storeCpuMillis) {

        double percentile(double p) {
            return millis[Math.max(0, (int) Math.ceil(millis.length * p) - 1)];
        }
    }

    @Test
    void securedReadsAgainstOpenOnes() {
        int entries = Integer.getInteger("almanac.bench.entries", 200_000);
        int rounds = Integer.getInteger("almanac.bench.rounds", 4);
        int clients = Integer.getInteger("almanac.bench.clients", 8);
        BenchmarkStore server = BenchmarkStore.start("3g");
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            load(client.getDatabase(OPEN_DATABASE), WindowDayScope.EVERY_CALENDAR, entries);
            load(client.getDatabase(SECURED_DATABASE), WindowDayScope.TENANT, entries);
            ConfigurableApplicationContext open = start(server, OPEN_DATABASE, "--almanac.identity.mode=development");
            ConfigurableApplicationContext secured = start(server, SECURED_DATABASE, "--almanac.identity.mode=jwt",
                    "--almanac.identity.tenancy=multi",
                    "--almanac.identity.jwt.public-key-location=" + ISSUER.publicKeyFile().toUri(),
                    "--almanac.query.changes.token-key=" + randomKey(),
                    // -Dalmanac.bench.read-limits=false: the same without counting the viewer's reads, to tell the limits' share.
                    "--almanac.query.read-limits.enabled=" + System.getProperty("almanac.bench.read-limits", "true"));
            try {
                String viewer = ISSUER.bearerOfTenant(TENANT, "vera", List.of());
                String admin = ISSUER.bearerOfTenant(TENANT, "ada", List.of("admin"));
                Side openSide = new Side("open", client(open), spec -> spec, server::cpuNanosWithThisJvm);
                Side securedAdmin = new Side("tenant admin", client(secured), spec -> spec.header(HttpHeaders.AUTHORIZATION, admin),
                        server::cpuNanosWithThisJvm);
                Side securedViewer = new Side("viewer", client(secured), spec -> spec.header(HttpHeaders.AUTHORIZATION, viewer),
                        server::cpuNanosWithThisJvm);
                for (String uri : List.of(WINDOW, DETAILED)) {
                    sameAnswers(uri, openSide.read(uri), securedViewer.read(uri), false);
                    sameAnswers(uri, openSide.read(uri), securedAdmin.read(uri), true);
                    compare(uri, List.of(openSide, securedAdmin, securedViewer), rounds, clients);
                }
            } finally {
                secured.close();
                open.close();
            }
        } finally {
            server.close();
        }
    }

    /** The same entries behind both answers; the secured one's private entries whole for an admin, else busy blocks with no title. */
    private static void sameAnswers(String uri, String open, String secured, boolean privateShownWhole) {
        JsonNode openJson = new ObjectMapper().readTree(open);
        JsonNode securedJson = new ObjectMapper().readTree(secured);
        if (uri.equals(WINDOW)) {
            long openJobs = jobs(openJson);
            assertThat(jobs(securedJson)).isEqualTo(openJobs).isPositive();
            report("window: %,d jobs, %,d bytes open, %,d bytes secured", openJobs, open.length(), secured.length());
        } else {
            assertThat(securedJson.get("total_jobs").asLong()).isEqualTo(openJson.get("total_jobs").asLong()).isPositive();
            assertThat(open).as("the admin reads private entries whole").contains("Private ");
            if (privateShownWhole) {
                assertThat(secured).as("the tenant's admin reads private entries whole").contains("Private ");
            } else {
                assertThat(secured).as("no private entry's title reaches the viewer").doesNotContain("Private ");
            }
            report("detailed day: %,d jobs, %,d bytes open, %,d bytes secured", openJson.get("total_jobs").asLong(), open.length(),
                    secured.length());
        }
    }

    private static long jobs(JsonNode window) {
        long jobs = 0;
        for (JsonNode bucket : window.get("buckets")) {
            jobs += bucket.get("job_count").asLong();
        }
        return jobs;
    }

    /** Each side timed once a round, in an order each round reverses (ABC CBA), every side against the first. */
    private static void compare(String uri, List<Side> sides, int rounds, int clients) {
        sides.forEach(side -> warmUp(side, uri));
        java.util.Map<Side, List<Series>> timed = new java.util.LinkedHashMap<>();
        sides.forEach(side -> timed.put(side, new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<Side> order = new ArrayList<>(sides);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            order.forEach(side -> timed.get(side).add(series(side, uri, clients)));
        }
        Series base = merged(timed.get(sides.get(0)));
        StringBuilder line = new StringBuilder(String.format("SECURITY %s, %d clients, %d rounds:", uri, clients, rounds));
        timed.forEach((side, series) -> {
            Series all = merged(series);
            line.append(String.format("%n    %-13s p50 %6.1f ms, p99 %6.1f ms, %5.0f/s, CPU %5.2f ms a request (the store's %5.2f); against %s:"
                            + " throughput %.2f, p99 %.2f, CPU %.2f", side.name(), all.percentile(0.5), all.percentile(0.99), all.perSecond(),
                    all.cpuMillis(), all.storeCpuMillis(), sides.get(0).name(),
                    all.perSecond() / base.perSecond(), all.percentile(0.99) / base.percentile(0.99), all.cpuMillis() / base.cpuMillis()));
        });
        report("%s", line);
    }

    private static Series series(Side side, String uri, int clients) {
        int requests = clients * Integer.getInteger("almanac.bench.each", 40);
        double[] millis = new double[requests];
        long cpuBefore = side.cpuNanos().getAsLong();
        long ownCpuBefore = ProcessCpu.nanos();
        long started = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return side.credentials().apply(side.http().get().uri(uri)).retrieve().bodyToMono(String.class)
                            .doOnNext(body -> millis[i] = (System.nanoTime() - sent) / 1e6);
                }), clients)
                .then()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = side.cpuNanos().getAsLong() - cpuBefore;
        long storeCpu = cpu - (ProcessCpu.nanos() - ownCpuBefore);
        Arrays.sort(millis);
        return new Series(millis, requests / seconds, cpu / 1e6 / requests, storeCpu / 1e6 / requests);
    }

    private static Series merged(List<Series> series) {
        double[] all = series.stream().flatMapToDouble(one -> Arrays.stream(one.millis())).sorted().toArray();
        return new Series(all, series.stream().mapToDouble(Series::perSecond).average().orElseThrow(),
                series.stream().mapToDouble(Series::cpuMillis).average().orElseThrow(),
                series.stream().mapToDouble(Series::storeCpuMillis).average().orElseThrow());
    }

    private static void warmUp(Side side, String uri) {
        long until = System.nanoTime() + Duration.ofSeconds(Long.getLong("almanac.bench.warmup-seconds", 10)).toNanos();
        do {
            side.read(uri);
        } while (System.nanoTime() < until);
    }

    /**
     * {@value #CALENDARS} calendars of the tenant, each granting the viewer; a year of entries, one in ten private to
     * another user; its window days kept as {@code scope} says.
     */
    private static void load(MongoDatabase database, WindowDayScope scope, int entries) {
        new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
        Projections projections = new Projections(database, Duration.ofMinutes(2), List.of(), scope);
        List<DecidedEvent> batch = new ArrayList<>();
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            String id = TENANT + ":cal-" + calendar;
            batch.add(projections.decide(Received.of(ReadModelFixture.calendar(id, KOLKATA), 0)));
            batch.add(projections.decide(Received.of(new CalendarAccessGranted(CalendarId.of(id), VIEWER, CalendarRole.VIEWER, null), 1)));
        }
        projections.applyNow(batch);
        batch.clear();
        Random random = new Random(73);
        int perDay = entries / 365;
        for (int day = 0; day < 365; day++) {
            Instant midnight = YEAR.plus(Duration.ofDays(day));
            for (int i = 0; i < perDay; i++) {
                Instant start = midnight.plusSeconds(random.nextInt(86_400));
                boolean kept = random.nextInt(100) < PRIVATE_PERCENT;
                ItemScheduled item = new ItemScheduled(ItemId.of(TENANT + ":e-" + day + "-" + i), CalendarId.of(TENANT + ":cal-" + (i % CALENDARS)),
                        (kept ? "Private " : "Entry ") + i, "meeting", start, start.plus(Duration.ofMinutes(15 + random.nextInt(106))), KOLKATA,
                        Priority.NORMAL, List.of("tag-" + (i % 7)), null, List.of(), null, ItemSource.MANUAL, List.of(), null, OWNER, kept);
                batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, item.start()), item)));
                if (batch.size() == 2_000) {
                    projections.applyNow(batch);
                    batch.clear();
                }
            }
        }
        projections.applyNow(batch);
        report("loaded %d calendars of tenant %s into %s, %,d entries, %d %% private", CALENDARS, TENANT, database.getName(), perDay * 365,
                PRIVATE_PERCENT);
    }

    private static ConfigurableApplicationContext start(BenchmarkStore server, String database, String... identity) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(),
                "--spring.mongodb.database=" + database, "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                "--logging.level.root=WARN", "--almanac.query.read-limits.reads-per-minute=100000000"));
        arguments.addAll(List.of(identity));
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    /** JWT mode refuses the local stack's public change-feed key. */
    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static WebClient client(ConfigurableApplicationContext service) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build())
                .build();
    }
}

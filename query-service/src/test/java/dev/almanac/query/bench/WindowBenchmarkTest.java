package dev.almanac.query.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.embedded.MongoWireServer;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The throughput benchmark of issue "Lift the throughput ceiling": a year of a busy schedule
 * loaded through the real projection path into the in-process mongo-java-server, then the
 * one-year window in Asia/Kolkata by day through the real HTTP endpoint. Not part of the normal
 * build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service test -Dtest=WindowBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.entries=3650000 -DargLine=-Xmx14g
 * </pre>
 * Entries are spread evenly over 100 calendars and the 365 days of 2026 ({@code almanac.bench.entries}
 * in all, default a million), each an item of 15 to 120 minutes at a random second of its day,
 * applied in batches of 500 in time order, as one consumer draining the topics would. It prints
 * projection events/s, the heap after loading, and, without and then with the window answer
 * cache, single-client p50/p99 latency over HTTP for every calendar and for one and requests/s
 * with 64 concurrent clients ({@code almanac.bench.clients}).
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class WindowBenchmarkTest {

    private static final int CALENDARS = 100;
    private static final int DAYS = 365;
    private static final int BATCH = 500;
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> TYPES = List.of("meeting", "job", "maintenance_job", "review");
    private static final String WINDOW = "/api/v1/schedules/window?from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z"
            + "&timezone=Asia/Kolkata&granularity=day";

    @Test
    void loadAYearAndReadItsWindow() {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        MongoWireServer server = MongoWireServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            load(new Projections(database, Duration.ofMinutes(2)), entries);
            report("heap after loading, after a full GC: %,d MB", heapAfterGc() / (1024 * 1024));

            measure(server, 0);
            measure(server, 16);
        } finally {
            server.close();
        }
    }

    /** Starts the service on the loaded read models, with the window answer cache of that size (0: none), and measures. */
    private static void measure(MongoWireServer server, int cacheSize) {
        // Arguments, because the platform's defaults outrank the builder's default properties.
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                        "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                        "--almanac.query.window-cache-size=" + cacheSize, "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build())
                    .build();
            String cache = cacheSize == 0 ? "no answer cache" : "answer cache";
            report("window response, all calendars: %,d bytes; %s", get(http, WINDOW).length(), cache);
            latency(http, "all calendars, " + cache, WINDOW);
            latency(http, "one calendar, " + cache, WINDOW + "&queue=cal-7");
            throughput(http, "all calendars, " + cache, WINDOW, Integer.getInteger("almanac.bench.clients", 64));
            throughput(http, "one calendar, " + cache, WINDOW + "&queue=cal-7", Integer.getInteger("almanac.bench.clients", 64));
        } finally {
            service.close();
        }
    }

    private static void load(Projections projections, int entries) {
        Random random = new Random(2026);
        int perDay = entries / DAYS;
        List<DecidedEvent> batch = new ArrayList<>(BATCH);
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            batch.add(projections.decide(Received.of(ReadModelFixture.calendar("cal-" + calendar, ZoneId.of("Asia/Kolkata")), 0)));
        }
        long started = System.nanoTime();
        long applied = 0;
        for (int day = 0; day < DAYS; day++) {
            Instant midnight = YEAR.plus(Duration.ofDays(day));
            for (int i = 0; i < perDay; i++) {
                Instant start = midnight.plusSeconds(random.nextInt(86_400));
                ItemScheduled item = new ItemScheduled(ItemId.of("e-" + day + "-" + i), CalendarId.of("cal-" + (i % CALENDARS)),
                        "Entry " + i, TYPES.get(random.nextInt(TYPES.size())), start, start.plus(Duration.ofMinutes(15 + random.nextInt(106))),
                        ZoneId.of("Asia/Kolkata"), Priority.NORMAL, List.of());
                batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, start), item)));
                if (batch.size() == BATCH) {
                    projections.applyNow(batch);
                    applied += batch.size();
                    batch.clear();
                }
            }
            if ((day + 1) % 73 == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                report("projected %,d events in %.0f s: %,.0f events/s", applied, seconds, applied / seconds);
            }
        }
        projections.applyNow(batch);
        applied += batch.size();
        double seconds = (System.nanoTime() - started) / 1e9;
        report("PROJECTION: %,d events in %.1f s, %,.0f events/s (batches of %d)", applied, seconds, applied / seconds, BATCH);
    }

    private static void latency(WebClient http, String name, String uri) {
        for (int i = 0; i < 5; i++) {
            get(http, uri);
        }
        double[] millis = new double[200];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            get(http, uri);
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        report("LATENCY %s, one client, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms", name, millis.length,
                millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1], millis[millis.length - 1]);
    }

    private static void throughput(WebClient http, String name, String uri, int clients) {
        int requests = clients * 10;
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> http.get().uri(uri).retrieve().bodyToMono(String.class).doOnNext(body -> bytes.addAndGet(body.length())), clients)
                .then()
                .block(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        report("THROUGHPUT %s, %d clients, %d requests: %.1f requests/s (%.0f MB/s of JSON)", name, clients, requests,
                requests / seconds, bytes.get() / seconds / (1024 * 1024));
    }

    private static String get(WebClient http, String uri) {
        return http.get().uri(uri).retrieve().bodyToMono(String.class).switchIfEmpty(Mono.just("")).block(Duration.ofMinutes(2));
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }
}

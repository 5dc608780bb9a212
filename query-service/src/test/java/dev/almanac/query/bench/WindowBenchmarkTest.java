package dev.almanac.query.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.PostgresServer;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Gzip;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The throughput benchmark of issue "Lift the throughput ceiling": a year of a busy schedule
 * loaded through the real projection path into mongo-java-server, then the one-year window in
 * Asia/Kolkata by day through the real HTTP endpoint. The MongoDB server runs in a JVM of its own,
 * as on the local stack ({@link BenchmarkStore}), so that its data does not share the service's
 * heap; {@code -Dalmanac.bench.mongo=in-process} puts it back in the benchmark's JVM (then give
 * {@code -DargLine=-Xmx} room for both). Its heap is {@code almanac.bench.mongo.heap}, or else
 * {@link #storeHeap(int) worked out from the entry count}; {@code almanac.bench.mongo.options}
 * passes further options to its JVM. Not part of the normal build; run it at a million entries
 * (the default) and at 3.65 million, 10,000 a day, with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=WindowBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.entries=1000000 -DargLine=-Xmx3g
 * ./mvnw -B -o -pl query-service -am test -Dtest=WindowBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -Dalmanac.bench.entries=3650000 -DargLine=-Xmx3g
 * </pre>
 * The store keeps each document as its BSON bytes ({@code LeanMemoryBackend}, ADR 0065): about 1.1 KB an entry after
 * a full collection, 3.6 GB at 3.65 M (it held 6 KB of objects an entry before). The runs in docs/benchmarks.md gave
 * both sizes {@code -Dalmanac.bench.mongo.heap=10g}; run both sizes with the same options to compare them. {@code -Dtest=WindowBenchmarkTest#loadAYearAndReadItsWindow}
 * leaves out the PostgreSQL comparison, {@link #theSameQuestionFromPostgresql}.
 * <p>
 * Entries are spread evenly over 100 calendars and the 365 days of 2026 ({@code almanac.bench.entries}
 * in all, default a million), each an item of 15 to 120 minutes at a random second of its day,
 * applied in batches of 500 in time order, as one consumer draining the topics would. It prints
 * projection events/s and CPU an event, the heap of each JVM after loading, and, without and then
 * with the window answer cache (of each size in {@code almanac.bench.cache-sizes}, default 256, the
 * service's default), single-client p50/p99 latency over HTTP for every calendar and for
 * one and requests/s with 64 concurrent clients ({@code almanac.bench.clients}), each on a
 * connection of its own through Reactor Netty's client, for {@code almanac.bench.throughput-seconds} (default 10). With the cache
 * it also asks as a browser does: with gzip allowed (one client, then 64), and revalidating the
 * ETag it holds (304s), and each request for the year of one calendar of the hundred at random, as
 * users polling their own calendars ask; {@code -Dalmanac.bench.as-a-browser=false} leaves those out,
 * for code that does not gzip. Then it asks again while items are written into the year at each rate of
 * {@code almanac.bench.write-rates} ({@link #underWrites}). Every series also reports the CPU a
 * request took in the benchmark's JVM (service and clients) and the store's together.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class WindowBenchmarkTest {

    private static final int CALENDARS = 100;
    private static final int DAYS = 365;
    private static final int BATCH = 500;
    static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> TYPES = List.of("meeting", "job", "maintenance_job", "review");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final String WINDOW = "/api/v1/schedules/window?from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z"
            + "&timezone=Asia/Kolkata&granularity=day";

    @Test
    void loadAYearAndReadItsWindow() {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        BenchmarkStore server = BenchmarkStore.start(System.getProperty("almanac.bench.mongo.heap", storeHeap(entries)));
        report("MongoDB server: %s", server.description());
        WRITTEN.clear();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            Projections projections = new Projections(database, Duration.ofMinutes(2));
            load(projections, entries, server::cpuNanosWithThisJvm);
            grantHiddenCalendars(projections);
            report("heap after loading, after a full GC: %,d MB", heapAfterGc() / (1024 * 1024));
            long storeHeap = server.heapAfterGc();
            if (storeHeap >= 0) {
                report("MongoDB server's heap after loading, after a full GC: %,d MB (%,d bytes an entry)", storeHeap / (1024 * 1024),
                        storeHeap / entries);
            }

            measure(server, 0);
            for (String size : System.getProperty("almanac.bench.cache-sizes", "256").split(",")) {
                measure(server, Integer.parseInt(size.strip()));
            }
        } finally {
            WRITTEN.clear();
            server.close();
        }
    }

    /**
     * The heap of a MongoDB server in a JVM of its own, from the entry count: the in-memory store
     * held 1,036–1,092 bytes an entry after loading 1 M and 3.65 M entries, and its collector needs
     * room beside that.
     */
    static String storeHeap(int entries) {
        long bytes = entries * 2_000L + (1L << 30);
        return Math.max(2, (bytes + (1L << 30) - 1) >> 30) + "g";
    }

    /** Starts the service on the loaded read models, with the window answer cache of that size (0: none), and measures. */
    private static void measure(BenchmarkStore server, int cacheSize) {
        // Arguments, because the platform's defaults outrank the builder's default properties.
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                        "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                        "--almanac.query.window-cache-size=" + cacheSize, "--logging.level.root=WARN",
                        // The service's default, which the tests' properties set to 0 s.
                        "--almanac.query.restricted-calendars-refresh=1s");
        try {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            WebClient http = client(port, HttpClient.create());
            String cache = cacheSize == 0 ? "no answer cache" : "answer cache";
            String answer = get(http, WINDOW);
            report("window response, all calendars: %,d bytes; %s", answer.length(), cache);
            assertThat(jobCountsByDay(answer)).as("the window's day counts, all calendars").isEqualTo(countsByStartDay(null));
            assertThat(jobCountsByDay(get(http, WINDOW + "&queue=cal-7"))).as("the window's day counts, cal-7")
                    .isEqualTo(countsByStartDay("cal-7"));
            LongSupplier cpu = server::cpuNanosWithThisJvm;
            latency(http, "all calendars, " + cache, WINDOW, cpu);
            latency(http, "one calendar, " + cache, WINDOW + "&queue=cal-7", cpu);
            int clients = Integer.getInteger("almanac.bench.clients", 64);
            throughput(port, "all calendars, " + cache, WINDOW, clients, Map.of(), 200, cpu);
            throughput(port, "one calendar, " + cache, WINDOW + "&queue=cal-7", clients, Map.of(), 200, cpu);
            withCalendarsHidden(http, port, cache, clients, cpu);
            if (cacheSize > 0 && Boolean.parseBoolean(System.getProperty("almanac.bench.as-a-browser", "true"))) {
                // As a browser asks: gzip allowed, and then again with the tag it holds.
                for (String uri : List.of(WINDOW, WINDOW + "&queue=cal-7")) {
                    String name = (uri.equals(WINDOW) ? "all calendars, " : "one calendar, ") + cache;
                    String gzipTag = checkedGzip(http, uri);
                    throughput(port, name + ", gzip", uri, 1, GZIP, 200, cpu);
                    throughput(port, name + ", gzip", uri, clients, GZIP, 200, cpu);
                    throughput(port, name + ", revalidated (304)", uri, clients, Map.of("Accept-Encoding", "gzip", "If-None-Match", gzipTag), 304,
                            cpu);
                }
                // Each user polling their own calendar: as many windows as calendars, more than a small cache keeps.
                throughput(port, "every calendar's own, one at random a request, " + cache + " of " + cacheSize + ", gzip",
                        () -> WINDOW + "&queue=cal-" + ThreadLocalRandom.current().nextInt(CALENDARS), clients, GZIP, 200, cpu);
                underWrites(service, http, port, clients, cpu);
            }
        } finally {
            service.close();
        }
    }

    /**
     * The items {@link #underWrites} wrote into the store after loading, in every measurement so far: the next one (with
     * another cache size) counts them too. Added by the writer's one thread, read after it stopped.
     */
    private static final List<ItemScheduled> WRITTEN = Collections.synchronizedList(new ArrayList<>());

    /** How many of the 100 calendars get a grant, and so are hidden from {@link #OUTSIDER}: {@code almanac.bench.hidden-calendars}. */
    private static final int HIDDEN = Integer.getInteger("almanac.bench.hidden-calendars", 10);
    /** A user with no role on any calendar, who sees the window without the calendars that have grants. */
    private static final Map<String, String> OUTSIDER = Map.of("X-Almanac-User", "outsider");

    /** A grant on each of the first {@link #HIDDEN} calendars, to someone else than {@link #OUTSIDER}. */
    private static void grantHiddenCalendars(Projections projections) {
        List<DecidedEvent> batch = new ArrayList<>();
        for (int calendar = 0; calendar < HIDDEN; calendar++) {
            CalendarAccessGranted granted = new CalendarAccessGranted(CalendarId.of("cal-" + calendar), UserId.of("insider"), CalendarRole.VIEWER, null);
            batch.add(projections.decide(new ReceivedEvent(Received.metadata(granted, 1, YEAR), granted)));
        }
        projections.applyNow(batch);
    }

    /**
     * The year over all calendars as {@link #OUTSIDER} sees it, without the {@link #HIDDEN} calendars with grants (ADR
     * 0027's second addendum), beside the same window for an admin in the series above: one client, then as many as
     * the other series.
     */
    private static void withCalendarsHidden(WebClient http, int port, String cache, int clients, LongSupplier cpu) {
        if (HIDDEN == 0) {
            return;
        }
        String shown = http.get().uri(WINDOW).headers(headers -> OUTSIDER.forEach(headers::set)).retrieve().bodyToMono(String.class)
                .block(Duration.ofMinutes(2));
        Map<LocalDate, Long> expected = countsByStartDayOf(
                item -> Integer.parseInt(item.calendarId().value().substring("cal-".length())) >= HIDDEN);
        assertThat(jobCountsByDay(shown)).as("the window's day counts without the %d hidden calendars", HIDDEN).isEqualTo(expected);
        String name = "all calendars, " + HIDDEN + " of " + CALENDARS + " hidden, " + cache;
        latency(http, name, WINDOW, OUTSIDER, cpu);
        throughput(port, name, WINDOW, clients, OUTSIDER, 200, cpu);
    }

    /**
     * The same window while items are written into the year through the service's own projection, at
     * each rate of {@code almanac.bench.write-rates} (items/s, default 50 and 500): a tenth of the
     * rate every 100 ms, as a projection applies a poll's batch. Each write lands on a random day of
     * 2026, so every one of them changes the year over all calendars and one in a hundred that of
     * {@code cal-7}. Measured as a browser asks (gzip), and for one client as it is; and, as users polling their own
     * calendars ask, for the year of one calendar of the hundred at random a request. Afterwards the
     * window must count every item written.
     */
    private static void underWrites(ConfigurableApplicationContext service, WebClient http, int port, int clients, LongSupplier cpu) {
        Projections projections = service.getBean(Projections.class);
        Random random = new Random(7);
        for (String rateText : System.getProperty("almanac.bench.write-rates", "50,500").split(",")) {
            int rate = Integer.parseInt(rateText.strip());
            int perTick = Math.max(1, rate / 10);
            AtomicLong items = new AtomicLong();
            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            long started = System.nanoTime();
            writer.scheduleAtFixedRate(() -> {
                List<DecidedEvent> batch = new ArrayList<>(perTick);
                for (int i = 0; i < perTick; i++) {
                    long n = items.getAndIncrement();
                    Instant start = YEAR.plus(Duration.ofDays(random.nextInt(DAYS))).plusSeconds(random.nextInt(86_400));
                    ItemScheduled item = new ItemScheduled(ItemId.of("w-" + WRITTEN.size()), CalendarId.of("cal-" + (n % CALENDARS)), "Written " + n,
                            TYPES.get(random.nextInt(TYPES.size())), start, start.plus(Duration.ofMinutes(30)), KOLKATA, Priority.NORMAL, List.of());
                    batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, item.start()), item)));
                    WRITTEN.add(item);
                }
                projections.applyNow(batch);
            }, 0, 100, TimeUnit.MILLISECONDS);
            try {
                String name = "all calendars, answer cache, " + rate + " writes/s";
                MeterRegistry meters = service.getBean(MeterRegistry.class);
                whileWriting(items, meters, () -> latency(http, name, WINDOW, cpu));
                whileWriting(items, meters, () -> throughput(port, name + ", gzip", WINDOW, clients, GZIP, 200, cpu));
                whileWriting(items, meters, () -> throughput(port, "one calendar, answer cache, " + rate + " writes/s, gzip",
                        WINDOW + "&queue=cal-7", clients, GZIP, 200, cpu));
                whileWriting(items, meters, () -> throughput(port, "every calendar's own, one at random a request, answer cache, " + rate
                        + " writes/s, gzip", () -> WINDOW + "&queue=cal-" + ThreadLocalRandom.current().nextInt(CALENDARS), clients, GZIP, 200, cpu));
            } finally {
                writer.shutdown();
                awaitTermination(writer);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            report("WRITES at %d/s asked: %,d items in %.1f s, %.1f items/s written", rate, items.get(), seconds, items.get() / seconds);
        }
        Map<LocalDate, Long> expected = countsByStartDay(null);
        // A window kept within the recheck interval may predate the last batch by those few milliseconds.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jobCountsByDay(get(http, WINDOW)))
                .as("the window's day counts after the writes, all calendars").isEqualTo(expected));
    }

    /**
     * Runs a series and reports how many items were written while it ran: the writer keeps its rate
     * over the whole run, but on two busy cores its batches can bunch into one series and skip another.
     * Also how the service answered after its checks (ADR 0064): a kept window found current,
     * updated by the days that changed, or computed again from every day.
     */
    private static void whileWriting(AtomicLong items, MeterRegistry meters, Runnable series) {
        long before = items.get();
        Map<String, Double> answersBefore = windowAnswers(meters);
        long started = System.nanoTime();
        series.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        long written = items.get() - before;
        Map<String, Double> answersAfter = windowAnswers(meters);
        report("  written during it: %,d items in %.1f s, %.1f items/s; answers after a check: current %,.0f, updated %,.0f, computed %,.0f;"
                        + " checks by the scope's revision %,.0f, by the days' %,.0f, by the changed days' %,.0f",
                written, seconds, written / seconds, answersAfter.get("current") - answersBefore.get("current"),
                answersAfter.get("updated") - answersBefore.get("updated"), answersAfter.get("computed") - answersBefore.get("computed"),
                answersAfter.get("scope") - answersBefore.get("scope"), answersAfter.get("days") - answersBefore.get("days"),
                answersAfter.get("changed-days") - answersBefore.get("changed-days"));
    }

    /**
     * The window answers after a check by how, and the checks by what they read (NaN where the service has no such
     * counter: code before ADR 0064 read every check's days).
     */
    private static Map<String, Double> windowAnswers(MeterRegistry meters) {
        Map<String, Double> answers = new TreeMap<>();
        for (String how : List.of("current", "updated", "computed")) {
            answers.put(how, meters.get("almanac.query.window.answers").tag("how", how).functionCounter().count());
        }
        for (String read : List.of("scope", "days", "changed-days")) {
            FunctionCounter checks = meters.find("almanac.query.window.checks").tag("read", read).functionCounter();
            answers.put(read, checks == null ? Double.NaN : checks.count());
        }
        return answers;
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).as("the writer stopped").isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * What the window counts, computed from the generated entries: each entry once, on the
     * Asia/Kolkata day of its start (query-service/README.md, "Window semantics"). Every entry
     * starts in 2026 UTC, inside the window; the last 5½ hours of it are 2027-01-01 in Kolkata.
     */
    private static Map<LocalDate, Long> countsByStartDay(String calendar) {
        return countsByStartDayOf(item -> calendar == null || item.calendarId().value().equals(calendar));
    }

    /** The same, of the entries {@code counted} accepts, and of the items written since loading ({@link #WRITTEN}). */
    private static Map<LocalDate, Long> countsByStartDayOf(Predicate<ItemScheduled> counted) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (ItemScheduled item : WRITTEN) {
            if (counted.test(item)) {
                counts.merge(LocalDate.ofInstant(item.start(), KOLKATA), 1L, Long::sum);
            }
        }
        forEachEntry(Integer.getInteger("almanac.bench.entries", 1_000_000), item -> {
            if (counted.test(item)) {
                counts.merge(LocalDate.ofInstant(item.start(), KOLKATA), 1L, Long::sum);
            }
        });
        return counts;
    }

    /** The same, for the Kolkata days of 2026 only: the days PostgreSQL's query asks about. */
    private static Map<LocalDate, Long> countsByStartDayIn2026(String calendar) {
        Map<LocalDate, Long> counts = countsByStartDay(calendar);
        counts.keySet().removeIf(day -> day.getYear() != 2026);
        return counts;
    }

    private static Map<LocalDate, Long> jobCountsByDay(String window) {
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (JsonNode bucket : new ObjectMapper().readTree(window).get("buckets")) {
            long count = bucket.get("job_count").asLong();
            if (count > 0) {
                counts.put(OffsetDateTime.parse(bucket.get("local_time").asString()).toLocalDate(), count);
            }
        }
        return counts;
    }

    /** The benchmark's entries, in time order, the same for every store: {@code entries / 365} a day, seeded. */
    static void forEachEntry(int entries, Consumer<ItemScheduled> consumer) {
        Random random = new Random(2026);
        int perDay = entries / DAYS;
        for (int day = 0; day < DAYS; day++) {
            Instant midnight = YEAR.plus(Duration.ofDays(day));
            for (int i = 0; i < perDay; i++) {
                Instant start = midnight.plusSeconds(random.nextInt(86_400));
                consumer.accept(new ItemScheduled(ItemId.of("e-" + day + "-" + i), CalendarId.of("cal-" + (i % CALENDARS)),
                        "Entry " + i, TYPES.get(random.nextInt(TYPES.size())), start, start.plus(Duration.ofMinutes(15 + random.nextInt(106))),
                        ZoneId.of("Asia/Kolkata"), Priority.NORMAL, List.of()));
            }
        }
    }

    /**
     * Projects the calendars and {@code entries} entries in batches of {@value #BATCH}, and reports
     * events/s and the CPU an event took, as {@code cpuNanos} counts it (this JVM's and the MongoDB
     * server's, {@link BenchmarkStore#cpuNanosWithThisJvm}).
     */
    static void load(Projections projections, int entries, LongSupplier cpuNanos) {
        load(projections, entries, cpuNanos, BATCH);
    }

    /** As {@link #load(Projections, int, LongSupplier)}, in batches of {@code batchSize} events; returns the events applied. */
    static long load(Projections projections, int entries, LongSupplier cpuNanos, int batchSize) {
        List<DecidedEvent> batch = new ArrayList<>(batchSize);
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            batch.add(projections.decide(Received.of(ReadModelFixture.calendar("cal-" + calendar, ZoneId.of("Asia/Kolkata")), 0)));
        }
        long started = System.nanoTime();
        long cpuBefore = cpuNanos.getAsLong();
        long[] applied = {0};
        forEachEntry(entries, item -> {
            batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, item.start()), item)));
            if (batch.size() == batchSize) {
                projections.applyNow(batch);
                applied[0] += batch.size();
                batch.clear();
                if (applied[0] % 200_000 == 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    report("projected %,d events in %.0f s: %,.0f events/s", applied[0], seconds, applied[0] / seconds);
                }
            }
        });
        projections.applyNow(batch);
        applied[0] += batch.size();
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMicros = (cpuNanos.getAsLong() - cpuBefore) / 1e3 / applied[0];
        report("PROJECTION: %,d events in %.1f s, %,.0f events/s (batches of %d), CPU %.0f µs an event (benchmark and MongoDB server)", applied[0],
                seconds, applied[0] / seconds, batchSize, cpuMicros);
        return applied[0];
    }

    /**
     * The comparison: the same entries in PostgreSQL, a {@code tstzrange} column with a
     * GiST index (and a B-tree on the calendar, and a GiST on calendar and range through
     * {@code btree_gist}), and the count per Asia/Kolkata day of the
     * entries that overlap it, for all calendars and for one. Timed as the JDBC round trip of the
     * whole query, warm, median and p99 of {@code almanac.bench.pg-runs} runs.
     */
    @Test
    void theSameQuestionFromPostgresql() throws Exception {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        Path directory = Files.createTempDirectory("almanac-bench-pg-");
        try (PostgresServer postgres = PostgresServer.start(directory.resolve("postgres"), FreePorts.any(), false);
             Connection connection = DriverManager.getConnection(postgres.jdbcUrl())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE entries (calendar_id text NOT NULL, during tstzrange NOT NULL)");
            }
            long started = System.nanoTime();
            StringBuilder rows = new StringBuilder();
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int[] pending = {0};
            forEachEntry(entries, item -> {
                rows.append(item.calendarId().value()).append('\t').append('[').append(item.start()).append(',').append(item.end())
                        .append(")\n");
                if (++pending[0] == 50_000) {
                    copyRows(copy, rows);
                    pending[0] = 0;
                }
            });
            copyRows(copy, rows);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE INDEX entries_during ON entries USING gist (during)");
                ddl.execute("CREATE INDEX entries_calendar ON entries (calendar_id)");
                // With btree_gist, one index answers "this calendar, overlapping this day" without a filter pass.
                ddl.execute("CREATE EXTENSION IF NOT EXISTS btree_gist");
                ddl.execute("CREATE INDEX entries_calendar_during ON entries USING gist (calendar_id, during)");
                // For the window's own question: each entry once, on the day of its start.
                ddl.execute("CREATE INDEX entries_start ON entries (lower(during))");
                ddl.execute("CREATE INDEX entries_calendar_start ON entries (calendar_id, lower(during))");
                ddl.execute("ANALYZE entries");
            }
            report("POSTGRESQL: %,d entries copied and indexed in %.1f s", entries, (System.nanoTime() - started) / 1e9);
            String perDay = """
                    SELECT d.day, count(e.during)
                    FROM generate_series(timestamp '2026-01-01', timestamp '2026-12-31', interval '1 day') AS d(day)
                    LEFT JOIN entries e ON e.during && tstzrange(d.day AT TIME ZONE 'Asia/Kolkata',
                                                                 (d.day + interval '1 day') AT TIME ZONE 'Asia/Kolkata')%s
                    GROUP BY d.day ORDER BY d.day""";
            postgresLatency(connection, "all calendars, overlapping the day", perDay.formatted(""));
            postgresLatency(connection, "one calendar, overlapping the day", perDay.formatted(" AND e.calendar_id = 'cal-7'"));
            String perStartDay = """
                    SELECT d.day, count(e.during)
                    FROM generate_series(timestamp '2026-01-01', timestamp '2026-12-31', interval '1 day') AS d(day)
                    LEFT JOIN entries e ON lower(e.during) >= d.day AT TIME ZONE 'Asia/Kolkata'
                                       AND lower(e.during) < (d.day + interval '1 day') AT TIME ZONE 'Asia/Kolkata'%s
                    GROUP BY d.day ORDER BY d.day""";
            assertThat(postgresLatency(connection, "all calendars, starting on the day (the window's question)", perStartDay.formatted("")))
                    .isEqualTo(countsByStartDayIn2026(null));
            assertThat(postgresLatency(connection, "one calendar, starting on the day (the window's question)",
                    perStartDay.formatted(" AND e.calendar_id = 'cal-7'")))
                    .isEqualTo(countsByStartDayIn2026("cal-7"));
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void copyRows(CopyManager copy, StringBuilder rows) {
        try {
            copy.copyIn("COPY entries (calendar_id, during) FROM STDIN", new StringReader(rows.toString()));
            rows.setLength(0);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("COPY into PostgreSQL failed", e);
        }
    }

    /** Times the query and returns its last answer: the non-zero count per day. */
    private static Map<LocalDate, Long> postgresLatency(Connection connection, String name, String sql) throws SQLException {
        int runs = Integer.getInteger("almanac.bench.pg-runs", 11);
        double[] millis = new double[runs];
        long days = 0;
        Map<LocalDate, Long> counts = new TreeMap<>();
        for (int run = -2; run < runs; run++) {
            long started = System.nanoTime();
            long total = 0;
            days = 0;
            counts.clear();
            try (Statement query = connection.createStatement(); ResultSet result = query.executeQuery(sql)) {
                while (result.next()) {
                    days++;
                    total += result.getLong(2);
                    if (result.getLong(2) > 0) {
                        counts.put(result.getTimestamp(1).toLocalDateTime().toLocalDate(), result.getLong(2));
                    }
                }
            }
            if (run >= 0) {
                millis[run] = (System.nanoTime() - started) / 1e6;
            }
            if (run == runs - 1) {
                report("POSTGRESQL %s: %d days, %,d entry-days", name, days, total);
            }
        }
        Arrays.sort(millis);
        report("POSTGRESQL LATENCY %s, one client, %d runs: p50 %.1f ms, p99 %.1f ms", name, runs,
                millis[runs / 2], millis[(int) Math.ceil(runs * 0.99) - 1]);
        return counts;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static void latency(WebClient http, String name, String uri, LongSupplier cpuNanos) {
        latency(http, name, uri, Map.of(), cpuNanos);
    }

    private static void latency(WebClient http, String name, String uri, Map<String, String> headers, LongSupplier cpuNanos) {
        Runnable get = () -> http.get().uri(uri).headers(set -> headers.forEach(set::set)).retrieve().bodyToMono(String.class)
                .block(Duration.ofMinutes(2));
        for (int i = 0; i < 5; i++) {
            get.run();
        }
        long cpuBefore = cpuNanos.getAsLong();
        double[] millis = new double[200];
        for (int i = 0; i < millis.length; i++) {
            long started = System.nanoTime();
            get.run();
            millis[i] = (System.nanoTime() - started) / 1e6;
        }
        double cpuMillis = (cpuNanos.getAsLong() - cpuBefore) / 1e6 / millis.length;
        Arrays.sort(millis);
        report("LATENCY %s, one client, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms, CPU %.2f ms a request", name, millis.length,
                millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.99) - 1], millis[millis.length - 1], cpuMillis);
    }

    private static final Map<String, String> GZIP = Map.of("Accept-Encoding", "gzip, deflate, br");

    /**
     * Asks for {@code uri} with gzip allowed, checks that the answer is the same JSON gzipped, and
     * returns its ETag: a client holding the body would revalidate with it.
     */
    private static String checkedGzip(WebClient http, String uri) {
        String plain = get(http, uri);
        var gzipped = http.get().uri(uri).headers(headers -> GZIP.forEach(headers::set)).retrieve().toEntity(byte[].class)
                .block(Duration.ofMinutes(2));
        assertThat(gzipped.getHeaders().getFirst("Content-Encoding")).as("a kept window, gzip allowed").isEqualTo("gzip");
        assertThat(new String(Gzip.gunzip(gzipped.getBody()), StandardCharsets.UTF_8)).as("gunzipped").isEqualTo(plain);
        report("window response gzipped: %,d bytes (%,d as it is), %s", gzipped.getBody().length, plain.length(), uri);
        return gzipped.getHeaders().getETag();
    }

    /**
     * {@code clients} concurrent clients, each asking again as soon as it has its answer, for
     * {@code almanac.bench.throughput-seconds} (default 10) after 2 s of the same unmeasured. Each
     * client has connections of its own (Reactor Netty's default pool would give 64 clients 16). Bodies are counted as they arrive, gzipped ones not inflated: the clients share
     * the service's cores. Every answer must have {@code status}.
     */
    private static void throughput(int port, String name, String uri, int clients, Map<String, String> headers, int status, LongSupplier cpuNanos) {
        throughput(port, name, () -> uri, clients, headers, status, cpuNanos);
    }

    /** As above, each request asking for the URI that {@code uri} gives it. */
    private static void throughput(int port, String name, Supplier<String> uri, int clients, Map<String, String> headers, int status,
                                   LongSupplier cpuNanos) {
        ConnectionProvider connections = ConnectionProvider.builder("bench").maxConnections(clients).build();
        // Event loops of the clients' own, as clients on other machines would have, not the service's (Reactor Netty's default).
        LoopResources loops = LoopResources.create("bench-client", 2, true);
        try {
            HttpClient http = HttpClient.create(connections).runOn(loops).baseUrl("http://127.0.0.1:" + port).compress(false)
                    .headers(sending -> headers.forEach(sending::set));
            series(http, uri, clients, Duration.ofSeconds(2), status);
            long cpuBefore = cpuNanos.getAsLong();
            Series measured = series(http, uri, clients, Duration.ofSeconds(Long.getLong("almanac.bench.throughput-seconds", 10)), status);
            double cpuMillis = (cpuNanos.getAsLong() - cpuBefore) / 1e6 / measured.millis().length;
            report("THROUGHPUT %s, %d clients, %.1f s: %,d requests, %.1f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms (%.1f MB/s sent), "
                    + "CPU %.2f ms a request", name, clients, measured.seconds(), measured.millis().length, measured.millis().length / measured.seconds(),
                    measured.percentile(0.50), measured.percentile(0.99), measured.percentile(1.0), measured.bytes() / measured.seconds() / (1 << 20),
                    cpuMillis);
        } finally {
            connections.dispose();
            loops.dispose();
        }
    }

    /**
     * A client of the service on {@code port}. Spring's default connector allows gzip and inflates
     * it in the client; this one sends no Accept-Encoding, so that a series allows gzip only where
     * it says so and counts the bytes as sent.
     */
    static WebClient client(int port, HttpClient connector) {
        return WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                .clientConnector(new ReactorClientHttpConnector(connector.compress(false)))
                .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build())
                .build();
    }

    private record Series(double[] millis, long bytes, double seconds) {

        double percentile(double fraction) {
            return millis[Math.max(0, (int) Math.ceil(millis.length * fraction) - 1)];
        }
    }

    /**
     * The clients on Reactor Netty's own client, not a {@code WebClient}: they share the service's two cores, and a
     * {@code WebClient} spent about a third of the CPU of a kept year's request building its URI and copying its
     * body into an array (docs/benchmarks.md, "Read your writes in a filter, Spring Security without observations,
     * and a leaner benchmark client").
     */
    private static Series series(HttpClient http, Supplier<String> uri, int clients, Duration length, int status) {
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        AtomicLong bytes = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        long started = System.nanoTime();
        long until = started + length.toNanos();
        Flux.range(0, clients)
                .flatMap(client -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return http.get().uri(uri.get())
                            .response((response, body) -> body.map(ByteBuf::readableBytes).reduce(0L, Long::sum).doOnNext(received -> {
                                if (response.status().code() != status) {
                                    unexpected.incrementAndGet();
                                }
                                bytes.addAndGet(received);
                                nanos.add(System.nanoTime() - sent);
                            }))
                            .then();
                }).repeat(() -> System.nanoTime() < until), clients)
                .then()
                .block(length.plus(Duration.ofMinutes(5)));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(unexpected).as("answers other than %d to %s", status, uri.get()).hasValue(0);
        double[] millis = nanos.stream().mapToDouble(taken -> taken / 1e6).sorted().toArray();
        return new Series(millis, bytes.get(), seconds);
    }

    /**
     * Asks for {@code uri} for {@code almanac.bench.warmup-seconds} (default 5) before it is timed, so
     * that the JIT has compiled the read path: five requests, as before, left the first timed series
     * of one client paying for the compilation (its CPU a request was 2 to 3 times that of 16 clients).
     */
    static void warmUp(WebClient http, String uri) {
        long until = System.nanoTime() + Duration.ofSeconds(Long.getLong("almanac.bench.warmup-seconds", 5)).toNanos();
        do {
            get(http, uri);
        } while (System.nanoTime() < until);
    }

    static String get(WebClient http, String uri) {
        return http.get().uri(uri).retrieve().bodyToMono(String.class).switchIfEmpty(Mono.just("")).block(Duration.ofMinutes(2));
    }

    static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void report(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }
}

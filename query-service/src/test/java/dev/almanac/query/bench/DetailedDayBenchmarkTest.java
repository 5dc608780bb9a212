package dev.almanac.query.bench;

import static dev.almanac.query.bench.WindowBenchmarkTest.forEachEntry;
import static dev.almanac.query.bench.WindowBenchmarkTest.get;
import static dev.almanac.query.bench.WindowBenchmarkTest.heapAfterGc;
import static dev.almanac.query.bench.WindowBenchmarkTest.load;
import static dev.almanac.query.bench.WindowBenchmarkTest.report;
import static dev.almanac.query.bench.WindowBenchmarkTest.warmUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

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
import tools.jackson.databind.ObjectMapper;

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
 * Issue "Calendar reads that frontends can build on": a detailed day of 1,000 entries, goal p99
 * of 50 ms. A year of {@code almanac.bench.per-day} entries a day (default 1,000) over 100
 * calendars, generated as {@link WindowBenchmarkTest} generates them, is loaded through the real projection path into mongo-java-server, then one
 * Asia/Kolkata day (two UTC days) is asked for over HTTP: all 1,000 jobs in one page, one page of
 * 100, and one calendar's day; and the month view of one more calendar with 1,240 entries in that
 * month (PERF-MONTH's busy month; goal p99 of 50 ms); that month as iCalendar and as CSV, and one calendar's year
 * (PERF-EXPORT: a month's export in under 5 s). Each is checked against a count computed from the generated
 * entries, then timed with one client and with {@code almanac.bench.clients} (default 16)
 * concurrent clients, p50 and p99 of every request. The MongoDB server runs in a JVM of its own, as
 * on the local stack ({@link BenchmarkStore}). Not part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=DetailedDayBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx8g
 * </pre>
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class DetailedDayBenchmarkTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final LocalDate DAY = LocalDate.parse("2026-07-15");
    private static final String DETAILED = "/api/v1/schedules/detailed?date=" + DAY + "&timezone=Asia/Kolkata";
    /** PERF-MONTH's busy month: one calendar with 40 entries a day in July 2026, 1,240 in all. */
    private static final String BUSY = "cal-busy";
    private static final int BUSY_ENTRIES = 31 * 40;
    private static final String MONTH = "/api/v1/calendars/" + BUSY + "/monthly?date=" + DAY;
    /** The busy month as iCalendar (PERF-EXPORT asks for a month's export in under 5 s), from and till its Kolkata midnights. */
    private static final String MONTH_EXPORT = "/api/v1/calendars/" + BUSY + "/export.ics?from="
            + DAY.withDayOfMonth(1).atStartOfDay(KOLKATA).toInstant() + "&till=" + DAY.withDayOfMonth(1).plusMonths(1).atStartOfDay(KOLKATA).toInstant();
    /** The same month as a CSV table. */
    private static final String MONTH_CSV = MONTH_EXPORT.replace("export.ics", "export.csv");
    /** One of the 100 calendars' whole year as iCalendar: perDay × 365 / 100 entries, the most one window may ask for. */
    private static final String YEAR_CALENDAR = "cal-7";
    private static final String YEAR_EXPORT = "/api/v1/calendars/" + YEAR_CALENDAR + "/export.ics?from=" + WindowBenchmarkTest.YEAR
            + "&till=" + WindowBenchmarkTest.YEAR.plus(Duration.ofDays(365));

    @Test
    void aDetailedDayOfAThousandEntries() {
        int perDay = Integer.getInteger("almanac.bench.per-day", 1_000);
        BenchmarkStore server = BenchmarkStore.start("6g");
        report("MongoDB server: %s", server.description());
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            Projections projections = new Projections(database, Duration.ofMinutes(2));
            load(projections, perDay * 365, server::cpuNanosWithThisJvm);
            loadBusyMonth(projections);
            report("heap after loading, after a full GC: %,d MB", heapAfterGc() / (1024 * 1024));
            measure(server, perDay);
        } finally {
            server.close();
        }
    }

    private static void measure(BenchmarkStore server, int perDay) {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                        "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false", "--logging.level.root=WARN");
        try {
            int port = ((WebServerApplicationContext) service).getWebServer().getPort();
            WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build())
                    .build();
            // The busy calendar's 40 of that day are jobs of the day too.
            long expected = startsOn(perDay, null) + BUSY_ENTRIES / 31;
            String whole = get(http, DETAILED);
            report("detailed day: %,d bytes for %d jobs", whole.length(), expected);
            assertThat(new ObjectMapper().readTree(whole).get("total_jobs").asLong()).isEqualTo(expected);
            assertThat(new ObjectMapper().readTree(whole).get("jobs").size()).isEqualTo((int) Math.min(expected, 1000));
            assertThat(new ObjectMapper().readTree(get(http, DETAILED + "&queue=cal-7")).get("total_jobs").asLong())
                    .isEqualTo(startsOn(perDay, "cal-7"));
            String month = get(http, MONTH);
            report("month view of %s: %,d bytes", BUSY, month.length());
            assertThat(new ObjectMapper().readTree(month).get("total_jobs").asLong()).isEqualTo(BUSY_ENTRIES);
            String monthCounts = get(http, MONTH + "&entries=false");
            report("month view of %s without entries: %,d bytes", BUSY, monthCounts.length());
            assertThat(new ObjectMapper().readTree(monthCounts).get("total_jobs").asLong()).isEqualTo(BUSY_ENTRIES);
            String monthExport = get(http, MONTH_EXPORT);
            report("month export of %s: %,d bytes", BUSY, monthExport.length());
            assertThat(events(monthExport)).isEqualTo(BUSY_ENTRIES);
            String monthCsv = get(http, MONTH_CSV);
            report("month csv of %s: %,d bytes", BUSY, monthCsv.length());
            assertThat(monthCsv.lines().count()).as("a header row and a row an entry").isEqualTo(BUSY_ENTRIES + 1);
            String yearExport = get(http, YEAR_EXPORT);
            report("year export of %s: %,d bytes", YEAR_CALENDAR, yearExport.length());
            assertThat(events(yearExport)).isEqualTo(yearOf(perDay, YEAR_CALENDAR));
            int clients = Integer.getInteger("almanac.bench.clients", 16);
            for (String uri : List.of(DETAILED, DETAILED + "&limit=100", DETAILED + "&queue=cal-7", MONTH, MONTH_EXPORT, MONTH_CSV, YEAR_EXPORT)) {
                latencies(http, uri, 1, 200, server::cpuNanosWithThisJvm);
                latencies(http, uri, clients, 40, server::cpuNanosWithThisJvm);
            }
        } finally {
            service.close();
        }
    }

    private static void loadBusyMonth(Projections projections) {
        List<DecidedEvent> batch = new ArrayList<>();
        batch.add(projections.decide(Received.of(ReadModelFixture.calendar(BUSY, KOLKATA), 0)));
        LocalDate first = DAY.withDayOfMonth(1);
        for (int i = 0; i < BUSY_ENTRIES; i++) {
            // 40 a day, every 30 minutes from 02:00 local, each 25 minutes long.
            Instant start = first.plusDays(i / 40).atTime(2, 0).atZone(KOLKATA).toInstant().plus(Duration.ofMinutes(30L * (i % 40)));
            ItemScheduled item = new ItemScheduled(ItemId.of("busy-" + i), CalendarId.of(BUSY), "Busy " + i, "session", start,
                    start.plus(Duration.ofMinutes(25)), KOLKATA, Priority.NORMAL, List.of());
            batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, item.start()), item)));
        }
        projections.applyNow(batch);
    }

    /**
     * Every request of {@code clients} concurrent clients, {@code each} requests apiece, timed alone:
     * p50, p99, max; the CPU time per request of the service, the client and the MongoDB server
     * together, which a neighbour's load on the machine changes far less than it changes the
     * latencies; and the time this JVM's collectors took meanwhile.
     */
    private static void latencies(WebClient http, String uri, int clients, int each, LongSupplier cpuNanos) {
        warmUp(http, uri);
        int requests = clients * each;
        double[] millis = new double[requests];
        long cpuBefore = cpuNanos.getAsLong();
        long gcBefore = gcMillis();
        long started = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return http.get().uri(uri).retrieve().bodyToMono(String.class)
                            .doOnNext(body -> millis[i] = (System.nanoTime() - sent) / 1e6);
                }), clients)
                .then()
                .block(Duration.ofMinutes(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMillis = (cpuNanos.getAsLong() - cpuBefore) / 1e6 / requests;
        long gc = gcMillis() - gcBefore;
        Arrays.sort(millis);
        report("DETAILED %s, %d clients, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms, %.0f requests/s, CPU %.1f ms a request, GC %d ms", uri,
                clients, requests, millis[requests / 2], millis[(int) Math.ceil(requests * 0.99) - 1], millis[requests - 1],
                requests / seconds, cpuMillis, gc);
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long events(String document) {
        return document.lines().filter("BEGIN:VEVENT"::equals).count();
    }

    /** How many generated entries of {@code calendar} overlap the generated year. */
    private static long yearOf(int perDay, String calendar) {
        Instant end = WindowBenchmarkTest.YEAR.plus(Duration.ofDays(365));
        long[] count = {0};
        forEachEntry(perDay * 365, item -> {
            if (item.calendarId().value().equals(calendar) && item.start().isBefore(end) && item.end().isAfter(WindowBenchmarkTest.YEAR)) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** How many generated entries start on the Kolkata day asked for, on one calendar or all. */
    private static long startsOn(int perDay, String calendar) {
        long[] count = {0};
        forEachEntry(perDay * 365, item -> {
            if (LocalDate.ofInstant(item.start(), KOLKATA).equals(DAY) && (calendar == null || item.calendarId().value().equals(calendar))) {
                count[0]++;
            }
        });
        return count[0];
    }
}

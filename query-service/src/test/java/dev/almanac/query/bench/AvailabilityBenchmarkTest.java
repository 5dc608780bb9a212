package dev.almanac.query.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.almanac.embedded.MongoWireServer;
import dev.almanac.embedded.ProcessCpu;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.availability.Occupancy;
import dev.almanac.query.availability.SlotGrid;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

/**
 * Free slots and the batch availability check at scale: a year of entries over 500 calendars,
 * loaded through the real projection path into the in-process mongo-java-server, then
 * {@code POST /api/v1/calendars/availability/check-multiple} for 50 calendars over a week and
 * {@code GET /api/v1/calendars/{id}/availability/slots} for one calendar over a week, through
 * the real HTTP endpoints. Not part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=AvailabilityBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx8g
 * </pre>
 * {@code almanac.bench.entries} entries (default a million) are spread over the 365 days of 2026,
 * each on one of the {@code almanac.bench.calendars} calendars (default 500) at random, starting on a 5-minute mark at a random time of its
 * UTC day, 30 to 120 minutes long. One calendar in five has capacity 3, the others 1, and the
 * calendars' zones rotate through New York, Kolkata, Kathmandu, Lord Howe and UTC. Requests pick
 * their calendars and their week (Monday 00:00 UTC, weeks 2 to 50) with a seeded random. The
 * answers to the first requests are checked against busy intervals and slots computed from the
 * generated entries. It prints p50/p99 latency with one client and with
 * {@code almanac.bench.clients} concurrent clients (default 16), requests/s and the JVM's CPU time
 * per request (service, MongoDB server and clients share the JVM); with
 * {@code -Dalmanac.bench.jfr=<file>} it records a JFR profile of the measured requests.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class AvailabilityBenchmarkTest {

    /** {@code almanac.bench.calendars}, 500 by default; fewer with proportionally fewer entries keep the density. */
    private static final int CALENDARS = Integer.getInteger("almanac.bench.calendars", 500);
    private static final int DAYS = 365;
    private static final int BATCH = 500;
    private static final int CHECKED = 50;
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    /** The first Monday of 2026. */
    private static final Instant FIRST_MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"), ZoneOffset.UTC);
    private static final Duration BUFFER = Duration.ofMinutes(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The generated entries, kept compactly to check the answers. */
    private int[] calendarOf;
    private long[] startOf;
    private int[] secondsOf;

    @Test
    void checkFiftyCalendarsAndListSlotsOverAWeek() throws Exception {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        int clients = Integer.getInteger("almanac.bench.clients", 16);
        generate(entries);
        MongoWireServer server = MongoWireServer.start(null, 0);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("almanac_query");
            new ReadModelIndexes(database, Mongo.READ_MODELS.stream().<ReadModel>map(name -> () -> List.of(name)).toList()).ensureAll();
            load(new Projections(database, Duration.ofMinutes(2)));
            report("heap after loading, after a full GC: %,d MB", heapAfterGc() / (1024 * 1024));
            ConfigurableApplicationContext service = new SpringApplicationBuilder(QueryServiceApplication.class)
                    .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString(), "--spring.mongodb.database=almanac_query",
                            "--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
                            "--logging.level.root=WARN");
            try {
                int port = ((WebServerApplicationContext) service).getWebServer().getPort();
                WebClient http = WebClient.builder().baseUrl("http://127.0.0.1:" + port)
                        .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 << 20)).build())
                        .build();
                Random random = new Random(1122);
                List<Request> checks = new ArrayList<>();
                List<Request> slots = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    checks.add(checkMultiple(random));
                    slots.add(slots(random));
                }
                for (int i = 0; i < 5; i++) {
                    verifyCheck(http, checks.get(i));
                    verifySlots(http, slots.get(i));
                }
                jdk.jfr.Recording recording = profile();
                measure(http, "check-multiple, 50 calendars, a week", checks::get, clients);
                measure(http, "slots, one calendar, a week, 30m", slots::get, clients);
                if (recording != null) {
                    recording.dump(java.nio.file.Path.of(System.getProperty("almanac.bench.jfr")));
                    recording.close();
                }
            } finally {
                service.close();
            }
        } finally {
            server.close();
        }
    }

    /** A request and what it asks about, to check its answer. */
    private record Request(String uri, Map<String, Object> body, List<Integer> calendars, TimeRange range) {

        Mono<String> send(WebClient http) {
            if (body.isEmpty()) {
                return http.get().uri(uri).retrieve().bodyToMono(String.class);
            }
            return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().bodyToMono(String.class);
        }
    }

    private static Request checkMultiple(Random random) {
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < CHECKED) {
            picked.add(random.nextInt(CALENDARS));
        }
        List<Integer> calendars = List.copyOf(picked);
        TimeRange week = week(random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calendar_ids", calendars.stream().map(AvailabilityBenchmarkTest::calendarId).toList());
        body.put("from", week.start().toString());
        body.put("till", week.end().toString());
        return new Request("/api/v1/calendars/availability/check-multiple", body, calendars, week);
    }

    private static Request slots(Random random) {
        int calendar = random.nextInt(CALENDARS);
        TimeRange week = week(random);
        return new Request("/api/v1/calendars/" + calendarId(calendar) + "/availability/slots?from=" + week.start() + "&till=" + week.end(),
                Map.of(), List.of(calendar), week);
    }

    private static TimeRange week(Random random) {
        Instant monday = FIRST_MONDAY.plus(Duration.ofDays(7L * (1 + random.nextInt(49))));
        return new TimeRange(monday, monday.plus(Duration.ofDays(7)));
    }

    private static String calendarId(int calendar) {
        return "cal-" + calendar;
    }

    private static int capacity(int calendar) {
        return calendar % 5 == 0 ? 3 : 1;
    }

    private static ZoneId zone(int calendar) {
        return ZONES.get(calendar % ZONES.size());
    }

    /** The answer of check-multiple, calendar by calendar, against busy intervals computed from the generated entries. */
    private void verifyCheck(WebClient http, Request request) {
        JsonNode answer = JSON.readTree(request.send(http).block(Duration.ofMinutes(1)));
        TimeRange checked = new TimeRange(request.range().start().minus(BUFFER), request.range().end().plus(BUFFER));
        int entries = 0;
        int busyCalendars = 0;
        for (int i = 0; i < request.calendars().size(); i++) {
            int calendar = request.calendars().get(i);
            List<TimeRange> overlapping = overlapping(calendar, checked);
            entries += overlapping.size();
            List<TimeRange> expected = Occupancy.atCapacity(overlapping, capacity(calendar), checked);
            JsonNode answered = answer.get("calendars").get(i);
            assertThat(answered.get("calendar_id").asString()).isEqualTo(calendarId(calendar));
            assertThat(intervals(answered.get("busy"))).as("busy intervals of %s", calendarId(calendar)).isEqualTo(expected);
            assertThat(answered.get("available").asBoolean()).isEqualTo(expected.isEmpty());
            busyCalendars += expected.isEmpty() ? 0 : 1;
        }
        report("check-multiple %s: %,d entries on the 50 calendars in the week, %d calendars busy; answer checked", request.range(),
                entries, busyCalendars);
    }

    private void verifySlots(WebClient http, Request request) {
        JsonNode answer = JSON.readTree(request.send(http).block(Duration.ofMinutes(1)));
        int calendar = request.calendars().get(0);
        TimeRange checked = new TimeRange(request.range().start().minus(BUFFER), request.range().end().plus(BUFFER));
        List<TimeRange> busy = Occupancy.atCapacity(overlapping(calendar, checked), capacity(calendar), checked);
        SlotGrid grid = new SlotGrid(zone(calendar), Duration.ofMinutes(30), Duration.ofMinutes(30));
        List<TimeRange> expected = grid.free(request.range(), BUFFER, busy);
        assertThat(intervals(answer.get("slots"))).as("free slots of %s", calendarId(calendar)).isEqualTo(expected);
        report("slots %s (%s) %s: %d free of %d candidates; answer checked", calendarId(calendar), zone(calendar), request.range(),
                expected.size(), grid.candidates(request.range()).size());
    }

    private List<TimeRange> overlapping(int calendar, TimeRange range) {
        List<TimeRange> found = new ArrayList<>();
        for (int i = 0; i < calendarOf.length; i++) {
            if (calendarOf[i] == calendar) {
                TimeRange entry = new TimeRange(Instant.ofEpochSecond(startOf[i]), Instant.ofEpochSecond(startOf[i] + secondsOf[i]));
                if (entry.overlaps(range)) {
                    found.add(entry);
                }
            }
        }
        return found;
    }

    private static List<TimeRange> intervals(JsonNode array) {
        List<TimeRange> intervals = new ArrayList<>();
        for (JsonNode interval : array) {
            intervals.add(new TimeRange(Instant.parse(interval.get("start").asString()), Instant.parse(interval.get("end").asString())));
        }
        return intervals;
    }

    /** Latency with one client, then with {@code clients} at once, each over requests no other request of the run repeats. */
    private static void measure(WebClient http, String name, IntFunction<Request> requests, int clients) {
        for (int i = 0; i < 50; i++) {
            requests.apply(1_000 + i).send(http).block(Duration.ofMinutes(1));
        }
        double[] single = new double[200];
        long bytes = 0;
        for (int i = 0; i < single.length; i++) {
            long started = System.nanoTime();
            bytes += requests.apply(i).send(http).block(Duration.ofMinutes(1)).length();
            single[i] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(single);
        report("LATENCY %s, one client, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %,d bytes per answer", name, single.length,
                single[single.length / 2], percentile(single, 0.99), single[single.length - 1], bytes / single.length);
        int total = Math.min(1_000, clients * 40);
        ConcurrentLinkedQueue<Double> millis = new ConcurrentLinkedQueue<>();
        long cpuBefore = ProcessCpu.nanos();
        long started = System.nanoTime();
        Flux.range(0, total)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return requests.apply(i).send(http).doOnNext(body -> millis.add((System.nanoTime() - sent) / 1e6));
                }), clients)
                .then()
                .block(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMillis = (ProcessCpu.nanos() - cpuBefore) / 1e6;
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report("LATENCY %s, %d concurrent clients, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f requests/s; "
                        + "%.1f ms of CPU per request (server, MongoDB server and client together)", name, clients,
                sorted.length, sorted[sorted.length / 2], percentile(sorted, 0.99), sorted[sorted.length - 1], sorted.length / seconds,
                cpuMillis / sorted.length);
    }

    private static double percentile(double[] sorted, double fraction) {
        return sorted[(int) Math.ceil(sorted.length * fraction) - 1];
    }

    /** {@code entries / 365} entries a day, in time order, seeded. */
    private void generate(int entries) {
        int perDay = entries / DAYS;
        calendarOf = new int[perDay * DAYS];
        startOf = new long[perDay * DAYS];
        secondsOf = new int[perDay * DAYS];
        Random random = new Random(2026);
        int n = 0;
        for (int day = 0; day < DAYS; day++) {
            long midnight = YEAR.getEpochSecond() + day * 86_400L;
            long[] starts = new long[perDay];
            for (int i = 0; i < perDay; i++) {
                starts[i] = midnight + 300L * random.nextInt(288);
            }
            Arrays.sort(starts);
            for (int i = 0; i < perDay; i++) {
                calendarOf[n] = random.nextInt(CALENDARS);
                startOf[n] = starts[i];
                secondsOf[n] = 60 * (30 + 15 * random.nextInt(7));
                n++;
            }
        }
    }

    private void load(Projections projections) {
        List<DecidedEvent> batch = new ArrayList<>(BATCH);
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            CalendarCreated created = new CalendarCreated(CalendarId.of(calendarId(calendar)), "Room " + calendar, CalendarType.VENUE,
                    zone(calendar), capacity(calendar), OverbookingPolicy.ALLOW);
            batch.add(projections.decide(Received.of(created, 0)));
        }
        projections.applyNow(batch);
        batch.clear();
        long started = System.nanoTime();
        for (int i = 0; i < calendarOf.length; i++) {
            Instant start = Instant.ofEpochSecond(startOf[i]);
            ItemScheduled item = new ItemScheduled(ItemId.of("e-" + i), CalendarId.of(calendarId(calendarOf[i])), "Booking " + i, "meeting",
                    start, start.plusSeconds(secondsOf[i]), zone(calendarOf[i]), Priority.NORMAL, List.of());
            batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, start), item)));
            if (batch.size() == BATCH) {
                projections.applyNow(batch);
                batch.clear();
                if ((i + 1) % 200_000 == 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    report("projected %,d entries in %.0f s", i + 1, seconds);
                }
            }
        }
        projections.applyNow(batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        report("PROJECTION: %,d entries on %d calendars in %.1f s, %,.0f events/s", calendarOf.length, CALENDARS, seconds,
                calendarOf.length / seconds);
    }

    /** With {@code -Dalmanac.bench.jfr=<file>}, a JFR profile of the measured requests only (not of the loading). */
    private static jdk.jfr.Recording profile() throws java.io.IOException, java.text.ParseException {
        if (System.getProperty("almanac.bench.jfr") == null) {
            return null;
        }
        jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }


    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }
}

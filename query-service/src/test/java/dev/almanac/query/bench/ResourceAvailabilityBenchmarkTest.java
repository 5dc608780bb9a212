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
import java.util.function.LongSupplier;

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

import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.QueryServiceApplication;
import dev.almanac.query.availability.ResourceOccupancy;
import dev.almanac.query.availability.SlotGrid;
import dev.almanac.query.projection.DecidedEvent;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.readmodel.ReadModel;
import dev.almanac.query.readmodel.ReadModelIndexes;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

/**
 * Free slots and the batch availability check of resources at scale (issue 10: free slots for 50
 * resources over a week, p99 200 ms or less): a year of items booking 500 resources, loaded through
 * the real projection path into mongo-java-server in a JVM of its own ({@link BenchmarkStore}, 14 GB), then, through the real HTTP
 * endpoints, {@code POST /api/v1/resources/availability/check-multiple} for 50 resources over a week
 * without and with their free slots ({@code include_slots}), and
 * {@code GET /api/v1/resources/{id}/availability/slots} for one resource over a week. Not part of the
 * normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl query-service -am test -Dtest=ResourceAvailabilityBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx4g
 * </pre>
 * {@code almanac.bench.entries} items (default a million) are spread over the 365 days of 2026, each
 * on one of 500 calendars, starting on a 5-minute mark at a random time of its UTC day, 30 to 120
 * minutes long. Each books one of the {@code almanac.bench.resources} resources (default 500) as
 * primary, and one in three a second one as secondary. Every resource is unavailable for four hours
 * once a week. Resources' zones rotate through New York, Kolkata, Kathmandu, Lord Howe and UTC.
 * Requests pick their resources and their week (Monday 00:00 UTC, weeks 2 to 50) with a seeded
 * random; the answers to the first requests are checked against occupancy and slots computed from
 * the generated items. It prints p50/p99 latency with one client and with
 * {@code almanac.bench.clients} concurrent clients (default 16), requests/s, the JVM's CPU time per
 * request (service, MongoDB server and clients share the JVM) and the answers' size.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ResourceAvailabilityBenchmarkTest {

    private static final int RESOURCES = Integer.getInteger("almanac.bench.resources", 500);
    private static final int CALENDARS = 500;
    private static final int DAYS = 365;
    private static final int BATCH = 500;
    private static final int CHECKED = 50;
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    /** The first Monday of 2026. */
    private static final Instant FIRST_MONDAY = Instant.parse("2026-01-05T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"),
            ZoneId.of("Asia/Kathmandu"), ZoneId.of("Australia/Lord_Howe"), ZoneOffset.UTC);
    private static final Duration BUFFER = Duration.ofMinutes(15);
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The generated items, kept compactly to check the answers: primary resource, secondary (or -1), start, length. */
    private int[] primaryOf;
    private int[] secondaryOf;
    private long[] startOf;
    private int[] secondsOf;

    @Test
    void checkFiftyResourcesWithAndWithoutTheirSlotsAndListOnesSlotsOverAWeek() throws Exception {
        int entries = Integer.getInteger("almanac.bench.entries", 1_000_000);
        int clients = Integer.getInteger("almanac.bench.clients", 16);
        generate(entries);
        BenchmarkStore server = BenchmarkStore.start("14g");
        report("MongoDB server: %s", server.description());
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
                        .exchangeStrategies(ExchangeStrategies.builder().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 << 20)).build())
                        .build();
                Random random = new Random(1122);
                List<Request> checks = new ArrayList<>();
                List<Request> checksWithSlots = new ArrayList<>();
                List<Request> slots = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    checks.add(checkMultiple(random, false));
                    checksWithSlots.add(checkMultiple(random, true));
                    slots.add(slots(random));
                }
                for (int i = 0; i < 3; i++) {
                    verifyCheck(http, checksWithSlots.get(i));
                    verifyCheck(http, checks.get(i));
                    verifySlots(http, slots.get(i));
                }
                measure(http, "check-multiple, 50 resources, a week", checks::get, clients, server::cpuNanosWithThisJvm);
                measure(http, "check-multiple with free slots, 50 resources, a week, 30m", checksWithSlots::get, clients, server::cpuNanosWithThisJvm);
                measure(http, "slots, one resource, a week, 30m", slots::get, clients, server::cpuNanosWithThisJvm);
            } finally {
                service.close();
            }
        } finally {
            server.close();
        }
    }

    /** A request and what it asks about, to check its answer. */
    private record Request(String uri, Map<String, Object> body, List<Integer> resources, TimeRange range, boolean withSlots) {

        Mono<String> send(WebClient http) {
            if (body.isEmpty()) {
                return http.get().uri(uri).retrieve().bodyToMono(String.class);
            }
            return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body).retrieve().bodyToMono(String.class);
        }
    }

    private static Request checkMultiple(Random random, boolean withSlots) {
        Set<Integer> picked = new HashSet<>();
        while (picked.size() < CHECKED) {
            picked.add(random.nextInt(RESOURCES));
        }
        List<Integer> resources = List.copyOf(picked);
        TimeRange week = week(random);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource_ids", resources.stream().map(ResourceAvailabilityBenchmarkTest::resourceId).toList());
        body.put("from", week.start().toString());
        body.put("till", week.end().toString());
        if (withSlots) {
            body.put("include_slots", true);
        }
        return new Request("/api/v1/resources/availability/check-multiple", body, resources, week, withSlots);
    }

    private static Request slots(Random random) {
        int resource = random.nextInt(RESOURCES);
        TimeRange week = week(random);
        return new Request("/api/v1/resources/" + resourceId(resource) + "/availability/slots?from=" + week.start() + "&till=" + week.end(),
                Map.of(), List.of(resource), week, true);
    }

    private static TimeRange week(Random random) {
        Instant monday = FIRST_MONDAY.plus(Duration.ofDays(7L * (1 + random.nextInt(49))));
        return new TimeRange(monday, monday.plus(Duration.ofDays(7)));
    }

    private static String resourceId(int resource) {
        return "res-" + resource;
    }

    private static ZoneId zone(int resource) {
        return ZONES.get(resource % ZONES.size());
    }

    /** Each resource is away four hours a week: from Wednesday at an hour that depends on the resource. */
    private static List<UnavailableRange> unavailable(int resource) {
        List<UnavailableRange> ranges = new ArrayList<>();
        for (int week = 0; week < 53; week++) {
            Instant start = FIRST_MONDAY.plus(Duration.ofDays(7L * week + 2)).plus(Duration.ofHours(resource % 20));
            ranges.add(new UnavailableRange(start, start.plus(Duration.ofHours(4)), "maintenance"));
        }
        return ranges;
    }

    private void verifyCheck(WebClient http, Request request) {
        JsonNode answer = JSON.readTree(request.send(http).block(Duration.ofMinutes(1)));
        TimeRange checked = new TimeRange(request.range().start().minus(BUFFER), request.range().end().plus(BUFFER));
        int bookings = 0;
        int slots = 0;
        for (int i = 0; i < request.resources().size(); i++) {
            int resource = request.resources().get(i);
            List<TimeRange> overlapping = bookings(resource, checked);
            bookings += overlapping.size();
            ResourceOccupancy expected = ResourceOccupancy.of(overlapping, unavailable(resource), checked);
            JsonNode answered = answer.get("resources").get(i);
            assertThat(answered.get("resource_id").asString()).isEqualTo(resourceId(resource));
            assertThat(intervals(answered.get("busy"))).as("busy intervals of %s", resourceId(resource)).isEqualTo(expected.busy());
            assertThat(answered.get("status").asString()).isEqualTo(expected.status().name().toLowerCase());
            if (request.withSlots()) {
                List<TimeRange> free = new SlotGrid(zone(resource), HALF_HOUR, HALF_HOUR).free(request.range(), BUFFER, expected.blocked());
                assertThat(intervals(answered.get("free_slots"))).as("free slots of %s", resourceId(resource)).isEqualTo(free);
                slots += free.size();
            }
        }
        report("check-multiple %s%s: %,d bookings of the 50 resources in the week, %,d free slots; answer checked", request.range(),
                request.withSlots() ? " with slots" : "", bookings, slots);
    }

    private void verifySlots(WebClient http, Request request) {
        JsonNode answer = JSON.readTree(request.send(http).block(Duration.ofMinutes(1)));
        int resource = request.resources().get(0);
        TimeRange checked = new TimeRange(request.range().start().minus(BUFFER), request.range().end().plus(BUFFER));
        ResourceOccupancy occupancy = ResourceOccupancy.of(bookings(resource, checked), unavailable(resource), checked);
        List<TimeRange> expected = new SlotGrid(zone(resource), HALF_HOUR, HALF_HOUR).free(request.range(), BUFFER, occupancy.blocked());
        assertThat(intervals(answer.get("slots"))).as("free slots of %s", resourceId(resource)).isEqualTo(expected);
        report("slots %s (%s) %s: %d free; answer checked", resourceId(resource), zone(resource), request.range(), expected.size());
    }

    private List<TimeRange> bookings(int resource, TimeRange range) {
        List<TimeRange> found = new ArrayList<>();
        for (int i = 0; i < primaryOf.length; i++) {
            if (primaryOf[i] == resource || secondaryOf[i] == resource) {
                TimeRange item = new TimeRange(Instant.ofEpochSecond(startOf[i]), Instant.ofEpochSecond(startOf[i] + secondsOf[i]));
                if (item.overlaps(range)) {
                    found.add(item);
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
    private static void measure(WebClient http, String name, IntFunction<Request> requests, int clients, LongSupplier cpuNanos) {
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
        long cpuBefore = cpuNanos.getAsLong();
        long started = System.nanoTime();
        Flux.range(0, total)
                .flatMap(i -> Mono.defer(() -> {
                    long sent = System.nanoTime();
                    return requests.apply(i).send(http).doOnNext(body -> millis.add((System.nanoTime() - sent) / 1e6));
                }), clients)
                .then()
                .block(Duration.ofMinutes(30));
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMillis = (cpuNanos.getAsLong() - cpuBefore) / 1e6;
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        report("LATENCY %s, %d concurrent clients, %d requests: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f requests/s; "
                        + "%.1f ms of CPU per request (server, MongoDB server and client together)", name, clients,
                sorted.length, sorted[sorted.length / 2], percentile(sorted, 0.99), sorted[sorted.length - 1], sorted.length / seconds,
                cpuMillis / sorted.length);
    }

    private static double percentile(double[] sorted, double fraction) {
        return sorted[(int) Math.ceil(sorted.length * fraction) - 1];
    }

    /** {@code entries / 365} items a day, in time order, seeded. */
    private void generate(int entries) {
        int perDay = entries / DAYS;
        int total = perDay * DAYS;
        primaryOf = new int[total];
        secondaryOf = new int[total];
        startOf = new long[total];
        secondsOf = new int[total];
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
                primaryOf[n] = random.nextInt(RESOURCES);
                int secondary = random.nextInt(3) == 0 ? random.nextInt(RESOURCES) : -1;
                secondaryOf[n] = secondary == primaryOf[n] ? -1 : secondary;
                startOf[n] = starts[i];
                secondsOf[n] = 60 * (30 + 15 * random.nextInt(7));
                n++;
            }
        }
    }

    private void load(Projections projections) {
        List<DecidedEvent> batch = new ArrayList<>(BATCH);
        for (int resource = 0; resource < RESOURCES; resource++) {
            ResourceId id = ResourceId.of(resourceId(resource));
            batch.add(projections.decide(Received.of(new ResourceCreated(id, "Resource " + resource,
                    ResourceType.values()[resource % ResourceType.values().length], zone(resource), null), 0)));
            long version = 1;
            for (UnavailableRange range : unavailable(resource)) {
                batch.add(projections.decide(Received.of(new ResourceMarkedUnavailable(id, range.start(), range.end(), range.reason()),
                        version++)));
            }
            if (batch.size() >= BATCH) {
                projections.applyNow(batch);
                batch.clear();
            }
        }
        projections.applyNow(batch);
        batch.clear();
        long started = System.nanoTime();
        Random random = new Random(7);
        for (int i = 0; i < primaryOf.length; i++) {
            Instant start = Instant.ofEpochSecond(startOf[i]);
            List<ResourceBooking> booked = secondaryOf[i] < 0
                    ? List.of(new ResourceBooking(ResourceId.of(resourceId(primaryOf[i])), ResourceRole.PRIMARY))
                    : List.of(new ResourceBooking(ResourceId.of(resourceId(primaryOf[i])), ResourceRole.PRIMARY),
                            new ResourceBooking(ResourceId.of(resourceId(secondaryOf[i])), ResourceRole.SECONDARY));
            ItemScheduled item = new ItemScheduled(ItemId.of("e-" + i), CalendarId.of("cal-" + random.nextInt(CALENDARS)), "Booking " + i,
                    "meeting", start, start.plusSeconds(secondsOf[i]), ZoneOffset.UTC, Priority.NORMAL, List.of(), null, booked, Map.of(),
                    ItemSource.API);
            batch.add(projections.decide(new ReceivedEvent(Received.metadata(item, 0, start), item)));
            if (batch.size() == BATCH) {
                projections.applyNow(batch);
                batch.clear();
                if ((i + 1) % 200_000 == 0) {
                    report("projected %,d items in %.0f s", i + 1, (System.nanoTime() - started) / 1e9);
                }
            }
        }
        projections.applyNow(batch);
        double seconds = (System.nanoTime() - started) / 1e9;
        report("PROJECTION: %,d items booking %d resources in %.1f s, %,.0f events/s", primaryOf.length, RESOURCES, seconds,
                primaryOf.length / seconds);
    }


    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String format, Object... arguments) {
        System.out.println("[bench] " + String.format(format, arguments));
    }
}

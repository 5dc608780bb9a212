package dev.almanac.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The change feed against the whole stack (ADR 0080): writers schedule, move and cancel items on two calendars at once
 * through command-service while a reader syncs again and again, and query-service is killed outright in the middle and
 * started again by the launcher. The reader's copy then equals what the items' event history on almanac.schedule.v1
 * says, and it was told every version of every item exactly once: none missed, none repeated, across the restart.
 * <p>
 * In the test stack the services share one JVM (ADR 0099), so that kill is also command-service's: the launcher starts the
 * whole services host again, what command-service acknowledged before is kept, and it takes commands again. That was
 * EndToEndIT's own kill of the same process; one kill now proves both, since each cost a start of every service.
 */
// Last of the module's ITs (junit-platform.properties): the killed host's consumers leave members in their groups until
// their sessions expire (45 s but for query-service), which a class after it would wait out.
@Order(Integer.MAX_VALUE)
class ChangeFeedEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int WRITERS = 4;
    /** Commands answered before query-service is killed: enough for a feed of many pages' worth of syncs to go on from. */
    private static final int WRITTEN_BEFORE_THE_KILL = 50;
    /** Commands answered after query-service is killed, before the writers stop; most while it starts again. */
    private static final int WRITTEN_AFTER_THE_KILL = 150;

    private static LocalStack stack;
    private static String api;

    @BeforeAll
    static void startTheStack() {
        stack = TestStack.shared();
        api = stack.gatewayUrl() + "/api/v1";
    }

    @Test
    void aReaderSyncingAgainAndAgainIsToldEveryChangeOnceAcrossARestartOfQueryService() throws Exception {
        List<String> calendars = List.of(createCalendar(), createCalendar());
        Reader reader = new Reader(Set.copyOf(calendars));
        // The first sync, before anything is written on the two calendars: every change of theirs then comes as a change.
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(reader::sync);

        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(pool.submit(() -> write(calendars, writing, written)));
        }
        Future<?> syncing = pool.submit(() -> {
            while (writing.get()) {
                reader.trySync();
                pace(Duration.ofMillis(250));
            }
        });

        String kept = createCalendar();
        Instant keptAt = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        String acknowledgedBefore = schedule(kept, "Acknowledged before the kill", keptAt);
        await().atMost(Duration.ofMinutes(2)).until(() -> written.get() >= WRITTEN_BEFORE_THE_KILL);
        long killed = stack.pidOf(Service.QUERY_SERVICE);
        int restarts = stack.restartsOf(Service.QUERY_SERVICE);
        assertThat(stack.pidOf(Service.COMMAND_SERVICE)).as("command-service, in the same services host").isEqualTo(killed);
        int commandServiceRestarts = stack.restartsOf(Service.COMMAND_SERVICE);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        // Counted when it exits; started again a backoff later, as a process of its own.
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.restartsOf(Service.QUERY_SERVICE) == restarts + 1
                && stack.pidOf(Service.QUERY_SERVICE) != killed);
        assertThat(stack.restartsOf(Service.COMMAND_SERVICE)).as("command-service started again").isEqualTo(commandServiceRestarts + 1);
        assertThat(stack.pidOf(Service.COMMAND_SERVICE)).isNotEqualTo(killed);
        int beforeRestart = written.get();
        // Writing goes on while query-service starts again, and until the reader has synced with the new process.
        await().atMost(Duration.ofMinutes(4)).until(() -> reader.syncsAfter(killed) && written.get() >= beforeRestart + WRITTEN_AFTER_THE_KILL);
        writing.set(false);
        for (Future<?> writer : writers) {
            writer.get();
        }
        syncing.get();
        pool.shutdown();

        History history = History.of(calendars);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            reader.sync();
            assertThat(reader.copy()).isEqualTo(history.current());
        });
        assertThat(reader.repeated()).as("changes told twice").isEmpty();
        assertThat(reader.told()).as("every version of every item, told once").isEqualTo(history.versions());

        String takenAfter = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> schedule(kept, "Taken after the restart", keptAt.plus(Duration.ofHours(2))), id -> id != null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(entryStarts(kept, keptAt))
                .as("what command-service acknowledged before the kill, and took after it")
                .containsEntry(acknowledgedBefore, keptAt).containsEntry(takenAfter, keptAt.plus(Duration.ofHours(2))));
    }

    /** Schedules an hour's item on {@code calendar} through command-service; its id once answered 201. */
    private static String schedule(String calendar, String title, Instant start) {
        String id = "item-" + UUID.randomUUID();
        HttpResponse<String> created = post("/schedules", Map.of("id", id, "calendar_id", calendar, "title", title, "type", "meeting",
                "start", start.toString(), "end", start.plus(Duration.ofHours(1)).toString(), "timezone", "UTC"));
        assertThat(created.statusCode()).as("POST /schedules: %s", created.body()).isEqualTo(201);
        return id;
    }

    /** The starts of {@code calendar}'s entries on the day from {@code from}, by item id. */
    private static Map<String, Instant> entryStarts(String calendar, Instant from) {
        HttpResponse<String> response = get("/calendars/" + calendar + "/entries?from=" + from + "&till=" + from.plus(Duration.ofDays(1)));
        assertThat(response.statusCode()).as("entries: %s", response.body()).isEqualTo(200);
        Map<String, Instant> starts = new HashMap<>();
        JSON.readTree(response.body()).get("entries").forEach(entry -> starts.put(entry.get("id").asString(),
                Instant.parse(entry.get("start").asString())));
        return starts;
    }

    /** One writer: schedules items on the calendars, moves and cancels its own, until told to stop. */
    private static void write(List<String> calendars, AtomicBoolean writing, AtomicInteger written) {
        List<String> mine = new ArrayList<>();
        Instant base = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (writing.get()) {
            pace(Duration.ofMillis(100));
            int choice = random.nextInt(10);
            if (mine.isEmpty() || choice < 5) {
                String id = "feed-" + UUID.randomUUID();
                Instant start = base.plus(Duration.ofMinutes(15L * random.nextInt(2000)));
                if (status(post("/schedules", Map.of("id", id, "calendar_id", calendars.get(random.nextInt(calendars.size())),
                        "title", "Feed " + id, "type", "meeting", "start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString(),
                        "timezone", "UTC"))) == 201) {
                    mine.add(id);
                    written.incrementAndGet();
                }
            } else if (choice < 9) {
                String id = mine.get(random.nextInt(mine.size()));
                Instant start = base.plus(Duration.ofMinutes(15L * random.nextInt(2000)));
                if (status(post("/schedules/" + id + "/reschedule", Map.of("new_time", start.toString(), "reason", "moved by a writer"))) == 200) {
                    written.incrementAndGet();
                }
            } else {
                String id = mine.remove(random.nextInt(mine.size()));
                if (status(post("/schedules/" + id + "/cancel", Map.of("reason", "cancelled by a writer"))) == 200) {
                    written.incrementAndGet();
                }
            }
        }
    }

    /** The change feed as a client keeps it: a copy of the items of its calendars, and every change it was told. */
    private static final class Reader {

        private final Set<String> calendars;
        private final Map<String, ItemCopy> copy = new ConcurrentHashMap<>();
        private final Set<String> told = ConcurrentHashMap.newKeySet();
        private final List<String> repeated = new ArrayList<>();
        private final Set<Long> answeredBy = ConcurrentHashMap.newKeySet();
        private String token;

        Reader(Set<String> calendars) {
            this.calendars = calendars;
        }

        /** Syncs to the end of the feed; false while query-service does not answer. */
        synchronized boolean sync() {
            String pageToken = null;
            boolean full = token == null;
            while (true) {
                String query = pageToken != null ? "page_token=" + pageToken : token != null ? "sync_token=" + token : "";
                HttpResponse<String> response = get("/changes?limit=500&" + query);
                if (response.statusCode() != 200) {
                    assertThat(response.statusCode()).as("a sync: %s", response.body()).isIn(502, 503, 504);
                    return false;
                }
                answeredBy.add(stack.pidOf(Service.QUERY_SERVICE));
                JsonNode page = JSON.readTree(response.body());
                for (JsonNode change : page.get("changes")) {
                    take(change, full);
                }
                JsonNode next = page.get("next_page_token");
                if (next != null && !next.isNull()) {
                    pageToken = next.asString();
                    continue;
                }
                token = page.get("sync_token").asString();
                return true;
            }
        }

        void trySync() {
            try {
                sync();
            } catch (RuntimeException unavailable) {
                // query-service is down or starting: the same token is tried again.
            }
        }

        private void take(JsonNode change, boolean full) {
            if (!"item".equals(change.get("kind").asString()) || !calendars.contains(change.get("calendar_id").asString())) {
                return;
            }
            String id = change.get("id").asString();
            long version = change.get("version").asLong();
            if (!told.add(id + "@" + version)) {
                repeated.add(id + "@" + version);
            }
            assertThat(full).as("no item of the new calendars exists at the first sync").isFalse();
            if ("removed".equals(change.get("change").asString())) {
                copy.remove(id);
            } else {
                copy.merge(id, new ItemCopy(Instant.parse(change.get("state").get("start").asString()), version),
                        (held, told) -> told.version() > held.version() ? told : held);
            }
        }

        synchronized Map<String, ItemCopy> copy() {
            return Map.copyOf(copy);
        }

        synchronized Set<String> told() {
            return Set.copyOf(told);
        }

        synchronized List<String> repeated() {
            return List.copyOf(repeated);
        }

        boolean syncsAfter(long killed) {
            return answeredBy.stream().anyMatch(pid -> pid != killed);
        }
    }

    /** An item as a copy holds it: where it starts, at which version. */
    record ItemCopy(Instant start, long version) {
    }

    /** What almanac.schedule.v1 says of the items of some calendars: each item's versions, and its state after the last. */
    record History(Map<String, ItemCopy> current, Set<String> versions) {

        static History of(List<String> calendars) {
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            Map<String, ItemCopy> current = new HashMap<>();
            Set<String> versions = new HashSet<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor("almanac.schedule.v1").stream()
                        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
                Map<String, Long> latest = new HashMap<>();
                while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (!calendars.contains(record.key())) {
                            continue;
                        }
                        String type = header(record, "ce_type");
                        String item = header(record, "ce_subject");
                        long version = Long.parseLong(header(record, "almanac_aggregate_version"));
                        versions.add(item + "@" + version);
                        if (version < latest.getOrDefault(item, -1L)) {
                            continue;
                        }
                        latest.put(item, version);
                        JsonNode value = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
                        if (type.contains("ItemCancelled")) {
                            current.remove(item);
                        } else {
                            current.put(item, new ItemCopy(Instant.parse(value.get("start").asString()), version));
                        }
                    }
                }
            }
            return new History(Map.copyOf(current), Set.copyOf(versions));
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return new String(header.value(), StandardCharsets.UTF_8);
        }
    }

    private static String createCalendar() {
        String id = "cal-feed-" + UUID.randomUUID();
        HttpResponse<String> created = post("/calendars", Map.of("id", id, "name", "Feed", "type", "venue", "timezone", "UTC",
                "capacity", 10_000, "overbooking_policy", "allow"));
        assertThat(created.statusCode()).as("calendar: %s", created.body()).isEqualTo(201);
        return id;
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static HttpResponse<String> post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client's pace between two syncs; nothing waits on it for a condition. */
    private static void pace(Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }
}

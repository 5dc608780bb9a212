package dev.almanac.conflicts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.conflicts.ConflictDetectorApplication;
import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.intake.ResourceBookings;
import dev.almanac.conflicts.lifecycle.ConflictStore;
import dev.almanac.conflicts.state.OrderedKey;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * Issue 10's benchmark "a re-scan of 1,000,000 entries within 60 s" (ADR 0061), on the service as it
 * runs: a Kafka broker embedded in this JVM, the Spring application with its production settings
 * (exactly-once, RocksDB stores, three partitions; {@code almanac.bench.stream-threads}, 3 by default,
 * as in the local stack), and the re-scan asked for over HTTP, {@code POST /api/v1/conflicts/detect}, as
 * an admin. The entries reach the stores as they do in production: read from the topics, fact by fact.
 * <ul>
 *   <li>{@code almanac.bench.entries} (1,000,000) items and occurrences, half each, over
 *       {@code almanac.bench.calendars} (2,000) department calendars: capacity 1, and every tenth calendar
 *       capacity 2. Every 25th entry of a calendar overlaps the one before it: a breach ({@code time_overlap})
 *       on capacity 1, an SCH-022 warning on capacity 2.</li>
 *   <li>Every 50th entry, an item, books one of 40 venues (one per 50 calendars) in turn (20,000 bookings),
 *       so each venue is booked in neighbouring slots and the planted clashes double-book it
 *       ({@code venue_conflict}); 1,000 pairs of items are linked at the offset they stand at, so that no
 *       pair is orphaned.</li>
 *   <li>Once every record, bookings and sides of links included, is handled, every event on
 *       {@code almanac.conflicts.v1} is folded into the live state: the conflicts holding. The re-scan
 *       runs twice and must answer every calendar, venue and pair, as many conflicts holding as the live
 *       state, nothing detected and nothing cleared; nothing may be published.</li>
 *   <li>Then the service stops, a tombstone for ten conflicts of every kind found goes to the changelog of
 *       the conflict store, the state directory is deleted, and the service starts again: the stores are
 *       restored from their changelogs without those conflicts. A third re-scan must find exactly them
 *       again.</li>
 * </ul>
 * Not part of the normal build; run it with
 * <pre>
 * ./mvnw -B -o -pl conflict-detector -am test -Dtest=RescanAtScaleBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true
 * </pre>
 * The figures are printed and written to {@code target/benchmark/rescan-at-scale.txt}. Only correctness is
 * asserted, never time.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class RescanAtScaleBenchmarkTest {

    private static final int ENTRIES = Integer.getInteger("almanac.bench.entries", 1_000_000);
    private static final int CALENDARS = Integer.getInteger("almanac.bench.calendars", 2_000);
    private static final int STREAM_THREADS = Integer.getInteger("almanac.bench.stream-threads", 3);
    /** One venue per 50 calendars, so that the items booking the same one stand in neighbouring slots, and the planted clashes double-book it. */
    private static final int RESOURCES = Math.max(1, CALENDARS / 50);
    private static final int PAIRS = 1_000;
    private static final int DELETED_PER_KIND = 10;
    private static final int PARTITIONS = 3;
    private static final Instant FIRST_SLOT = Instant.parse("2027-01-04T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofMinutes(30);
    private static final List<String> INPUTS = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS);
    /** Written by the service in transactions: the last record of each is followed by a commit marker, which takes an offset. */
    private static final List<String> INTERNAL = List.of(ResourceBookings.TOPIC, LinkSides.TOPIC);

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final JsonMapper json = AlmanacJson.eventMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringBuilder report = new StringBuilder();

    @Test
    void aRescanOfAMillionEntriesEqualsTheLiveState() throws Exception {
        Path directory = Files.createTempDirectory("conflict-detector-rescan-");
        Path state = directory.resolve("state");
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, byte[]> producer = producer(broker.bootstrapServers())) {
            createTopics(admin);
            line("machine: %d cores, JVM max heap %d MB, Java %s; load average %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), loadAverage());
            load(producer);

            Map<String, ConflictType> live;
            try (ConfigurableApplicationContext service = startService(broker.bootstrapServers(), state)) {
                long running = awaitRunning(service);
                long drained = awaitNoLag(admin, running);
                line("intake: the service handled every record, bookings and sides of links included, %.1f s after Kafka Streams "
                        + "was RUNNING (%s stream threads, %d partitions)", (drained - running) / 1e9, STREAM_THREADS, PARTITIONS);
                live = liveState(broker.bootstrapServers());
                Map<ConflictType, Integer> byType = new TreeMap<>();
                live.values().forEach(type -> byType.merge(type, 1, Integer::sum));
                line("live state: %,d conflicts holding %s", live.size(), byType);

                Map<String, Long> before = endOffsets(admin, List.of(Topics.CONFLICTS));
                for (int run = 1; run <= 2; run++) {
                    Rescan rescan = rescan(service);
                    line("re-scan %d of the consistent state: %s", run, rescan);
                    assertThat(rescan.answer()).as("equal to the live state").isEqualTo(expected(live.size(), 0));
                }
                assertThat(endOffsets(admin, List.of(Topics.CONFLICTS))).as("nothing published").isEqualTo(before);
            }

            List<String> lost = new ArrayList<>();
            for (ConflictType type : ConflictType.values()) {
                live.entrySet().stream().filter(conflict -> conflict.getValue() == type).map(Map.Entry::getKey).sorted()
                        .limit(DELETED_PER_KIND).forEach(lost::add);
            }
            loseFromTheChangelog(broker.bootstrapServers(), lost);
            deleteDirectory(state);
            try (ConfigurableApplicationContext service = startService(broker.bootstrapServers(), state)) {
                long started = System.nanoTime();
                long running = awaitRunning(service);
                line("restart with an empty state directory: stores restored from their changelogs, RUNNING after %.1f s",
                        (running - started) / 1e9);
                Map<String, Long> before = endOffsets(admin, List.of(Topics.CONFLICTS));
                Rescan rescan = rescan(service);
                line("re-scan 3, after %d conflicts (%d of each kind found) were lost from the conflict store's changelog: %s",
                        lost.size(), DELETED_PER_KIND, rescan);
                assertThat(rescan.answer()).isEqualTo(expected(live.size(), lost.size()));
                List<ReceivedEvent> published = publishedSince(broker.bootstrapServers(), before);
                assertThat(published).extracting(received -> received.event().subject()).containsExactlyInAnyOrderElementsOf(lost);
                assertThat(published).allSatisfy(received -> assertThat(received.event()).isInstanceOf(ConflictDetected.class));
            }
        } finally {
            Path out = Path.of("target", "benchmark", "rescan-at-scale.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("\n=== re-scan at scale ===\n" + report);
        }
    }

    private Map<String, Object> expected(int holding, int detected) {
        return Map.of("calendars", CALENDARS, "resources", RESOURCES, "links", PAIRS, "conflicts_holding", holding, "detected", detected,
                "cleared", 0);
    }

    // --- the data ---------------------------------------------------------------------------------

    private void load(KafkaProducer<String, byte[]> producer) throws Exception {
        long started = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>();
        for (int calendar = 0; calendar < CALENDARS; calendar++) {
            acks.add(send(producer, new CalendarCreated(calendar(calendar), "Room " + calendar, CalendarType.DEPARTMENT, ZoneOffset.UTC,
                    calendar % 10 == 0 ? 2 : 1, OverbookingPolicy.ALLOW), 0));
        }
        for (int resource = 0; resource < RESOURCES; resource++) {
            acks.add(send(producer, new ResourceCreated(resource(resource), "Venue " + resource, ResourceType.VENUE, ZoneOffset.UTC, null),
                    0));
        }
        for (int record = 0; record < ENTRIES; record++) {
            CalendarId calendar = calendar(record % CALENDARS);
            Instant start = entryStart(record);
            Instant end = start.plus(Duration.ofMinutes(25));
            if (record % 2 == 0) {
                List<ResourceBooking> booked = record % 50 == 0
                        ? List.of(new ResourceBooking(resource((record / 50) % RESOURCES), ResourceRole.PRIMARY))
                        : List.of();
                acks.add(send(producer, new ItemScheduled(item(record), calendar, "Item " + record, "meeting", start, end, ZoneOffset.UTC,
                        Priority.NORMAL, List.of(), null, booked, null, null), 0));
            } else {
                RuleId rule = RuleId.of("rule-" + calendar);
                acks.add(send(producer, new OccurrenceMaterialized(OccurrenceId.of(rule, start), rule, 0, calendar, "Occurrence " + record,
                        "maintenance_job", start, start, end, ZoneOffset.UTC, LocalDateTime.ofInstant(start, ZoneOffset.UTC),
                        DstPolicy.DEFAULT, DstResolution.EXACT, "2025b"), 0));
            }
            if (acks.size() >= 20_000) {
                awaitAll(acks);
            }
        }
        // Pairs of items two calendars apart, linked at the offset they stand at: consistent, so no orphans.
        for (int pair = 0; pair < PAIRS; pair++) {
            int primary = pair * 4;
            int follower = primary + 2;
            long offset = Duration.between(entryStart(primary), entryStart(follower)).toSeconds();
            CalendarId primaryCalendar = calendar(primary % CALENDARS);
            CalendarId followerCalendar = calendar(follower % CALENDARS);
            acks.add(send(producer, new ItemLinked(item(primary), primaryCalendar, entryStart(primary),
                    entryStart(primary).plus(Duration.ofMinutes(25)), LinkRole.PRIMARY, item(follower), followerCalendar, offset), 1));
            acks.add(send(producer, new ItemLinked(item(follower), followerCalendar, entryStart(follower),
                    entryStart(follower).plus(Duration.ofMinutes(25)), LinkRole.FOLLOWER, item(primary), primaryCalendar, offset), 1));
        }
        awaitAll(acks);
        line("published %,d calendars, %,d venues, %,d entries (%,d booking a venue) and %,d linked pairs in %.1f s", CALENDARS,
                RESOURCES, ENTRIES, (ENTRIES + 49) / 50, PAIRS, (System.nanoTime() - started) / 1e9);
    }

    private static Instant entryStart(int record) {
        int slot = record / CALENDARS;
        boolean clash = slot % 25 == 24;
        return FIRST_SLOT.plus(Duration.ofMinutes(30L * slot - (clash ? 20 : 0)));
    }

    /** Every conflict event published so far, folded: the conflicts that hold, with their type. */
    private Map<String, ConflictType> liveState(String bootstrap) {
        Map<String, ConflictType> holding = new HashMap<>();
        for (ReceivedEvent received : readAll(bootstrap, Map.of())) {
            if (received.event() instanceof ConflictDetected detected) {
                holding.put(detected.conflictId().value(), detected.type());
            } else if (received.event() instanceof ConflictCleared cleared) {
                holding.remove(cleared.conflictId().value());
            }
        }
        return holding;
    }

    private List<ReceivedEvent> publishedSince(String bootstrap, Map<String, Long> since) {
        return readAll(bootstrap, since);
    }

    /** The conflict topic, read committed, from {@code from} (partition to offset; absent: the beginning) to its end. */
    private List<ReceivedEvent> readAll(String bootstrap, Map<String, Long> from) {
        List<ReceivedEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < PARTITIONS; partition++) {
                partitions.add(new TopicPartition(Topics.CONFLICTS, partition));
            }
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, from.getOrDefault(partition.toString(), 0L)));
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    events.add(codec.fromRecord(record));
                }
            }
        }
        return events;
    }

    /**
     * A tombstone for each conflict on every partition of the conflict store's changelog: the store is
     * restored without them, as if they had been lost. The changelog's keys are the store's raw bytes.
     */
    private static void loseFromTheChangelog(String bootstrap, List<String> lost) throws Exception {
        String changelog = "conflict-detector-" + ConflictStore.CONFLICTS + "-changelog";
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (String id : lost) {
                byte[] key = OrderedKey.builder().text(id).build().get();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    acks.add(raw.send(new ProducerRecord<>(changelog, partition, key, null)));
                }
            }
            awaitAll(acks);
        }
    }

    // --- the service ------------------------------------------------------------------------------

    private record Rescan(double seconds, Map<String, Object> answer, Map<String, Double> cpuSeconds) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s wall; CPU %s; answer %s", seconds, cpuSeconds, answer);
        }
    }

    /** {@code POST /api/v1/conflicts/detect} as an admin (the development identity), timed by the client. */
    private Rescan rescan(ConfigurableApplicationContext service) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        Map<String, Long> cpuBefore = cpuByThreadGroup();
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/detect"))
                .timeout(PATIENCE).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> cpuAfter = cpuByThreadGroup();
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        Map<String, Object> answer = new HashMap<>();
        body.properties().forEach(field -> answer.put(field.getKey(), field.getValue().asInt()));
        Map<String, Double> cpu = new TreeMap<>();
        cpuAfter.forEach((group, nanos) -> cpu.put(group, Math.round((nanos - cpuBefore.getOrDefault(group, 0L)) / 1e7) / 100.0));
        return new Rescan(seconds, answer, cpu);
    }

    private ConfigurableApplicationContext startService(String bootstrap, Path stateDirectory) {
        return new SpringApplicationBuilder(ConflictDetectorApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=0",
                "--almanac.conflicts.stream-threads=" + STREAM_THREADS,
                "--almanac.conflicts.rescan-timeout=" + PATIENCE,
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.dev.almanac.conflicts.intake=WARN");
    }

    private static long awaitRunning(ConfigurableApplicationContext service) throws InterruptedException {
        StreamsLifecycle streams = service.getBean(StreamsLifecycle.class);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (streams.state().orElse(KafkaStreams.State.CREATED) != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Kafka Streams did not run within " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return System.nanoTime();
    }

    /**
     * Polls until the service's committed offsets reach the end of every partition of the inputs, and of its own
     * topics but for a commit marker. @return when
     */
    private static long awaitNoLag(Admin admin, long since) throws Exception {
        long deadline = since + PATIENCE.toNanos();
        while (true) {
            Map<String, Long> committed = new HashMap<>();
            admin.listConsumerGroupOffsets("conflict-detector").partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> committed.put(partition.toString(), offset.offset()));
            long lag = 0;
            for (Map.Entry<String, Long> end : endOffsets(admin, INPUTS).entrySet()) {
                lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L));
            }
            for (Map.Entry<String, Long> end : endOffsets(admin, INTERNAL).entrySet()) {
                lag += Math.max(0, end.getValue() - committed.getOrDefault(end.getKey(), 0L) - 1);
            }
            if (lag == 0) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("lag still " + lag + " after " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }

    /** End offsets by {@code topic-partition}. */
    private static Map<String, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        Map<String, Long> ends = new TreeMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition.toString(), info.offset()));
        return ends;
    }

    /** CPU time of this JVM's threads, grouped: the service's stream threads, the broker, the rest. */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            String group = name.contains("StreamThread") ? "stream threads"
                    : name.startsWith("data-plane") || name.startsWith("kafka-") || name.contains("quorum")
                    || name.contains("group-coordinator") || name.contains("transaction") ? "broker" : "other";
            groups.merge(group, Math.max(0, threads.getThreadCpuTime(info.getThreadId())), Long::sum);
        }
        return groups;
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private Future<?> send(KafkaProducer<String, byte[]> producer, AlmanacEvent event, long version) {
        long timestamp = System.currentTimeMillis();
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(event).ceType(), "/almanac/benchmark",
                Instant.ofEpochMilli(timestamp), event.subject(), version, "benchmark", "corr-bench", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        // Occurrences as entries of their own, as backfill runs are read from the missed-runs topic: the detector computes
        // in-series ones from the rules (ADR 0069) and never reads them (ADR 0072).
        record.headers().remove(CloudEventHeaders.RULE_DERIVED);
        String topic = record.topic().equals(Topics.OCCURRENCES) ? Topics.MISSED_RUNS : record.topic();
        return producer.send(new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), record.headers()));
    }

    private static void awaitAll(List<Future<?>> acks) throws Exception {
        for (Future<?> ack : acks) {
            ack.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        acks.clear();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // As ConflictDetectorBenchmark: the embedded broker answers the first writes to a new partition with
                // NOT_LEADER, and the idempotent producer's retry trips over its own sequence numbers.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                .toList();
        admin.createTopics(topics).all().get();
        List<String> names = topics.stream().map(NewTopic::name).toList();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!admin.describeTopics(names).allTopicNames().get().values().stream()
                .allMatch(topic -> topic.partitions().stream().allMatch(partition -> partition.leader() != null
                        && partition.leader().id() >= 0))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topics have no leaders after " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static CalendarId calendar(int index) {
        return CalendarId.of("cal-" + index);
    }

    private static ResourceId resource(int index) {
        return ResourceId.of("res-" + index);
    }

    private static ItemId item(int record) {
        return ItemId.of("item-" + record);
    }

    private static void deleteDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim();
    }

    private void line(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        report.append(text).append('\n');
        System.out.println(text);
    }
}

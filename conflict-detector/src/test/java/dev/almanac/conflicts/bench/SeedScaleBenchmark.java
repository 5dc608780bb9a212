package dev.almanac.conflicts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.almanac.conflicts.ConflictDetectorApplication;
import dev.almanac.conflicts.intake.RulesByScope;
import dev.almanac.conflicts.rule.DetectionWindow;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.AlmanacKafkaAutoConfiguration;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.OccurrenceBatches;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.StreamsLifecycle;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Issue 68's seed at seed scale through conflict-detector as it ships (the Spring application, exactly-once, RocksDB,
 * three stream threads as {@code ./run-local} runs it) on the embedded broker, topics of the default partition count.
 *
 * <ol>
 *   <li>The calendars of {@link SeedScale} ({@code benchmark.calendars}, 100, of which {@code benchmark.limited}, 10, are
 *       limited) and its items go first; then {@code benchmark.rules} (10,000) rules of issue 68's mix at
 *       {@code benchmark.rate} rules a second (33, the rate the API took them at in issue 68; 0 for as fast as the
 *       broker takes them). Each rule is followed on the occurrences topic by its first {@code benchmark.derived-per-rule}
 *       (100) occurrences as rule-expander publishes them, in its batches and marked rule-derived, which the detector
 *       must pass over.</li>
 *   <li>Every two seconds during the load, two overlapping items go to a capacity-1 calendar of their own; the figure is
 *       the time from sending the second to reading its {@code ConflictDetected} (read committed).</li>
 *   <li>After the last rule is acknowledged, every event on {@code almanac.conflicts.v1} is folded into the conflicts
 *       holding, until they equal {@link SeedScale#expected the oracle's}: the time from the last rule to then is the
 *       figure issue 68 asks to be at most 60 s. Conflicts are compared up to a day before the horizon at the start
 *       of the run, since the horizon moves on by the hour.</li>
 *   <li>Then the time until the committed offsets reach the end of every input.</li>
 * </ol>
 * Not part of the build (the name matches no test pattern); run it with
 * <pre>
 * ./mvnw -B -o -pl conflict-detector -am test -Dtest=SeedScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Figures are printed and written to {@code target/benchmark/seed-scale.txt}. Only correctness is asserted (the
 * conflicts found are those expected, every double booking is detected), never time.
 */
@Tag("benchmark")
class SeedScaleBenchmark {

    private static final int RULES = Integer.getInteger("benchmark.rules", 10_000);
    private static final int CALENDARS = Integer.getInteger("benchmark.calendars", 100);
    private static final int LIMITED = Integer.getInteger("benchmark.limited", 10);
    private static final int RATE = Integer.getInteger("benchmark.rate", 33);
    private static final int DERIVED_PER_RULE = Integer.getInteger("benchmark.derived-per-rule", 100);
    private static final int STREAM_THREADS = Integer.getInteger("benchmark.stream-threads", 3);
    private static final int PARTITIONS = Integer.getInteger("benchmark.partitions", AlmanacKafkaAutoConfiguration.DEFAULT_PARTITIONS);
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofMinutes(15);
    private static final List<String> INPUTS = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.RULES, Topics.MISSED_RUNS);

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final StringBuilder report = new StringBuilder();
    private final Map<ConflictId, ConflictDetected> holding = new ConcurrentHashMap<>();
    private final Map<CalendarId, Long> probesDetectedAt = new ConcurrentHashMap<>();

    @Test
    void everyConflictOfTheSeedIsFoundAfterTheLastRule() throws Exception {
        Path directory = Files.createTempDirectory("conflict-detector-seed-scale-");
        Instant start = Instant.now();
        SeedScale seed = SeedScale.generate(68, RULES, CALENDARS, LIMITED, start);
        int probes = (int) (RATE == 0 ? 30 : RULES / RATE / PROBE_EVERY.toSeconds() + 30);
        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<Void> reader = null;
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             KafkaProducer<String, byte[]> facts = producer(broker.bootstrapServers(), Map.of());
             KafkaProducer<String, byte[]> occurrences = producer(broker.bootstrapServers(), OccurrenceBatches.producerProperties())) {
            createTopics(admin);
            line("machine: %d cores, JVM max heap %d MB, Java %s; load average %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"), loadAverage());
            line("seed: %,d rules (60 %% daily, 20 %% hourly 9-17 on weekdays, 10 %% hourly, 10 %% every 30 min) in %d zones on %d calendars, "
                    + "%d of them limited (capacity 1 to 3), %d items; %d partitions, %d stream threads", seed.rules.size(), SeedScale.ZONES.size(),
                    CALENDARS, LIMITED, seed.items.size(), PARTITIONS, STREAM_THREADS);

            try (ConfigurableApplicationContext service = startService(broker.bootstrapServers(), directory.resolve("state"))) {
                long running = awaitRunning(service);
                List<Future<?>> acks = new ArrayList<>();
                seed.calendars.forEach(calendar -> acks.add(send(facts, calendar)));
                seed.items.forEach(item -> acks.add(send(facts, item)));
                for (int probe = 0; probe < probes; probe++) {
                    acks.add(send(facts, new CalendarCreated(probeCalendar(probe), "Probe " + probe, CalendarType.VENUE, ZoneOffset.UTC, 1,
                            OverbookingPolicy.ALLOW)));
                }
                awaitAll(acks);
                awaitNoLag(admin, running);
                reader = read(broker.bootstrapServers(), reading);

                Map<String, EventMetadata> creations = new ConcurrentHashMap<>();
                Map<CalendarId, Long> probesSentAt = new HashMap<>();
                long began = System.nanoTime();
                long nextProbe = began;
                long derived = 0;
                int probe = 0;
                for (int index = 0; index < seed.rules.size(); index++) {
                    if (RATE > 0) {
                        long due = began + TimeUnit.SECONDS.toNanos(index) / RATE;
                        while (System.nanoTime() < due) {
                            TimeUnit.MILLISECONDS.sleep(1);
                        }
                    }
                    RuleCreated rule = seed.rules.get(index);
                    EventMetadata metadata = metadata(rule);
                    creations.put(rule.ruleId().value(), metadata);
                    acks.add(facts.send(codec.toRecord(metadata, rule)));
                    derived += publishDerived(occurrences, rule, metadata, acks);
                    if (System.nanoTime() >= nextProbe && probe < probes) {
                        probesSentAt.put(probeCalendar(probe), doubleBook(facts, probe));
                        probe++;
                        nextProbe += PROBE_EVERY.toNanos();
                    }
                    if (acks.size() >= 5_000) {
                        awaitAll(acks);
                    }
                }
                facts.flush();
                occurrences.flush();
                awaitAll(acks);
                long lastRule = System.nanoTime();
                line("load: %,d rules in %.1f s (%.0f a second), %,d rule-derived occurrences beside them, %d double bookings during it",
                        seed.rules.size(), (lastRule - began) / 1e9, seed.rules.size() / ((lastRule - began) / 1e9), derived, probesSentAt.size());

                Instant cutoff = DetectionWindow.horizonAt(start).minus(Duration.ofDays(1));
                Set<SeedScale.Conflict> expected = upTo(seed.expected(DetectionWindow.horizonAt(start),
                        rule -> creations.get(rule.ruleId().value())), cutoff);
                long breaches = expected.stream().filter(conflict -> !conflict.warning()).count();
                line("oracle: %,d conflicts expected before %s (%,d breaches, %,d warnings)", expected.size(), cutoff, breaches,
                        expected.size() - breaches);
                Set<SeedScale.Conflict> found = Set.of();
                long deadline = lastRule + PATIENCE.toNanos();
                while (System.nanoTime() < deadline) {
                    found = upTo(SeedScale.found(holding.values().stream()
                            .filter(conflict -> seed.capacities.containsKey(conflict.calendarId())).toList()), cutoff);
                    if (found.equals(expected)) {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                long allFound = System.nanoTime();
                Set<SeedScale.Conflict> missing = new HashSet<>(expected);
                missing.removeAll(found);
                Set<SeedScale.Conflict> extra = new HashSet<>(found);
                extra.removeAll(expected);
                line("conflicts: %,d found, %,d expected, %d missing, %d not expected; all found %.1f s after the last rule was acknowledged",
                        found.size(), expected.size(), missing.size(), extra.size(), (allFound - lastRule) / 1e9);
                long noLag = awaitNoLag(admin, lastRule);
                line("lag: every input read and committed %.1f s after the last rule", (noLag - lastRule) / 1e9);

                awaitProbes(probesSentAt.keySet());
                List<Long> latencies = probesSentAt.entrySet().stream()
                        .map(sent -> probesDetectedAt.get(sent.getKey()) - sent.getValue()).sorted().toList();
                line("double bookings during the load: %d, detected in p50 %d ms, p99 %d ms, max %d ms", latencies.size(),
                        percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1));
                line("process RSS: %d MB (broker, producers and service in one JVM)", residentMegabytes());

                assertThat(missing).as("expected, not found").isEmpty();
                assertThat(extra).as("found, not expected").isEmpty();
            }
        } finally {
            reading.set(false);
            if (reader != null) {
                reader.join();
            }
            Path out = Path.of("target", "benchmark", "seed-scale.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("\n=== conflict-detector at seed scale ===\n" + report);
        }
    }

    private static Set<SeedScale.Conflict> upTo(Set<SeedScale.Conflict> conflicts, Instant cutoff) {
        Set<SeedScale.Conflict> kept = new HashSet<>();
        conflicts.stream().filter(conflict -> conflict.start().isBefore(cutoff)).forEach(kept::add);
        return kept;
    }

    /** The rule's first occurrences as rule-expander publishes them: marked rule-derived, so the detector passes them over. */
    private int publishDerived(KafkaProducer<String, byte[]> occurrences, RuleCreated rule, EventMetadata creation, List<Future<?>> acks) {
        if (DERIVED_PER_RULE <= 0) {
            return 0;
        }
        RuleTimeline timeline = RuleTimeline.start(rule, creation).orElseThrow();
        List<TimelineOccurrence> first = timeline.startingIn(rule.activeFrom(), DetectionWindow.horizonAt(rule.activeFrom()));
        int published = 0;
        for (TimelineOccurrence occurrence : first.subList(0, Math.min(DERIVED_PER_RULE, first.size()))) {
            OccurrenceMaterialized materialized = occurrence.toMaterialized();
            EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(materialized).ceType(),
                    "/almanac/rule-expander", Instant.now(), materialized.subject(), 0, "rule-expander", creation.correlationId(), null);
            ProducerRecord<String, byte[]> record = codec.toRecord(metadata, materialized);
            assertThat(EventCodec.isRuleDerived(record.headers())).as("in series, so marked rule-derived").isTrue();
            acks.add(occurrences.send(record));
            published++;
        }
        return published;
    }

    /** Two overlapping items on the probe's calendar of capacity 1. @return when the second was sent, in epoch millis */
    private long doubleBook(KafkaProducer<String, byte[]> facts, int probe) {
        CalendarId calendar = probeCalendar(probe);
        Instant at = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        send(facts, new ItemScheduled(ItemId.of("item-probe-" + probe + "-a"), calendar, "Probe", "meeting", at,
                at.plus(Duration.ofMinutes(30)), ZoneOffset.UTC, Priority.NORMAL, List.of()));
        long sentAt = System.currentTimeMillis();
        send(facts, new ItemScheduled(ItemId.of("item-probe-" + probe + "-b"), calendar, "Probe", "meeting", at.plus(Duration.ofMinutes(10)),
                at.plus(Duration.ofMinutes(40)), ZoneOffset.UTC, Priority.NORMAL, List.of()));
        return sentAt;
    }

    private static CalendarId probeCalendar(int probe) {
        return CalendarId.of("cal-probe-" + probe);
    }

    /** Folds every conflict event, from the start, read committed; a probe's first detection is timed on arrival. */
    private CompletableFuture<Void> read(String bootstrap, AtomicBoolean reading) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CONFLICTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return CompletableFuture.runAsync(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long receivedAt = System.currentTimeMillis();
                        ReceivedEvent received = codec.fromRecord(record);
                        if (received.event() instanceof ConflictDetected detected) {
                            holding.put(detected.conflictId(), detected);
                            probesDetectedAt.putIfAbsent(detected.calendarId(), receivedAt);
                        } else if (received.event() instanceof ConflictCleared cleared) {
                            holding.remove(cleared.conflictId());
                        }
                    }
                }
            }
        });
    }

    private void awaitProbes(Set<CalendarId> probes) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!probesDetectedAt.keySet().containsAll(probes)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("double bookings not detected within " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    // --- plumbing ---------------------------------------------------------------------------------

    private ConfigurableApplicationContext startService(String bootstrap, Path stateDirectory) {
        return new SpringApplicationBuilder(ConflictDetectorApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=0",
                "--almanac.kafka.partitions=" + PARTITIONS,
                "--almanac.conflicts.stream-threads=" + STREAM_THREADS,
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

    /** Polls until the committed offsets reach the end of every input partition, and of the rules' fan-out but for a commit marker. */
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
            for (Map.Entry<String, Long> end : endOffsets(admin, List.of(RulesByScope.TOPIC)).entrySet()) {
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

    private EventMetadata metadata(AlmanacEvent event) {
        return new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(event).ceType(), "/almanac/command-service", Instant.now(),
                event.subject(), 0, "planner@example.com", "corr-" + UUID.randomUUID(), null);
    }

    private Future<?> send(KafkaProducer<String, byte[]> producer, AlmanacEvent event) {
        return producer.send(codec.toRecord(metadata(event), event));
    }

    private static void awaitAll(List<Future<?>> acks) throws Exception {
        for (Future<?> ack : acks) {
            ack.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        acks.clear();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // As ConflictDetectorBenchmark: the embedded broker answers the first writes to a new partition with
                // NOT_LEADER, and the idempotent producer's retry trips over its own sequence numbers.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 1));
        properties.putAll(overrides);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = Stream.concat(Topics.ALL.stream().flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic))),
                        Stream.of(RulesByScope.TOPIC))
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

    /** Nearest rank. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static long residentMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) >> 10)
                .findFirst().orElse(-1L);
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

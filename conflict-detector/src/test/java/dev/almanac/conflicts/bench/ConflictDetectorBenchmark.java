package dev.almanac.conflicts.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.almanac.conflicts.ConflictDetectorApplication;
import dev.almanac.conflicts.intake.LinkSides;
import dev.almanac.conflicts.lifecycle.ConflictMetrics;
import dev.almanac.conflicts.link.OrphanedLinks;
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
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemLinked;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.LinkRole;
import dev.almanac.events.schedule.LinkedChange;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.OccurrenceBatches;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.streams.StreamsLifecycle;

/**
 * Measures conflict-detector as it runs (the Spring application with its production settings)
 * against a real Kafka broker embedded in this JVM. Not part of the test suite: the class name
 * matches neither surefire's nor failsafe's patterns, so it runs only when named:
 *
 * <pre>./mvnw -q -B -pl conflict-detector test -Dtest=ConflictDetectorBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * <ol>
 *   <li><b>Sustained intake.</b> After a warm-up of {@code benchmark.warmup} records (reported
 *       as the cold start), processing is paused, {@code benchmark.records} items and
 *       occurrences (half each) over {@code benchmark.calendars} calendars are loaded into the
 *       topics, and processing resumes; the figure is records per second from the resume until
 *       the committed offsets of every input partition reach their end (lag zero).</li>
 *   <li><b>Burst isolation.</b> {@code benchmark.rounds} times, {@code benchmark.burst}
 *       occurrences on one calendar are published at once while double bookings on
 *       {@code benchmark.bystanders} other calendars, and as many double bookings of resources
 *       by items on two calendars, are published among them; the figure is the time from each
 *       second booking's record to its {@code ConflictDetected}, read committed, split by whether
 *       the calendar (or the resource) shares the burst's partition.</li>
 * </ol>
 *
 * <p>A resource's double booking travels further than a calendar's: from the second item's
 * calendar task, through {@code conflict-detector-bookings}, to the task of the resource's
 * partition (ADR 0026), so its latency is reported apart, idle and during the bursts.
 *
 * <p><b>Orphaned links</b> (ADR 0061): {@code benchmark.orphans} linked pairs, each item on a calendar
 * of its own, are moved together, then their primaries alone, then their followers to the offset. It
 * reports how far apart the two sides of a pair moved together reach the pair's task (read from
 * {@code conflict-detector-links}, read committed): the skew the grace must cover; that no pair moved
 * together becomes an orphan; the time from a primary's lone move to the orphaned link's
 * {@code ConflictDetected}, which is the grace ({@code almanac.conflicts.orphans.grace}, set it with
 * {@code benchmark.service-args}) plus the stream thread's loop plus the transit (the check is armed for the grace's
 * end, ADR 0098); and the time from the
 * follower's repair to the {@code ConflictCleared}, which has no grace. Then the same pairs move together
 * again during a burst on the partition of their followers' calendars, and the skew and the orphans
 * are reported again. The events say which linked items their transaction changed too
 * ({@code linked_changes}), as command-service writes them, so that a primary moved alone is an orphaned
 * link at once (ADR 0061); {@code -Dbenchmark.orphans.say=false} sends them without it, as
 * events written before it, and the orphan then waits out the grace. {@code benchmark.phases} (a comma-separated subset of {@code intake},
 * {@code bursts}, {@code orphans}; all by default) runs only some phases.
 *
 * Results are printed and written to {@code target/benchmark/conflict-detector.txt}. Only
 * correctness is asserted (every record handled, every double booking detected), never time.
 */
@Tag("benchmark")
class ConflictDetectorBenchmark {

    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 50_000);
    private static final int RECORDS = Integer.getInteger("benchmark.records", 200_000);
    private static final int CALENDARS = Integer.getInteger("benchmark.calendars", 2_000);
    private static final int BURST = Integer.getInteger("benchmark.burst", 25_000);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    private static final int BYSTANDERS = Integer.getInteger("benchmark.bystanders", 10);
    private static final int PARTITIONS = 3;
    private static final Instant FIRST_SLOT = Instant.parse("2027-01-04T08:00:00Z");
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final List<String> INPUTS = List.of(Topics.CALENDARS, Topics.SCHEDULE, Topics.MISSED_RUNS);
    private static final String RESOURCE_KEY = "resource:";
    private static final int ORPHANS = Integer.getInteger("benchmark.orphans", 20);
    private static final boolean SAY_LINKED_CHANGES = Boolean.parseBoolean(System.getProperty("benchmark.orphans.say", "true"));
    private static final List<String> PHASES = List.of(System.getProperty("benchmark.phases", "intake,bursts,orphans").split(","));
    private static final long OFFSET_SECONDS = 7_200;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private final StringBuilder report = new StringBuilder();

    @Test
    void sustainedIntakeAndBurstIsolation() throws Exception {
        Path directory = Files.createTempDirectory("conflict-detector-benchmark-");
        try (KafkaBroker broker = KafkaBroker.startOnFreePorts(directory.resolve("kafka"));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
             FactProducers producer = new FactProducers(producer(broker.bootstrapServers(), Map.of()),
                     producer(broker.bootstrapServers(), occurrenceBatches()))) {
            createTopics(admin);
            line("machine: %d cores, JVM max heap %d MB, Java %s", Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));

            preload(producer, "warm", WARMUP, Math.max(1, WARMUP / 100));
            try (ConfigurableApplicationContext service = startService(broker.bootstrapServers(), directory.resolve("state"))) {
                line("service: %s stream thread(s), commit interval %s ms, processing guarantee %s",
                        service.getEnvironment().getProperty("spring.kafka.streams.properties[num.stream.threads]"),
                        service.getEnvironment().getProperty("spring.kafka.streams.properties[commit.interval.ms]"),
                        service.getEnvironment().getProperty("spring.kafka.streams.properties[processing.guarantee]"));
                line("occurrences published as rule-expander does, with %s; the main consumer fetches %s bytes per partition",
                        new TreeMap<>(occurrenceBatches()),
                        service.getEnvironment().getProperty("spring.kafka.streams.properties[main.consumer.max.partition.fetch.bytes]"));
                warmUp(service, admin);
                if (PHASES.contains("intake")) {
                    sustainedIntake(service, admin, producer);
                }
                if (PHASES.contains("bursts")) {
                    burstIsolation(service, admin, producer, broker.bootstrapServers());
                }
                if (PHASES.contains("orphans")) {
                    orphanedLinks(service, admin, producer, broker.bootstrapServers());
                }
                line("RocksDB after the runs: shared block cache in use %.1f MB (memtables included), memtables %.1f MB over %d stores",
                        maxGauge(service, "kafka.stream.state.block.cache.usage") / (1 << 20),
                        sumGauge(service, "kafka.stream.state.cur.size.all.mem.tables") / (1 << 20),
                        service.getBean(MeterRegistry.class).find("kafka.stream.state.cur.size.all.mem.tables").gauges().size());
                line("process RSS after the runs: %d MB (broker, producers and service in one JVM)", residentMegabytes());
            }
        } finally {
            Path out = Path.of("target", "benchmark", "conflict-detector.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("\n=== conflict-detector benchmark ===\n" + report);
        }
    }

    // --- sustained intake -------------------------------------------------------------------------

    private void preload(FactProducers producer, String name, int entries, int calendars) throws Exception {
        long started = System.nanoTime();
        List<Future<?>> acks = new ArrayList<>();
        for (int calendar = 0; calendar < calendars; calendar++) {
            acks.add(send(producer, calendarCreated(calendar(name, calendar), 1), 0));
        }
        int conflictsPlanted = 0;
        for (int record = 0; record < entries; record++) {
            int calendar = record % calendars;
            int slot = record / calendars;
            // Every 25th entry of a calendar overlaps the one before it: a double booking to detect.
            boolean clash = slot % 25 == 24;
            Instant start = FIRST_SLOT.plus(Duration.ofMinutes(30L * slot - (clash ? 20 : 0)));
            Instant end = start.plus(Duration.ofMinutes(25));
            CalendarId calendarId = calendar(name, calendar);
            AlmanacEvent event = record % 2 == 0
                    ? item(calendarId, "item-" + name + "-" + calendar + "-" + slot, start, end)
                    : occurrence(calendarId, RuleId.of("rule-" + name + "-" + calendar), start, end);
            acks.add(send(producer, event, 0));
            conflictsPlanted += clash ? 1 : 0;
            if (acks.size() >= 20_000) {
                awaitAll(acks);
            }
        }
        awaitAll(acks);
        double seconds = (System.nanoTime() - started) / 1e9;
        line("preloaded %,d %s calendars and %,d entries (%,d planted double bookings) in %.1f s", calendars, name, entries,
                conflictsPlanted, seconds);
    }

    private static long inputRecords(Admin admin) throws Exception {
        return endOffsets(admin).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> endOffsets(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : INPUTS) {
            for (int partition = 0; partition < PARTITIONS; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        return admin.listOffsets(latest).all().get();
    }

    /** A cold start, reported but not the figure: the JIT compiles the paths of the service, Kafka and RocksDB first. */
    private void warmUp(ConfigurableApplicationContext service, Admin admin) throws Exception {
        long records = inputRecords(admin);
        long running = awaitRunning(service.getBean(StreamsLifecycle.class));
        long drained = awaitNoLag(admin, running);
        double seconds = (drained - running) / 1e9;
        line("warm-up from a cold start: %,d records, lag zero %.2f s after Kafka Streams was RUNNING: %,.0f records/s",
                records, seconds, records / seconds);
    }

    /** Processing is paused while the records are loaded, then resumed: the figure is the drain of a full backlog. */
    private void sustainedIntake(ConfigurableApplicationContext service, Admin admin, FactProducers producer)
            throws Exception {
        KafkaStreams streams = service.getBean(StreamsLifecycle.class).streams().orElseThrow();
        MeterRegistry registry = service.getBean(MeterRegistry.class);
        long before = inputRecords(admin);
        double handledBefore = handled(registry);
        double detectedBefore = registry.counter(ConflictMetrics.DETECTED).count();
        streams.pause();
        preload(producer, "bench", RECORDS, CALENDARS);
        long preloaded = inputRecords(admin) - before;

        Map<String, Long> cpuBefore = cpuByThreadGroup();
        double commitsBefore = threadMetric(streams, "commit-total");
        long resumed = System.nanoTime();
        streams.resume();
        long drained = awaitNoLag(admin, resumed);
        double seconds = (drained - resumed) / 1e9;
        Map<String, Long> cpuAfter = cpuByThreadGroup();
        double commits = threadMetric(streams, "commit-total") - commitsBefore;
        double handled = handled(registry) - handledBefore;
        line("sustained intake: %,d records, lag zero %.2f s after resuming: %,.0f records/s", preloaded, seconds,
                preloaded / seconds);
        line("  handled %,.0f, dead-lettered %,.0f, conflicts detected %,.0f, mean handling %.1f us/record (all records so far)",
                handled, deadLettered(registry), registry.counter(ConflictMetrics.DETECTED).count() - detectedBefore,
                meanHandlingMicros(registry));
        StringBuilder cpu = new StringBuilder();
        cpuAfter.forEach((group, nanos) -> cpu.append(String.format(Locale.ROOT, "%s %.1f s, ", group,
                (nanos - cpuBefore.getOrDefault(group, 0L)) / 1e9)));
        line("  CPU time in this JVM during the drain: %s(wall %.1f s)", cpu, seconds);
        int threads = streams.metadataForLocalThreads().size();
        double commitMillis = threadMetric(streams, "commit-latency-avg") / threads;
        line("  stream threads (%d): %,.0f commits, %.1f ms each on average (Kafka Streams' commit-latency-avg, last 60 s): "
                + "committing took %.0f %% of their wall time", threads, commits, commitMillis,
                100 * commits * commitMillis / 1e3 / (threads * seconds));
        assertThat(handled).isEqualTo((double) preloaded);
        assertThat(deadLettered(registry)).isZero();
    }

    /** A stream-thread metric of Kafka Streams, summed over the threads (NaN counts as nothing). */
    private static double threadMetric(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream()
                .filter(metric -> metric.getKey().group().equals("stream-thread-metrics") && metric.getKey().name().equals(name))
                .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
                .filter(value -> !Double.isNaN(value))
                .sum();
    }

    /** CPU time of this JVM's threads, grouped: the service's stream threads, its producers, the broker, the rest. */
    private static Map<String, Long> cpuByThreadGroup() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = threads.getThreadCpuTime(info.getThreadId());
            String name = info.getThreadName();
            String group = name.endsWith("-producer") || name.contains("producer-network-thread | conflict-detector")
                    ? "service producer" : name.contains("StreamThread") ? "stream threads"
                    : name.startsWith("data-plane") || name.startsWith("kafka-") || name.contains("quorum")
                    || name.contains("group-coordinator") || name.contains("transaction") ? "broker"
                    : name.contains("GC") || name.contains("Compiler") ? "jvm" : "other";
            groups.merge(group, Math.max(0, nanos), Long::sum);
        }
        return groups;
    }

    // --- burst isolation --------------------------------------------------------------------------

    private void burstIsolation(ConfigurableApplicationContext service, Admin admin, FactProducers producer,
                                String bootstrap) throws Exception {
        MeterRegistry registry = service.getBean(MeterRegistry.class);
        Map<String, Long> committedSeen = new ConcurrentHashMap<>();
        Map<String, Long> uncommittedSeen = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<Void> committedReader = read(bootstrap, "read_committed", committedSeen, reading);
        CompletableFuture<Void> uncommittedReader = read(bootstrap, "read_uncommitted", uncommittedSeen, reading);

        List<Sample> idle = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            CalendarId calendar = CalendarId.of("cal-idle-" + index + "-" + UUID.randomUUID());
            awaitAll(new ArrayList<>(List.of(send(producer, calendarCreated(calendar, 1), 0))));
            idle.add(doubleBook(producer, calendar, -1));
            await(committedSeen, List.of(idle.get(idle.size() - 1)));
        }
        await(uncommittedSeen, idle);
        line("idle double booking to ConflictDetected (%d samples): read_committed %s; read_uncommitted %s", idle.size(),
                summary(latencies(idle, committedSeen)), summary(latencies(idle, uncommittedSeen)));

        List<Sample> idleResources = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            ResourceId resource = ResourceId.of("res-idle-" + index + "-" + UUID.randomUUID());
            awaitAll(new ArrayList<>(List.of(send(producer, resourceCreated(resource), 0))));
            idleResources.add(doubleBookResource(producer, resource, -1));
            await(committedSeen, List.of(idleResources.get(idleResources.size() - 1)));
        }
        await(uncommittedSeen, idleResources);
        line("idle resource double booking (items on two calendars) to ConflictDetected (%d samples): read_committed %s; "
                        + "read_uncommitted %s", idleResources.size(), summary(latencies(idleResources, committedSeen)),
                summary(latencies(idleResources, uncommittedSeen)));

        List<Sample> samples = new ArrayList<>();
        List<Sample> resourceSamples = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            CalendarId burstCalendar = CalendarId.of("cal-burst-" + round + "-" + UUID.randomUUID());
            int burstPartition = partitionOf(burstCalendar);
            List<CalendarId> bystanders = new ArrayList<>();
            List<ResourceId> resources = new ArrayList<>();
            List<Future<?>> setup = new ArrayList<>();
            setup.add(send(producer, calendarCreated(burstCalendar, 1), 0));
            for (int index = 0; index < BYSTANDERS; index++) {
                CalendarId bystander = CalendarId.of("cal-bystander-" + round + "-" + index + "-" + UUID.randomUUID());
                bystanders.add(bystander);
                setup.add(send(producer, calendarCreated(bystander, 1), 0));
                ResourceId resource = ResourceId.of("res-bystander-" + round + "-" + index + "-" + UUID.randomUUID());
                resources.add(resource);
                setup.add(send(producer, resourceCreated(resource), 0));
            }
            awaitAll(setup);
            awaitNoLag(admin, System.nanoTime());

            double handledBefore = handled(registry);
            long burstStarted = System.nanoTime();
            List<Future<?>> burst = new ArrayList<>(BURST);
            List<Sample> roundSamples = new ArrayList<>();
            List<Sample> roundResourceSamples = new ArrayList<>();
            RuleId rule = RuleId.of("rule-burst-" + round);
            int every = Math.max(1, BURST / (BYSTANDERS + 1));
            for (int index = 0; index < BURST; index++) {
                Instant start = FIRST_SLOT.plus(Duration.ofMinutes(15L * index));
                burst.add(send(producer, occurrence(burstCalendar, rule, start, start.plus(Duration.ofMinutes(10))), 0));
                if (index % every == every - 1 && roundSamples.size() < BYSTANDERS) {
                    roundSamples.add(doubleBook(producer, bystanders.get(roundSamples.size()), burstPartition));
                    roundResourceSamples.add(doubleBookResource(producer, resources.get(roundResourceSamples.size()), burstPartition));
                }
            }
            awaitAll(burst);
            double published = (System.nanoTime() - burstStarted) / 1e9;
            await(committedSeen, roundSamples);
            await(committedSeen, roundResourceSamples);
            long drained = awaitNoLag(admin, burstStarted);
            samples.addAll(roundSamples);
            resourceSamples.addAll(roundResourceSamples);
            line("burst round %d: %,d occurrences on one calendar published in %.2f s, drained %.2f s after the first; "
                            + "double bookings read_committed %s; resource double bookings %s", round + 1, BURST, published,
                    (drained - burstStarted) / 1e9, summary(latencies(roundSamples, committedSeen)),
                    summary(latencies(roundResourceSamples, committedSeen)));
            assertThat(handled(registry) - handledBefore).isGreaterThanOrEqualTo(BURST + 4.0 * BYSTANDERS);
        }
        await(uncommittedSeen, samples);
        await(uncommittedSeen, resourceSamples);
        reading.set(false);
        committedReader.get(30, TimeUnit.SECONDS);
        uncommittedReader.get(30, TimeUnit.SECONDS);

        List<Sample> shared = samples.stream().filter(Sample::sharesBurstPartition).toList();
        List<Sample> apart = samples.stream().filter(sample -> !sample.sharesBurstPartition()).toList();
        line("burst: double bookings on other calendars during a %,d-occurrence burst (%d samples), read_committed: all %s",
                BURST, samples.size(), summary(latencies(samples, committedSeen)));
        line("  on another partition than the burst (%d): %s", apart.size(), summary(latencies(apart, committedSeen)));
        line("  on the burst's partition (%d): %s", shared.size(), summary(latencies(shared, committedSeen)));
        line("  read_uncommitted, all: %s", summary(latencies(samples, uncommittedSeen)));
        List<Sample> resourcesShared = resourceSamples.stream().filter(Sample::sharesBurstPartition).toList();
        List<Sample> resourcesApart = resourceSamples.stream().filter(sample -> !sample.sharesBurstPartition()).toList();
        line("burst: resource double bookings (items on two calendars) during a %,d-occurrence burst (%d samples), "
                + "read_committed: all %s", BURST, resourceSamples.size(), summary(latencies(resourceSamples, committedSeen)));
        line("  resource and both calendars on other partitions than the burst (%d): %s", resourcesApart.size(),
                summary(latencies(resourcesApart, committedSeen)));
        line("  resource or a calendar on the burst's partition (%d): %s", resourcesShared.size(),
                summary(latencies(resourcesShared, committedSeen)));
        line("  read_uncommitted, all: %s", summary(latencies(resourceSamples, uncommittedSeen)));
        assertThat(deadLettered(registry)).isZero();
    }

    /**
     * A sample: the calendar whose second booking was sent at {@code sentAtMillis}, or, for a resource's
     * double booking, {@code resource:} and the resource's id. A resource's double booking shares the
     * burst's partition when its resource or either calendar does: each is a hop on the way.
     */
    private record Sample(String calendar, long sentAtMillis, boolean sharesBurstPartition) {
    }

    /** Books two overlapping items; the conflict's record carries the second one's timestamp. */
    private Sample doubleBook(FactProducers producer, CalendarId calendar, int burstPartition) {
        Instant start = Instant.parse("2027-06-01T09:00:00Z");
        send(producer, item(calendar, "item-first-" + calendar, start, start.plus(Duration.ofHours(1))), 0);
        long sentAt = System.currentTimeMillis();
        send(producer, item(calendar, "item-second-" + calendar, start.plus(Duration.ofMinutes(30)),
                start.plus(Duration.ofMinutes(90))), 0, sentAt);
        producer.flush();
        return new Sample(calendar.value(), sentAt, partitionOf(calendar) == burstPartition);
    }

    /**
     * Books a resource by two overlapping items on two new calendars of capacity 2, so that only the
     * resource clashes; the conflict's record carries the second item's timestamp.
     */
    private Sample doubleBookResource(FactProducers producer, ResourceId resource, int burstPartition) {
        Instant start = Instant.parse("2027-06-01T09:00:00Z");
        CalendarId first = CalendarId.of("cal-first-" + resource);
        CalendarId second = CalendarId.of("cal-second-" + resource);
        send(producer, calendarCreated(first, 2), 0);
        send(producer, calendarCreated(second, 2), 0);
        send(producer, booking(first, "item-first-" + resource, start, start.plus(Duration.ofHours(1)), resource), 0);
        long sentAt = System.currentTimeMillis();
        send(producer, booking(second, "item-second-" + resource, start.plus(Duration.ofMinutes(30)), start.plus(Duration.ofMinutes(90)),
                resource), 0, sentAt);
        producer.flush();
        boolean touchesBurst = List.of(partitionOf(first), partitionOf(second), partitionOf(resource.value())).contains(burstPartition);
        return new Sample(RESOURCE_KEY + resource, sentAt, touchesBurst);
    }

    private CompletableFuture<Void> read(String bootstrap, String isolation, Map<String, Long> seen, AtomicBoolean reading) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + isolation + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.CONFLICTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return CompletableFuture.runAsync(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long receivedAt = System.currentTimeMillis();
                        ReceivedEvent received = codec.fromRecord(record);
                        if (received.event() instanceof ConflictDetected detected) {
                            seen.putIfAbsent(detected.resourceId() == null ? record.key() : RESOURCE_KEY + detected.resourceId(),
                                    receivedAt - record.timestamp());
                        }
                    }
                }
            }
        });
    }

    // --- orphaned links ---------------------------------------------------------------------------

    /** A linked pair: the primary on a calendar of its own, the follower on another, two hours later. */
    private record Pair(ItemId primary, CalendarId core, ItemId follower, CalendarId supervisors) {

        String key() {
            return primary.value();
        }

        String conflictId() {
            return OrphanedLinks.conflictId(primary, follower).value();
        }
    }

    private void orphanedLinks(ConfigurableApplicationContext service, Admin admin, FactProducers producer,
                               String bootstrap) throws Exception {
        Duration grace = Duration.parse(service.getEnvironment().getProperty("almanac.conflicts.orphans.grace", "PT30S"));
        // The check is armed for the end of each grace (ADR 0098): a second covers the stream thread's loop.
        Duration check = Duration.ofSeconds(1);
        line("orphaned links: grace %s, %d pairs, events %s linked_changes", grace, ORPHANS,
                SAY_LINKED_CHANGES ? "with" : "without");
        Map<String, Long> sidesSeen = new ConcurrentHashMap<>();
        Map<String, Long> orphansSeen = new ConcurrentHashMap<>();
        Map<String, Long> clearancesSeen = new ConcurrentHashMap<>();
        Map<String, Integer> detections = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        CompletableFuture<Void> sideReader = readSides(bootstrap, sidesSeen, reading);
        CompletableFuture<Void> conflictReader = readOrphans(bootstrap, orphansSeen, clearancesSeen, detections, reading);
        Instant start = Instant.parse("2027-06-01T10:00:00Z");

        List<Pair> pairs = new ArrayList<>();
        List<Future<?>> setup = new ArrayList<>();
        for (int index = 0; index < ORPHANS; index++) {
            String suffix = index + "-" + UUID.randomUUID();
            Pair pair = new Pair(ItemId.of("item-core-" + suffix), CalendarId.of("cal-core-" + suffix), ItemId.of("item-super-" + suffix),
                    CalendarId.of("cal-super-" + suffix));
            pairs.add(pair);
            setup.add(send(producer, item(pair.core(), pair.primary().value(), start, start.plus(Duration.ofHours(2))), 0));
            setup.add(send(producer, item(pair.supervisors(), pair.follower().value(), start.plus(Duration.ofSeconds(OFFSET_SECONDS)),
                    start.plus(Duration.ofSeconds(OFFSET_SECONDS)).plus(Duration.ofHours(1))), 0));
            setup.add(send(producer, new ItemLinked(pair.primary(), pair.core(), start, start.plus(Duration.ofHours(2)), LinkRole.PRIMARY,
                    pair.follower(), pair.supervisors(), OFFSET_SECONDS, saying(pair.follower(), 1)), 1));
            setup.add(send(producer, new ItemLinked(pair.follower(), pair.supervisors(), start.plus(Duration.ofSeconds(OFFSET_SECONDS)),
                    start.plus(Duration.ofSeconds(OFFSET_SECONDS)).plus(Duration.ofHours(1)), LinkRole.FOLLOWER, pair.primary(),
                    pair.core(), OFFSET_SECONDS, saying(pair.primary(), 1)), 1));
        }
        awaitAll(setup);
        awaitSides(sidesSeen, pairs, 1);

        // Moved together, as the command side moves a pair: the primary's event, then the follower's, on two partitions.
        List<Long> idleSkew = moveTogether(producer, pairs, start, Duration.ofHours(1), 2, sidesSeen);
        line("  idle, moved together: the two sides reach the pair's task %s apart", summary(idleSkew));
        long quietUntil = System.nanoTime() + grace.plus(check).plusSeconds(3).toNanos();
        while (System.nanoTime() < quietUntil) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        long falseOrphans = pairs.stream().filter(pair -> orphansSeen.containsKey(pair.conflictId())).count();
        line("  pairs moved together that became orphaned links within the grace plus %d s: %d of %d", 3, falseOrphans, pairs.size());
        assertThat(falseOrphans).isZero();

        // The primaries alone: each is an orphaned link at once when its event says it moved alone, else once the grace has run out.
        Instant moved = start.plus(Duration.ofHours(1));
        // Said, half of them break one at a time (the latency of one orphan), and the other half at once (a burst of orphans);
        // unsaid, all at once, since each waits out the grace.
        List<Pair> oneAtATime = SAY_LINKED_CHANGES ? pairs.subList(0, pairs.size() / 2) : List.of();
        List<Pair> atOnce = pairs.subList(oneAtATime.size(), pairs.size());
        for (Pair pair : oneAtATime) {
            send(producer, new ItemRescheduled(pair.primary(), pair.core(), moved, moved.plus(Duration.ofHours(2)),
                    moved.plus(Duration.ofHours(3)), moved.plus(Duration.ofHours(5)), null, null, null, sayingAlone()), 3);
            producer.flush();
            awaitKeys(orphansSeen, List.of(pair.conflictId()));
        }
        for (Pair pair : atOnce) {
            send(producer, new ItemRescheduled(pair.primary(), pair.core(), moved, moved.plus(Duration.ofHours(2)),
                    moved.plus(Duration.ofHours(3)), moved.plus(Duration.ofHours(5)), null, null, null, sayingAlone()), 3);
        }
        producer.flush();
        awaitKeys(orphansSeen, pairs.stream().map(Pair::conflictId).toList());
        List<Long> detection = atOnce.stream().map(pair -> orphansSeen.get(pair.conflictId())).sorted().toList();
        if (SAY_LINKED_CHANGES) {
            line("  primary moved alone, saying so, to ConflictDetected orphaned_link (read_committed), one pair at a time (%d): %s",
                    oneAtATime.size(), summary(oneAtATime.stream().map(pair -> orphansSeen.get(pair.conflictId())).sorted().toList()));
            line("  the same, %d pairs at once: %s", atOnce.size(), summary(detection));
        } else {
            line("  primary moved alone to ConflictDetected orphaned_link (read_committed): %s; less the grace: %s", summary(detection),
                    summary(detection.stream().map(latency -> latency - grace.toMillis()).toList()));
        }

        // The followers to the offset: the clearance has no grace.
        Instant repaired = moved.plus(Duration.ofHours(3)).plus(Duration.ofSeconds(OFFSET_SECONDS));
        Instant followerWas = moved.plus(Duration.ofSeconds(OFFSET_SECONDS));
        for (Pair pair : pairs) {
            send(producer, new ItemRescheduled(pair.follower(), pair.supervisors(), followerWas, followerWas.plus(Duration.ofHours(1)),
                    repaired, repaired.plus(Duration.ofHours(1)), null, null, pair.primary(), sayingAlone()), 3);
        }
        producer.flush();
        awaitKeys(clearancesSeen, pairs.stream().map(Pair::conflictId).toList());
        line("  follower moved to the offset to ConflictCleared (read_committed): %s",
                summary(pairs.stream().map(pair -> clearancesSeen.get(pair.conflictId())).sorted().toList()));

        // Moved together again, during a burst on the partition of the followers' calendars.
        int burstPartition = partitionOf(pairs.get(0).supervisors());
        List<Pair> burstPairs = pairs.stream().filter(pair -> partitionOf(pair.supervisors()) == burstPartition
                && partitionOf(pair.core()) != burstPartition).toList();
        CalendarId burstCalendar = calendarOn(burstPartition, "cal-orphan-burst-");
        awaitAll(new ArrayList<>(List.of(send(producer, calendarCreated(burstCalendar, 1), 0))));
        awaitNoLag(admin, System.nanoTime());
        List<Future<?>> burst = new ArrayList<>(BURST);
        RuleId rule = RuleId.of("rule-orphan-burst");
        long burstStarted = System.nanoTime();
        for (int index = 0; index < BURST; index++) {
            Instant slot = FIRST_SLOT.plus(Duration.ofMinutes(15L * index));
            burst.add(send(producer, occurrence(burstCalendar, rule, slot, slot.plus(Duration.ofMinutes(10))), 0));
        }
        producer.flush();
        Instant burstFrom = repaired.minus(Duration.ofSeconds(OFFSET_SECONDS));
        List<Long> burstSkew = moveTogether(producer, burstPairs, burstFrom, Duration.ofHours(1), 4, sidesSeen);
        awaitAll(burst);
        long drained = awaitNoLag(admin, burstStarted);
        line("  during a burst of %,d occurrences on the followers' partition (drained %.2f s after its start), moved together "
                + "(%d pairs, primaries on other partitions): sides %s apart", BURST, (drained - burstStarted) / 1e9, burstPairs.size(),
                summary(burstSkew));
        quietUntil = System.nanoTime() + grace.plus(check).plusSeconds(3).toNanos();
        while (System.nanoTime() < quietUntil) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        int burstOrphans = burstPairs.stream().mapToInt(pair -> detections.getOrDefault(pair.conflictId(), 0) - 1).sum();
        line("  orphaned links published for them within the grace plus 3 s: %d", burstOrphans);

        // The primaries alone again, during a burst on the partition where their pairs meet (that of the primary's id).
        int pairPartition = partitionOf(pairs.get(0).primary().value());
        List<Pair> loadedPairs = pairs.stream().filter(pair -> partitionOf(pair.primary().value()) == pairPartition).toList();
        CalendarId pairBurstCalendar = calendarOn(pairPartition, "cal-orphan-pair-burst-");
        awaitAll(new ArrayList<>(List.of(send(producer, calendarCreated(pairBurstCalendar, 1), 0))));
        awaitNoLag(admin, System.nanoTime());
        orphansSeen.clear();
        List<Future<?>> pairBurst = new ArrayList<>(BURST);
        long pairBurstStarted = System.nanoTime();
        for (int index = 0; index < BURST; index++) {
            Instant slot = FIRST_SLOT.plus(Duration.ofMinutes(15L * index));
            pairBurst.add(send(producer, occurrence(pairBurstCalendar, RuleId.of("rule-orphan-pair-burst"), slot,
                    slot.plus(Duration.ofMinutes(10))), 0));
        }
        producer.flush();
        Instant lonePrimaryAt = burstFrom.plus(Duration.ofHours(1));
        for (Pair pair : loadedPairs) {
            // Ten a second, so that they meet the burst one by one rather than as a burst of their own.
            send(producer, new ItemRescheduled(pair.primary(), pair.core(), lonePrimaryAt, lonePrimaryAt.plus(Duration.ofHours(2)),
                    lonePrimaryAt.plus(Duration.ofHours(1)), lonePrimaryAt.plus(Duration.ofHours(3)), null, null, null, sayingAlone()), 5);
            producer.flush();
            TimeUnit.MILLISECONDS.sleep(100);
        }
        awaitAll(pairBurst);
        awaitKeys(orphansSeen, loadedPairs.stream().map(Pair::conflictId).toList());
        long pairBurstDrained = awaitNoLag(admin, pairBurstStarted);
        line("  during a burst of %,d occurrences on the partition where %d pairs meet (drained %.2f s after its start), their "
                + "primaries moved alone, ten a second, to ConflictDetected orphaned_link: %s", BURST, loadedPairs.size(),
                (pairBurstDrained - pairBurstStarted) / 1e9,
                summary(loadedPairs.stream().map(pair -> orphansSeen.get(pair.conflictId())).sorted().toList()));
        reading.set(false);
        sideReader.get(30, TimeUnit.SECONDS);
        conflictReader.get(30, TimeUnit.SECONDS);
        assertThat(deadLettered(service.getBean(MeterRegistry.class))).isZero();
    }

    /**
     * Moves each pair by {@code shift}, primary first and the follower along, both at {@code version}; waits for
     * both sides of every pair and returns how far apart they reached the pair's task, sorted.
     */
    private List<Long> moveTogether(FactProducers producer, List<Pair> pairs, Instant primaryAt, Duration shift,
                                    long version, Map<String, Long> sidesSeen) throws Exception {
        Instant followerAt = primaryAt.plus(Duration.ofSeconds(OFFSET_SECONDS));
        for (Pair pair : pairs) {
            send(producer, new ItemRescheduled(pair.primary(), pair.core(), primaryAt, primaryAt.plus(Duration.ofHours(2)),
                    primaryAt.plus(shift), primaryAt.plus(shift).plus(Duration.ofHours(2)), null, null, null,
                    saying(pair.follower(), version)), version);
            send(producer, new ItemRescheduled(pair.follower(), pair.supervisors(), followerAt, followerAt.plus(Duration.ofHours(1)),
                    followerAt.plus(shift), followerAt.plus(shift).plus(Duration.ofHours(1)), null, null, pair.primary(),
                    saying(pair.primary(), version)), version);
        }
        producer.flush();
        awaitSides(sidesSeen, pairs, version);
        return pairs.stream().map(pair -> Math.abs(sidesSeen.get(sideKey(pair, "primary", version))
                - sidesSeen.get(sideKey(pair, "follower", version)))).sorted().toList();
    }

    /** What an event of the same transaction says of {@code partner}, or nothing, as events before {@code linked_changes}. */
    private static @Nullable List<LinkedChange> saying(ItemId partner, long version) {
        return SAY_LINKED_CHANGES ? List.of(new LinkedChange(partner, version)) : null;
    }

    private static @Nullable List<LinkedChange> sayingAlone() {
        return SAY_LINKED_CHANGES ? List.of() : null;
    }

    private static String sideKey(Pair pair, String side, long version) {
        return pair.primary() + "/" + pair.follower() + "/" + side + "@" + version;
    }

    private static void awaitSides(Map<String, Long> seen, List<Pair> pairs, long version) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        pairs.forEach(pair -> keys.addAll(List.of(sideKey(pair, "primary", version), sideKey(pair, "follower", version))));
        awaitKeys(seen, keys);
    }

    private static void awaitKeys(Map<String, Long> seen, List<String> keys) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!seen.keySet().containsAll(keys)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not seen within " + PATIENCE + ": " + keys.stream().filter(key -> !seen.containsKey(key)).toList());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** When each side of each pair, at each version, became visible (read committed) on the link topic. */
    private CompletableFuture<Void> readSides(String bootstrap, Map<String, Long> seen, AtomicBoolean reading) {
        KafkaConsumer<String, byte[]> consumer = latestReader(bootstrap, "read_committed", LinkSides.TOPIC);
        return CompletableFuture.runAsync(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long receivedAt = System.currentTimeMillis();
                        seen.putIfAbsent(record.key() + "@" + LinkSides.decode(record.value()).version(), receivedAt);
                    }
                }
            }
        });
    }

    /**
     * The latency of each orphaned link's first ConflictDetected and of its first ConflictCleared, by conflict id, and how
     * many times each was detected.
     */
    private CompletableFuture<Void> readOrphans(String bootstrap, Map<String, Long> detected, Map<String, Long> cleared,
                                                Map<String, Integer> detections, AtomicBoolean reading) {
        KafkaConsumer<String, byte[]> consumer = latestReader(bootstrap, "read_committed", Topics.CONFLICTS);
        return CompletableFuture.runAsync(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                        long receivedAt = System.currentTimeMillis();
                        ReceivedEvent received = codec.fromRecord(record);
                        if (received.event() instanceof ConflictDetected orphan && orphan.link() != null) {
                            detected.putIfAbsent(orphan.conflictId().value(), receivedAt - record.timestamp());
                            detections.merge(orphan.conflictId().value(), 1, Integer::sum);
                        } else if (received.event() instanceof ConflictCleared clearance && detected.containsKey(clearance.conflictId().value())) {
                            cleared.putIfAbsent(clearance.conflictId().value(), receivedAt - record.timestamp());
                        }
                    }
                }
            }
        });
    }

    private static KafkaConsumer<String, byte[]> latestReader(String bootstrap, String isolation, String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "benchmark-" + topic + "-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static CalendarId calendarOn(int partition, String prefix) {
        while (true) {
            CalendarId candidate = CalendarId.of(prefix + UUID.randomUUID());
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    // --- plumbing ---------------------------------------------------------------------------------

    /** The service as it ships; {@code benchmark.service-args} (space-separated) overrides settings to compare. */
    private ConfigurableApplicationContext startService(String bootstrap, Path stateDirectory) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.kafka.streams.state-dir=" + stateDirectory,
                "--server.port=0",
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.dev.almanac.conflicts.intake=WARN"));
        String overrides = System.getProperty("benchmark.service-args", "").trim();
        if (!overrides.isEmpty()) {
            arguments.addAll(List.of(overrides.split("\\s+")));
            line("service overrides: %s", overrides);
        }
        return new SpringApplicationBuilder(ConflictDetectorApplication.class).run(arguments.toArray(String[]::new));
    }

    private long awaitRunning(StreamsLifecycle streams) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (streams.state().orElse(KafkaStreams.State.CREATED) != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Kafka Streams did not run within " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return System.nanoTime();
    }

    /** Polls until the service's committed offsets reach the end of every input partition. @return when */
    private long awaitNoLag(Admin admin, long since) throws Exception {
        long deadline = since + PATIENCE.toNanos();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = endOffsets(admin);
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("conflict-detector").partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            if (lag <= 0) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("lag still " + lag + " after " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static void await(Map<String, Long> seen, List<Sample> samples) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!samples.stream().allMatch(sample -> seen.containsKey(sample.calendar()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("double bookings not detected within " + PATIENCE);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    private static List<Long> latencies(List<Sample> samples, Map<String, Long> seen) {
        return samples.stream().map(sample -> seen.get(sample.calendar())).sorted().toList();
    }

    private static String summary(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms", percentile(sorted, 50), percentile(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    /** Nearest rank. */
    private static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double handled(MeterRegistry registry) {
        return sum(registry, "handled");
    }

    private static double deadLettered(MeterRegistry registry) {
        return sum(registry, "dead_lettered");
    }

    private static double sum(MeterRegistry registry, String outcome) {
        return registry.find(ConflictMetrics.RECORDS).tag("outcome", outcome).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    private static double maxGauge(ConfigurableApplicationContext service, String name) {
        return service.getBean(MeterRegistry.class).find(name).gauges().stream().mapToDouble(gauge -> gauge.value())
                .filter(value -> !Double.isNaN(value)).max().orElse(0);
    }

    private static double sumGauge(ConfigurableApplicationContext service, String name) {
        return service.getBean(MeterRegistry.class).find(name).gauges().stream().mapToDouble(gauge -> gauge.value())
                .filter(value -> !Double.isNaN(value)).sum();
    }

    private static double meanHandlingMicros(MeterRegistry registry) {
        var timers = registry.find(ConflictMetrics.HANDLING).timers();
        double total = timers.stream().mapToDouble(timer -> timer.totalTime(TimeUnit.MICROSECONDS)).sum();
        long count = timers.stream().mapToLong(timer -> timer.count()).sum();
        return count == 0 ? 0 : total / count;
    }

    private static int partitionOf(CalendarId calendar) {
        return partitionOf(calendar.value());
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    private Future<?> send(FactProducers producer, AlmanacEvent event, long version) {
        return send(producer, event, version, System.currentTimeMillis());
    }

    private Future<?> send(FactProducers producer, AlmanacEvent event, long version, long timestamp) {
        EventMetadata metadata = new EventMetadata(UUID.randomUUID().toString(), EventCatalog.of(event).ceType(),
                "/almanac/benchmark", Instant.ofEpochMilli(timestamp), event.subject(), version, "benchmark", "corr-bench", null);
        ProducerRecord<String, byte[]> record = codec.toRecord(metadata, event);
        // Occurrences as entries of their own, as backfill runs are read from the missed-runs topic: the detector computes
        // in-series ones from the rules (ADR 0069) and never reads them (ADR 0072).
        record.headers().remove(CloudEventHeaders.RULE_DERIVED);
        String topic = record.topic().equals(Topics.OCCURRENCES) ? Topics.MISSED_RUNS : record.topic();
        return producer.send(new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), record.headers()));
    }

    /** Occurrences go out as rule-expander publishes them, in its compressed batches; every other fact as the relay does. */
    private record FactProducers(KafkaProducer<String, byte[]> facts, KafkaProducer<String, byte[]> occurrences) implements AutoCloseable {

        Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            return (record.topic().equals(Topics.MISSED_RUNS) ? occurrences : facts).send(record);
        }

        void flush() {
            facts.flush();
            occurrences.flush();
        }

        @Override
        public void close() {
            try (occurrences) {
                facts.close();
            }
        }
    }

    private static void awaitAll(List<Future<?>> acks) throws Exception {
        for (Future<?> ack : acks) {
            ack.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        acks.clear();
    }

    /** rule-expander's batches, or larger ones ({@code -Dbenchmark.occurrence-batch-bytes}) to measure what its bound costs. */
    private static Map<String, Object> occurrenceBatches() {
        Map<String, Object> properties = new HashMap<>(OccurrenceBatches.producerProperties());
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.getInteger("benchmark.occurrence-batch-bytes", OccurrenceBatches.MAX_BATCH_BYTES));
        return properties;
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                // The embedded broker answers the first writes to a new partition with NOT_LEADER, and the
                // idempotent producer's retry then trips over its own sequence numbers; one request in
                // flight keeps the order without it. Counts are taken from the topics' end offsets.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
        properties.putAll(overrides);
        return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    private static void createTopics(Admin admin) throws Exception {
        List<NewTopic> topics = Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                .toList();
        admin.createTopics(topics).all().get();
        // A partition takes a moment to get its leader; producing before then upsets the idempotent producer.
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

    private static CalendarId calendar(String name, int index) {
        return CalendarId.of("cal-" + name + "-" + index);
    }

    private static CalendarCreated calendarCreated(CalendarId id, int capacity) {
        return new CalendarCreated(id, "Room " + id, CalendarType.VENUE, ZoneOffset.UTC, capacity, OverbookingPolicy.ALLOW);
    }

    private static ResourceCreated resourceCreated(ResourceId id) {
        return new ResourceCreated(id, "Room " + id, ResourceType.VENUE, ZoneOffset.UTC, null);
    }

    private static ItemScheduled booking(CalendarId calendar, String id, Instant start, Instant end, ResourceId resource) {
        return new ItemScheduled(ItemId.of(id), calendar, "Booking " + id, "meeting", start, end, ZoneOffset.UTC,
                Priority.NORMAL, List.of(), null, List.of(new ResourceBooking(resource, ResourceRole.PRIMARY)), null, null);
    }

    private static ItemScheduled item(CalendarId calendar, String id, Instant start, Instant end) {
        return new ItemScheduled(ItemId.of(id), calendar, "Booking " + id, "meeting", start, end, ZoneOffset.UTC,
                Priority.NORMAL, List.of());
    }

    private static OccurrenceMaterialized occurrence(CalendarId calendar, RuleId rule, Instant start, Instant end) {
        return new OccurrenceMaterialized(OccurrenceId.of(rule, start), rule, 0, calendar, "Occurrence of " + rule,
                "maintenance_job", start, start, end, ZoneOffset.UTC, LocalDateTime.ofInstant(start, ZoneOffset.UTC),
                DstPolicy.DEFAULT, DstResolution.EXACT, "2025b");
    }

    private static long residentMegabytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")) >> 10)
                .findFirst().orElse(-1L);
    }

    private void line(String format, Object... arguments) {
        String text = String.format(Locale.ROOT, format, arguments);
        report.append(text).append('\n');
        System.out.println(text);
    }
}

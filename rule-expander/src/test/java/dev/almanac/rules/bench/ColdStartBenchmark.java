package dev.almanac.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.ProcessCpu;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.rules.RuleExpanderApplication;
import dev.almanac.rules.testing.RuleSamples;

/**
 * Issue 11's cold start: 10,000 active rules at PERF-SCALE (10,000+ rules, 100,000+ jobs a
 * day) are waiting on {@code almanac.rules.v1} when rule-expander starts; how long until every
 * occurrence of their 90-day horizons is on {@code almanac.occurrences.v1}, acknowledged?
 *
 * <p>The corpus ({@link #perfScale}) mixes daily, weekday-hourly, hourly and half-hourly rules over
 * zones with DST gaps and overlaps and with 30- and 45-minute offsets, about 94,000 occurrences a
 * day. Every rule becomes active tomorrow at midnight UTC, so the horizon is fixed by the rules
 * alone: what the start-up must publish is exactly the sum of {@link RecurrenceExpander#count}
 * over the rules. The benchmark reads the topic (read committed) and asserts that it holds every
 * one of them by id (none lost); the time is when the last of them was first appended (its record
 * timestamp), and records appended again (a horizon pass racing the rule's own materialisation
 * publishes the same ids again, by design) are counted apart. End offsets alone would not do: they
 * count transaction markers too. The service runs with its shipped settings.
 *
 * <p>Where the service runs ({@code -Dalmanac.bench.expander}):
 * <ul>
 *   <li>{@code in-process} (the default): the broker, MongoDB, the service and the count share this JVM,
 *       all cold, and the machine's cores.</li>
 *   <li>{@code own-jvm}: the service runs in a JVM of its own ({@link ExpanderProcess}), as in the local
 *       stack, with the broker and MongoDB in this JVM, as the launcher hosts them. Two rounds: the first
 *       with everything cold; then the topics are deleted, created again and the rules published again, and
 *       a second service JVM starts against the same broker and MongoDB, now warm, with a database and a
 *       consumer group of its own (the benchmark's count too). rule-expander's producer is idempotent, not
 *       transactional, so no transactional id carries over between the rounds. Each round reports the CPU
 *       of the service's JVM (the whole process, JVM start included) and of this one.</li>
 *   <li>{@code kafka-floor}: no service runs its rules. {@link KafkaFloor} sends the same occurrences, made as the service
 *       makes them, through the service's own producer, and times only their sending: what Kafka alone costs, a floor
 *       under the cold start. {@code -Dalmanac.bench.floor.envelope=structured} sends them in CloudEvents' structured
 *       mode instead of the topic's binary mode, for comparison; {@code -Dalmanac.bench.floor.producer="--spring.kafka.producer.…=…"}
 *       runs the producer with other settings than the shipped ones.</li>
 * </ul>
 *
 * <p>The collector and compilers are the JDK's defaults (G1, C1 and C2), as for rule-expander and for
 * the launcher that hosts the broker and MongoDB in the local stack
 * ({@code LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS}, {@code run-local}). The benchmark prints the
 * options it ran with.
 *
 * <pre>
 * ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx6g [-Dalmanac.bench.expander=own-jvm|kafka-floor [-Dalmanac.bench.floor.envelope=structured]]
 * </pre>
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class ColdStartBenchmark {

    private static final int RULES = Integer.getInteger("almanac.bench.rules", 10_000);
    private static final Duration HORIZON = Duration.ofDays(90);
    private static final Duration PATIENCE = Duration.ofMinutes(20);
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("America/New_York"),
            ZoneId.of("Europe/London"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Asia/Kathmandu"),
            ZoneId.of("Australia/Lord_Howe"), ZoneId.of("America/Sao_Paulo"), ZoneId.of("Pacific/Apia"));
    private static final String EXPANDER = System.getProperty("almanac.bench.expander", "in-process");
    /** The averages of rule-expander's producer that the in-process mode prints: its batches and their compression. */
    private static final Set<String> PRODUCER_FIGURES = Set.of("batch-size-avg", "compression-rate-avg", "record-size-avg",
            "records-per-request-avg", "request-size-avg");
    /**
     * The service JVM's options in {@code own-jvm} mode ({@code -Dalmanac.bench.expander.java-options} overrides
     * them). They must match {@code LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS}, which rule-expander cannot
     * import: deploy/local depends on the services, not the other way round.
     */
    private static final List<String> EXPANDER_JAVA_OPTIONS = List.of(System.getProperty(
            "almanac.bench.expander.java-options", "-Xms192m -Xmx384m -XX:MetaspaceSize=128m").trim().split("\\s+"));

    @Test
    void tenThousandRulesPublishTheirHorizonsAfterAColdStart() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        Instant activeFrom = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        List<RuleCreated> rules = perfScale(RULES, activeFrom);
        long expected = rules.stream()
                .mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), activeFrom, activeFrom.plus(HORIZON)))
                .sum();
        createTopics(infrastructure.kafkaBootstrapServers());
        publish(infrastructure.kafkaBootstrapServers(), rules);
        System.out.printf("corpus: %,d rules, %,d occurrences in their 90-day horizons (%,.0f a day)%n",
                rules.size(), expected, expected / 90.0);
        System.out.printf("JVM options: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).collect(Collectors.joining(" ")));
        switch (EXPANDER) {
            case "in-process" -> inProcess(infrastructure, expected);
            case "own-jvm" -> ownJvm(infrastructure, rules, expected);
            case "kafka-floor" -> kafkaFloor(infrastructure, rules, activeFrom, expected);
            default -> throw new IllegalArgumentException("almanac.bench.expander is in-process, own-jvm or kafka-floor, not " + EXPANDER);
        }
    }

    private static void inProcess(EmbeddedInfrastructure infrastructure, long expected) throws Exception {
        long cpuBefore = ProcessCpu.nanos();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        // As arguments, which take precedence over the services' own defaults for their infrastructure.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(RuleExpanderApplication.class)
                .run("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(), "--server.port=0");
             Admin admin = admin(infrastructure.kafkaBootstrapServers())) {
            long ready = System.nanoTime();
            Count count = count(admin, infrastructure.kafkaBootstrapServers(), "cold-start-benchmark", expected, started,
                    () -> 0, () -> { }, () -> producerFigures(service));
            Occurrences seen = count.seen();
            double complete = Duration.between(startedAt, seen.lastFirstSeen()).toMillis() / 1e3;
            double readyAfter = (ready - started) / 1e9;
            System.out.printf("service started in %.1f s; the last of the %,d occurrences was appended %.1f s after the start, %.1f s"
                            + " after it was ready (%,.0f occurrences/s); %,d records were appended again; CPU of this JVM (broker,"
                            + " MongoDB, service, and this count): %.1f s on %d cores, of which %.1f s until the last record was"
                            + " appended, before the count began%n",
                    readyAfter, seen.distinct(), complete, complete - readyAfter, seen.distinct() / (complete - readyAfter),
                    seen.repeated(), (ProcessCpu.nanos() - cpuBefore) / 1e9, Runtime.getRuntime().availableProcessors(),
                    (count.jvmCpuWhenAppended() - cpuBefore) / 1e9);
            System.out.println(count.producerWhenAppended());
            System.out.println(storedFigures(admin, seen.distinct() + seen.repeated()));
            assertThat(seen.distinct()).as("distinct occurrences on %s", Topics.OCCURRENCES).isEqualTo(expected);
        }
    }

    /**
     * The floor: the service started with its rule consumers stopped, so that only its producer and codec are used, and
     * {@link KafkaFloor} sends the horizons through them. The topic is then read back by id, as after a cold start.
     */
    private static void kafkaFloor(EmbeddedInfrastructure infrastructure, List<RuleCreated> rules, Instant activeFrom, long expected)
            throws Exception {
        KafkaFloor.Envelope envelope = KafkaFloor.Envelope.valueOf(
                System.getProperty("almanac.bench.floor.envelope", "binary").toUpperCase(Locale.ROOT));
        List<String> arguments = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(), "--server.port=0",
                "--spring.kafka.listener.auto-startup=false"));
        // Other producer settings than the shipped ones, to see what they cost the floor.
        String producer = System.getProperty("almanac.bench.floor.producer", "").trim();
        if (!producer.isEmpty()) {
            arguments.addAll(List.of(producer.split("\\s+")));
        }
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(RuleExpanderApplication.class)
                .run(arguments.toArray(String[]::new));
             Admin admin = admin(infrastructure.kafkaBootstrapServers())) {
            @SuppressWarnings("unchecked")
            KafkaTemplate<String, byte[]> template = service.getBean(KafkaTemplate.class);
            long started = System.nanoTime();
            KafkaFloor.Result floor = KafkaFloor.run(template, service.getBean(EventCodec.class), rules, activeFrom, HORIZON, envelope,
                    ProcessCpu::nanos);
            System.out.printf("Kafka alone (%s mode): %,d records sent and acknowledged in %.1f s of sending (%,.0f records/s), this"
                            + " JVM's CPU meanwhile %.1f s on %d cores (%.1f µs a record); making them took %.1f s more, not counted%n",
                    envelope.name().toLowerCase(Locale.ROOT), floor.records(), floor.sendingNanos() / 1e9,
                    floor.records() / (floor.sendingNanos() / 1e9), floor.sendingCpuNanos() / 1e9,
                    Runtime.getRuntime().availableProcessors(), floor.sendingCpuNanos() / 1e3 / floor.records(), floor.makingNanos() / 1e9);
            System.out.println(producerFigures(service));
            Count count = count(admin, infrastructure.kafkaBootstrapServers(), "cold-start-benchmark", expected, started,
                    () -> 0, () -> { }, () -> "");
            System.out.println(storedFigures(admin, count.seen().distinct() + count.seen().repeated()));
            assertThat(floor.records()).as("records sent").isEqualTo(expected);
            assertThat(count.seen().distinct()).as("distinct occurrences on %s", Topics.OCCURRENCES).isEqualTo(expected);
            assertThat(count.seen().repeated()).as("records appended again").isZero();
        }
    }

    /** What the service's producer reports of its batches: their size, and how well they compressed. */
    private static String producerFigures(ConfigurableApplicationContext service) {
        Map<String, Double> averages = new TreeMap<>();
        KafkaTemplate<?, ?> template = service.getBean(KafkaTemplate.class);
        template.metrics().forEach((name, metric) -> {
            if (name.group().equals("producer-metrics") && PRODUCER_FIGURES.contains(name.name())
                    && metric.metricValue() instanceof Double value) {
                averages.put(name.name(), value);
            }
        });
        return "the service's producer (" + service.getEnvironment().getProperty("spring.kafka.producer.compression-type", "none")
                + ", batch-size " + service.getEnvironment().getProperty("spring.kafka.producer.batch-size", "Kafka's default") + "): "
                + averages;
    }

    /** The bytes the broker stores for the topic, per record appended (compressed batches count as stored). */
    private static String storedFigures(Admin admin, long records) throws Exception {
        long bytes = admin.describeLogDirs(brokerIds(admin)).allDescriptions().get().values().stream()
                .flatMap(directories -> directories.values().stream())
                .flatMap(directory -> directory.replicaInfos().entrySet().stream())
                .filter(replica -> replica.getKey().topic().equals(Topics.OCCURRENCES))
                .mapToLong(replica -> replica.getValue().size())
                .sum();
        return String.format("%s on the broker: %,d bytes for %,d records, %.0f bytes a record", Topics.OCCURRENCES, bytes, records,
                (double) bytes / records);
    }

    private static void ownJvm(EmbeddedInfrastructure infrastructure, List<RuleCreated> rules, long expected) throws Exception {
        System.out.printf("rule-expander's JVM options: %s; its class path: %,d entries%n", String.join(" ", EXPANDER_JAVA_OPTIONS),
                System.getProperty("java.class.path").split(File.pathSeparator).length);
        List<String> figures = new ArrayList<>();
        // The shipped database and consumer group, on a broker and a MongoDB that have served nothing yet.
        figures.add(round(1, "everything cold", infrastructure, expected, List.of()));
        recreateTopics(infrastructure.kafkaBootstrapServers(), rules);
        // The first round's count (8 million ids) is garbage now; collected here, not during the next round.
        System.gc();
        figures.add(round(2, "the expander cold, the infrastructure warm", infrastructure, expected,
                List.of("--spring.mongodb.database=almanac_rule_expander_round_2",
                        "--spring.kafka.consumer.group-id=rule-expander-round-2")));
        figures.forEach(System.out::println);
    }

    /** One service JVM, from its spawn until every occurrence is read back; returns the round's figures in one line. */
    private static String round(int round, String framing, EmbeddedInfrastructure infrastructure, long expected,
                                List<String> freshState) throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        List<String> arguments = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrap,
                "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(), "--server.port=0"));
        arguments.addAll(freshState);
        Path log = Path.of("target", "cold-start-own-jvm-round-" + round + ".log");
        long cpuBefore = ProcessCpu.nanos();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        try (ExpanderProcess service = ExpanderProcess.start(EXPANDER_JAVA_OPTIONS, arguments, log);
             Admin admin = admin(bootstrap)) {
            Count count = count(admin, bootstrap, "cold-start-benchmark-round-" + round, expected, started,
                    service::cpuNanos, service::watch, () -> "");
            long jvmCpu = ProcessCpu.nanos() - cpuBefore;
            long serviceCpu = service.cpuNanos();
            Occurrences seen = count.seen();
            double complete = Duration.between(startedAt, seen.lastFirstSeen()).toMillis() / 1e3;
            double readyAfter = service.startedAfterSeconds();
            long jvmCpuUntilAppended = count.jvmCpuWhenAppended() - cpuBefore;
            long serviceCpuUntilAppended = count.serviceCpuWhenAppended();
            long cpuUntilAppended = jvmCpuUntilAppended + serviceCpuUntilAppended;
            String figures = String.format("round %d, %s: service started in %.1f s; the last of the %,d occurrences was appended"
                            + " %.1f s after the start, %.1f s after it was ready (%,.0f occurrences/s); %,d records were appended again;"
                            + " CPU of the service's JVM and this JVM (broker, MongoDB, and this count): %.1f s on %d cores, of which"
                            + " %.1f s until the last record was appended, before the count began: the service's JVM %.1f s (%.0f %%),"
                            + " this JVM %.1f s (%.0f %%)",
                    round, framing, readyAfter, seen.distinct(), complete, complete - readyAfter,
                    seen.distinct() / (complete - readyAfter), seen.repeated(), (jvmCpu + serviceCpu) / 1e9,
                    Runtime.getRuntime().availableProcessors(), cpuUntilAppended / 1e9, serviceCpuUntilAppended / 1e9,
                    100.0 * serviceCpuUntilAppended / cpuUntilAppended, jvmCpuUntilAppended / 1e9,
                    100.0 * jvmCpuUntilAppended / cpuUntilAppended);
            System.out.println(figures);
            System.out.println(storedFigures(admin, seen.distinct() + seen.repeated()));
            System.out.printf("rule-expander's log (%s) ends:%n%s%n", log.toAbsolutePath(), service.tail(20));
            assertThat(seen.distinct()).as("distinct occurrences on %s in round %d", Topics.OCCURRENCES, round).isEqualTo(expected);
            return figures;
        }
    }

    /**
     * A round's count: the occurrences read by id, and the CPU spent and the producer's figures when every record had
     * been appended (its averages are of the last minute, and it is idle while the topic is read back).
     */
    private record Count(Occurrences seen, long jvmCpuWhenAppended, long serviceCpuWhenAppended, String producerWhenAppended) {
    }

    /**
     * Waits until the topic's end offsets reach {@code expected}, notes the CPU spent by then, and reads the topic
     * back by id. {@code watch} runs on every turn (a service in a process of its own fails the count when it exits).
     */
    private static Count count(Admin admin, String bootstrap, String group, long expected, long started,
                               LongSupplier serviceCpuNanos, Runnable watch, Supplier<String> producerFigures) throws Exception {
        // End offsets count transaction markers besides records, so they only say when to start counting.
        long deadline = started + PATIENCE.toNanos();
        long lastReport = started;
        Occurrences seen = new Occurrences();
        long cpuWhenAllAppended = -1;
        long serviceCpuWhenAllAppended = -1;
        String producerWhenAllAppended = "";
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap, group)) {
            while (seen.distinct() < expected && System.nanoTime() < deadline) {
                watch.run();
                if (cpuWhenAllAppended < 0 && endOffsets(admin) < expected) {
                    LockSupport.parkNanos(100_000_000L);
                } else {
                    if (cpuWhenAllAppended < 0) {
                        cpuWhenAllAppended = ProcessCpu.nanos();
                        serviceCpuWhenAllAppended = serviceCpuNanos.getAsLong();
                        producerWhenAllAppended = producerFigures.get();
                    }
                    consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf("  +%5.1f s: %,d distinct occurrences read%n", (lastReport - started) / 1e9, seen.distinct());
                }
            }
        }
        return new Count(seen, cpuWhenAllAppended, serviceCpuWhenAllAppended, producerWhenAllAppended);
    }

    /**
     * Deletes the two topics, waits until the broker no longer lists them and has removed their files (it does so a
     * minute after the deletion, which would otherwise fall inside the next round), creates them again, waits until
     * each partition has a leader, and publishes the rules again.
     */
    private static void recreateTopics(String bootstrap, List<RuleCreated> rules) throws Exception {
        long started = System.nanoTime();
        List<String> topics = List.of(Topics.RULES, Topics.OCCURRENCES);
        try (Admin admin = admin(bootstrap)) {
            List<Path> logDirectories = logDirectories(admin);
            admin.deleteTopics(topics).all().get();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.listTopics().names().get().stream().noneMatch(topics::contains));
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> partitionDirectories(logDirectories, topics).isEmpty());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> created(admin));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> led(admin, topics));
        }
        publish(bootstrap, rules);
        System.out.printf("topics deleted, their files removed, created again and the rules published again in %.1f s%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** Whether every partition of the topics has a leader, as the broker's metadata says. */
    private static boolean led(Admin admin, List<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream())
                .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
    }

    private static List<Path> logDirectories(Admin admin) throws Exception {
        return admin.describeLogDirs(brokerIds(admin)).allDescriptions().get().values().stream()
                .flatMap(directories -> directories.keySet().stream())
                .map(Path::of)
                .toList();
    }

    private static List<Integer> brokerIds(Admin admin) throws Exception {
        return admin.describeCluster().nodes().get().stream().map(Node::id).toList();
    }

    /** The directories of the topics' partitions, kept or awaiting deletion ({@code <topic>-<partition>[.<id>-delete]}). */
    private static List<Path> partitionDirectories(List<Path> logDirectories, List<String> topics) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path directory : logDirectories) {
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(entry -> topics.stream().anyMatch(topic -> entry.getFileName().toString().startsWith(topic + "-")))
                        .forEach(found::add);
            }
        }
        return found;
    }

    private static boolean created(Admin admin) throws InterruptedException {
        try {
            admin.createTopics(newTopics()).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create the topics again", e);
        }
    }

    /** The occurrences read so far by id (the record's subject), and when the last one first appeared. */
    private static final class Occurrences {

        private final Set<String> ids = new HashSet<>();
        private long repeated;
        private Instant lastFirstSeen = Instant.EPOCH;

        void add(ConsumerRecord<String, byte[]> record) {
            if (!ids.add(subjectOf(record))) {
                repeated++;
                return;
            }
            Instant appended = Instant.ofEpochMilli(record.timestamp());
            if (appended.isAfter(lastFirstSeen)) {
                lastFirstSeen = appended;
            }
        }

        /** The occurrence's id: its {@code ce_subject} header, or in structured mode ({@link KafkaFloor}) the value's subject. */
        private static String subjectOf(ConsumerRecord<String, byte[]> record) {
            Header subject = record.headers().lastHeader(CloudEventHeaders.SUBJECT);
            if (subject != null) {
                return new String(subject.value(), StandardCharsets.UTF_8);
            }
            return KafkaFloor.structuredSubject(record.value());
        }

        long distinct() {
            return ids.size();
        }

        long repeated() {
            return repeated;
        }

        Instant lastFirstSeen() {
            return lastFirstSeen;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap, String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.OCCURRENCES));
        return consumer;
    }

    /**
     * PERF-SCALE in {@code count} rules: 60 % daily at a minute of their own, 20 % hourly from
     * 08:00 to 18:00 on weekdays, 10 % hourly, 10 % every 30 minutes; zones, calendars and
     * minutes spread by index, and every tenth rule jittered by up to 5 minutes.
     */
    static List<RuleCreated> perfScale(int count, Instant activeFrom) {
        List<RuleCreated> rules = new ArrayList<>(count);
        RuleCreated sample = RuleSamples.nightly();
        for (int i = 0; i < count; i++) {
            int minute = (i * 7) % 60;
            String cron = switch (i % 10) {
                case 0, 1, 2, 3, 4, 5 -> minute + " " + (i % 24) + " * * *";
                case 6, 7 -> minute + " 8-18 * * 1-5";
                case 8 -> minute + " * * * *";
                default -> (minute % 30) + "," + (minute % 30 + 30) + " * * * *";
            };
            RuleCreated rule = new RuleCreated(RuleId.of("bench-rule-" + i), sample.name(), cron, ZONES.get(i % ZONES.size()),
                    CalendarId.of("bench-calendar-" + (i % 500)), sample.durationSeconds(), activeFrom, sample.dstPolicy(),
                    sample.jobTemplate(), sample.options(), sample.metadata(), null, null);
            rules.add(i % 10 == 3 ? RuleSamples.withJitter(rule, 300) : rule);
        }
        return rules;
    }

    /** The topics as the services declare them (3 partitions), before any service runs. */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(newTopics()).all().get();
        }
    }

    private static List<NewTopic> newTopics() {
        return List.of(new NewTopic(Topics.RULES, 3, (short) 1), new NewTopic(Topics.OCCURRENCES, 3, (short) 1));
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void publish(String bootstrap, List<RuleCreated> rules) throws Exception {
        EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        // One request in flight. On topics just created again, the broker once refused the first batches
        // (NotLeaderOrFollower), appended later ones, then refused the retried first ones as out of order
        // (OutOfOrderSequence) until their delivery timeout. With one in flight no batch overtakes a retried one.
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sends = rules.stream()
                    .map(rule -> producer.send(codec.toRecord(RuleSamples.envelope(rule), rule)))
                    .collect(Collectors.toList());
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }

    private static long endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.OCCURRENCES)).allTopicNames().get()
                .get(Topics.OCCURRENCES).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topics.OCCURRENCES, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(partitions).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }
}

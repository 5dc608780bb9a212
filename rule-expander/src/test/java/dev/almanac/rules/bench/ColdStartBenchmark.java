package dev.almanac.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

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
import org.apache.kafka.common.TopicPartition;
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

import dev.almanac.embedded.EmbeddedInfrastructure;
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
 * Issue 11's cold start: 10,000 active rules at seed 000's scale (10,000+ rules, 100,000+ jobs a
 * day) are waiting on {@code almanac.rules.v1} when rule-expander starts; how long until every
 * occurrence of their 90-day horizons is on {@code almanac.occurrences.v1}, acknowledged?
 *
 * <p>The corpus ({@link #seedScale}) mixes daily, weekday-hourly, hourly and half-hourly rules over
 * zones with DST gaps and overlaps and with 30- and 45-minute offsets, about 94,000 occurrences a
 * day. Every rule becomes active tomorrow at midnight UTC, so the horizon is fixed by the rules
 * alone: what the start-up must publish is exactly the sum of {@link RecurrenceExpander#count}
 * over the rules. The benchmark reads the topic (read committed) and asserts that it holds every
 * one of them by id (none lost); the time is when the last of them was first appended (its record
 * timestamp), and records appended again (a horizon pass racing the rule's own materialisation
 * publishes the same ids again, by design) are counted apart. End offsets alone would not do: they
 * count transaction markers too. The service runs with its shipped settings. The broker, MongoDB,
 * the service and the count share this JVM and the machine's cores.
 *
 * <p>The collector and compilers are the JDK's defaults (G1, C1 and C2), as for rule-expander and for
 * the launcher that hosts the broker and MongoDB in the local stack
 * ({@code LocalStack.Options.RULE_EXPANDER_JAVA_OPTIONS}, {@code run-local}). The benchmark prints the
 * options it ran with.
 *
 * <pre>
 * ./mvnw -B -o -pl rule-expander -am test -Dtest=ColdStartBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dalmanac.bench=true -DargLine=-Xmx6g
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

    @Test
    void tenThousandRulesPublishTheirHorizonsAfterAColdStart() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        Instant activeFrom = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        List<RuleCreated> rules = seedScale(RULES, activeFrom);
        long expected = rules.stream()
                .mapToLong(rule -> RecurrenceExpander.count(RecurrenceSpec.of(rule), activeFrom, activeFrom.plus(HORIZON)))
                .sum();
        createTopics(infrastructure.kafkaBootstrapServers());
        publish(infrastructure.kafkaBootstrapServers(), rules);
        System.out.printf("corpus: %,d rules, %,d occurrences in their 90-day horizons (%,.0f a day)%n",
                rules.size(), expected, expected / 90.0);
        System.out.printf("JVM options: %s%n", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-X")).collect(Collectors.joining(" ")));

        long cpuBefore = processCpuNanos();
        Instant startedAt = Instant.now();
        long started = System.nanoTime();
        // As arguments, which take precedence over the services' own defaults for their infrastructure.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(RuleExpanderApplication.class)
                .run("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(), "--server.port=0");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            long ready = System.nanoTime();
            // End offsets count transaction markers besides records, so they only say when to start counting.
            long deadline = started + PATIENCE.toNanos();
            long lastReport = started;
            Occurrences seen = new Occurrences();
            long cpuWhenAllAppended = -1;
            try (KafkaConsumer<String, byte[]> consumer = consumer(infrastructure.kafkaBootstrapServers())) {
                while (seen.distinct() < expected && System.nanoTime() < deadline) {
                    if (cpuWhenAllAppended < 0 && endOffsets(admin) < expected) {
                        LockSupport.parkNanos(100_000_000L);
                    } else {
                        if (cpuWhenAllAppended < 0) {
                            cpuWhenAllAppended = processCpuNanos();
                        }
                        consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
                    }
                    if (System.nanoTime() - lastReport > 5_000_000_000L) {
                        lastReport = System.nanoTime();
                        System.out.printf("  +%5.1f s: %,d distinct occurrences read%n", (lastReport - started) / 1e9, seen.distinct());
                    }
                }
            }
            double complete = Duration.between(startedAt, seen.lastFirstSeen()).toMillis() / 1e3;
            double readyAfter = (ready - started) / 1e9;
            System.out.printf("service started in %.1f s; the last of the %,d occurrences was appended %.1f s after the start, %.1f s"
                            + " after it was ready (%,.0f occurrences/s); %,d records were appended again; CPU of this JVM (broker,"
                            + " MongoDB, service, and this count): %.1f s on %d cores, of which %.1f s until the last record was"
                            + " appended, before the count began%n",
                    readyAfter, seen.distinct(), complete, complete - readyAfter, seen.distinct() / (complete - readyAfter),
                    seen.repeated(), (processCpuNanos() - cpuBefore) / 1e9, Runtime.getRuntime().availableProcessors(),
                    (cpuWhenAllAppended - cpuBefore) / 1e9);
            assertThat(seen.distinct()).as("distinct occurrences on %s", Topics.OCCURRENCES).isEqualTo(expected);
        }
    }

    /** The occurrences read so far by id (the record's subject), and when the last one first appeared. */
    private static final class Occurrences {

        private final Set<String> ids = new HashSet<>();
        private long repeated;
        private Instant lastFirstSeen = Instant.EPOCH;

        void add(ConsumerRecord<String, byte[]> record) {
            Header subject = record.headers().lastHeader(CloudEventHeaders.SUBJECT);
            if (!ids.add(new String(subject.value(), StandardCharsets.UTF_8))) {
                repeated++;
                return;
            }
            Instant appended = Instant.ofEpochMilli(record.timestamp());
            if (appended.isAfter(lastFirstSeen)) {
                lastFirstSeen = appended;
            }
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

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "cold-start-benchmark");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.OCCURRENCES));
        return consumer;
    }

    /**
     * Seed 000's scale in {@code count} rules: 60 % daily at a minute of their own, 20 % hourly from
     * 08:00 to 18:00 on weekdays, 10 % hourly, 10 % every 30 minutes; zones, calendars and
     * minutes spread by index, and every tenth rule jittered by up to 5 minutes.
     */
    static List<RuleCreated> seedScale(int count, Instant activeFrom) {
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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.RULES, 3, (short) 1), new NewTopic(Topics.OCCURRENCES, 3, (short) 1)))
                    .all().get();
        }
    }

    private static void publish(String bootstrap, List<RuleCreated> rules) throws Exception {
        EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
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

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}

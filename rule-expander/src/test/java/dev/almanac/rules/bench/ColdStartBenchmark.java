package dev.almanac.rules.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
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
 * over the rules, and the benchmark asserts that the topic ends with exactly that many records
 * (none lost, none twice). The service runs with its shipped settings. The broker, MongoDB and
 * the service share this JVM and the machine's cores.
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

        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        // As arguments, which take precedence over the services' own defaults for their infrastructure.
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(RuleExpanderApplication.class)
                .run("--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + infrastructure.mongoConnectionString(), "--server.port=0");
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            long ready = System.nanoTime();
            long published = 0;
            List<String> progress = new ArrayList<>();
            long deadline = started + PATIENCE.toNanos();
            long lastReport = started;
            while (published < expected && System.nanoTime() < deadline) {
                LockSupport.parkNanos(100_000_000L);
                published = endOffsets(admin);
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    progress.add(String.format("  +%5.1f s: %,d", (lastReport - started) / 1e9, published));
                    System.out.println(progress.get(progress.size() - 1));
                }
            }
            long done = System.nanoTime();
            double seconds = (done - started) / 1e9;
            System.out.printf("service started in %.1f s; all %,d occurrences acknowledged %.1f s after the start, %.1f s after"
                            + " it was ready (%,.0f records/s); CPU of this JVM (broker, MongoDB, service): %.1f s on %d cores%n",
                    (ready - started) / 1e9, published, seconds, (done - ready) / 1e9, published / ((done - ready) / 1e9),
                    (processCpuNanos() - cpuBefore) / 1e9, Runtime.getRuntime().availableProcessors());
            assertThat(published).as("records on %s", Topics.OCCURRENCES).isEqualTo(expected);
        }
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

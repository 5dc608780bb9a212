package dev.almanac.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.almanac.dispatch.testing.DispatchLog;
import dev.almanac.dispatch.testing.DispatcherJvm;
import dev.almanac.dispatch.testing.TestTopics;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.embedded.FreePorts;
import dev.almanac.embedded.KafkaBroker;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchMisfired;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 70's dispatch benchmarks, against a real broker and the dispatcher in a JVM of its own (the benchmark's own
 * JVM hosts the broker and the {@code read_committed} reader). Run only when asked:
 * <pre>
 * ./mvnw -B -o -pl dispatcher -am verify -Dtest=NoSuch -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=DispatchBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dalmanac.bench=true \
 *     [-Dalmanac.bench.boundaries=6] [-Dalmanac.bench.minutes=30 -Dalmanac.bench.kill-every=PT3M -Dalmanac.bench.instances=2]
 * </pre>
 * Each prints one line starting {@code BENCH}. Lateness is from an occurrence's {@code due_at} to the reader having it.
 */
@EnabledIfSystemProperty(named = "almanac.bench", matches = "true")
class DispatchBenchmarkIT {

    private static final Logger log = LoggerFactory.getLogger(DispatchBenchmarkIT.class);
    private static final Duration START_PATIENCE = Duration.ofMinutes(4);
    private static final int RULES = 10_000;
    private static final int AT_THE_MINUTE = 1_000;
    private static final int MINUTES_MEASURED = Integer.getInteger("almanac.bench.boundaries", 3);
    private static final List<CalendarId> CALENDARS = Stream.iterate(0, i -> i + 1).limit(50)
            .map(i -> CalendarId.of("cal-bench-" + i)).toList();
    /** No timeout and no retries: the dispatcher follows no run, so the figures are dispatch alone. */
    private static final JobTemplate JOB = new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/hook"), null, null);

    @TempDir
    Path directory;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    /**
     * 10,000 rules: 1,000 due at every minute boundary, 9,000 hourly at instants spread over the hour. Three minute
     * boundaries are measured; every one of their 3,000 occurrences must be read once, and none early.
     */
    @Test
    void aThousandOccurrencesDueAtTheSameSecondAreReadableWithinTheirLatenessGoal() throws Exception {
        try (Bench bench = Bench.start(directory, 1)) {
            List<RuleStory.Step> rules = publishRules(bench.bootstrap, "0 * * * * *");
            Instant loaded = Instant.now();
            Instant first = loaded.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            Instant last = first.plus(Duration.ofMinutes(MINUTES_MEASURED - 1));
            Awaitility.await().atMost(Duration.ofMinutes(MINUTES_MEASURED + 3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> bench.dispatched.latestDue().isAfter(last.plusSeconds(5)));

            List<DispatchLog.Seen> atBoundaries = bench.dispatched.dispatched().stream()
                    .filter(seen -> !seen.due().dueAt().isBefore(first) && !seen.due().dueAt().isAfter(last)
                            && seen.due().dueAt().getEpochSecond() % 60 == 0)
                    .toList();
            long early = bench.dispatched.dispatched().stream().filter(seen -> seen.readAt().isBefore(seen.due().dueAt())).count();
            List<Duration> lateness = atBoundaries.stream().map(DispatchLog.Seen::lateness).toList();
            String line = ("BENCH dispatch lateness: %d rules, %d due at each of %d minute boundaries; %d read; %s; early %d; "
                    + "total dispatched %d")
                    .formatted(rules.size(), AT_THE_MINUTE, MINUTES_MEASURED, atBoundaries.size(), percentiles(lateness), early,
                            bench.dispatched.dispatched().size());
            log.info(line);
            System.out.println(line);
            String perBoundary = atBoundaries.stream()
                    .collect(Collectors.groupingBy(seen -> seen.due().dueAt(), TreeMap::new,
                            Collectors.mapping(DispatchLog.Seen::lateness, Collectors.toList())))
                    .entrySet().stream()
                    .map(boundary -> boundary.getKey() + " " + percentiles(boundary.getValue()))
                    .collect(Collectors.joining("; ", "BENCH dispatch lateness by boundary: ", ""));
            log.info(perBoundary);
            System.out.println(perBoundary);

            assertThat(bench.dispatched.perAttempt()).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1L));
            assertThat(early).as("records readable before their due_at").isZero();
            assertThat(atBoundaries).as("occurrences due at the boundaries, each once").hasSize(AT_THE_MINUTE * MINUTES_MEASURED);
        }
    }

    /**
     * 10,000 rules each due once a minute at instants spread over it, {@code almanac.bench.instances} dispatchers
     * (default 2, so a killed one's partitions move to the other), a {@code kill -9} of one of them in turn every
     * {@code almanac.bench.kill-every} (default 90 s) for {@code almanac.bench.minutes} (default 6), and one broker
     * restart half-way. Every occurrence due is read once per attempt, or lies in a misfire the dispatcher published.
     */
    @Test
    void everyOccurrenceIsDispatchedOnceOrReportedMisfiredThroughKillsAndABrokerRestart() throws Exception {
        Duration total = Duration.ofMinutes(Long.getLong("almanac.bench.minutes", 6));
        Duration killEvery = Duration.parse(System.getProperty("almanac.bench.kill-every", "PT90S"));
        int kills = 0;
        List<RuleStory.Step> rules;
        Bench bench = Bench.start(directory, Integer.getInteger("almanac.bench.instances", 2));
        try {
            rules = publishRules(bench.bootstrap, null);
            Instant began = Instant.now();
            Instant end = began.plus(total);
            boolean brokerRestarted = false;
            while (Instant.now().isBefore(end)) {
                Instant next = Instant.now().plus(killEvery);
                Awaitility.await().atMost(killEvery.plusMinutes(1)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> !Instant.now().isBefore(next));
                if (!brokerRestarted && Instant.now().isAfter(began.plus(total.dividedBy(2)))) {
                    log.info("restart of the broker");
                    bench.restartBroker();
                    brokerRestarted = true;
                } else {
                    log.info("kill -9 of the dispatcher");
                    bench.killAndRestartDispatcher();
                    kills++;
                }
            }
            Instant settled = Instant.now().plusSeconds(10);
            Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !bench.dispatched.latestDue().isBefore(settled));
        } finally {
            bench.close();
        }

        List<DispatchLog.Seen> seen = bench.dispatched.dispatched();
        Map<String, Long> perAttempt = bench.dispatched.perAttempt();
        long doubled = perAttempt.values().stream().filter(count -> count > 1).count();
        Instant cutoff = bench.dispatched.latestDue().minusSeconds(10);
        Set<String> dispatchedIds = seen.stream().map(one -> one.due().occurrenceId().value()).collect(Collectors.toSet());
        long due = 0;
        long misfired = 0;
        List<String> lost = new ArrayList<>();
        for (RuleStory.Step creation : rules) {
            RuleCreated created = (RuleCreated) creation.event();
            RuleTimeline timeline = RuleTimeline.start(created, creation.envelope()).orElseThrow();
            for (TimelineOccurrence occurrence : timeline.startingIn(created.activeFrom(), cutoff)) {
                due++;
                if (!dispatchedIds.contains(occurrence.id().value())) {
                    if (misfired(bench.dispatched.misfired(), created.ruleId(), occurrence)) {
                        misfired++;
                    } else {
                        lost.add(created.ruleId() + "@" + occurrence.start());
                    }
                }
            }
        }
        long early = seen.stream().filter(one -> one.readAt().isBefore(one.due().dueAt())).count();
        String line = ("BENCH exactly once under faults: %d rules, %d dispatchers, %s with a kill -9 every %s (%d kills) "
                + "and one broker restart; "
                + "%d occurrences due, %d dispatched, %d misfired, %d lost, %d doubled, %d early; lateness %s")
                .formatted(rules.size(), bench.dispatchers.length, total, killEvery, kills, due, dispatchedIds.size(), misfired,
                        lost.size(), doubled, early,
                        percentiles(seen.stream().map(DispatchLog.Seen::lateness).toList()));
        log.info(line);
        System.out.println(line);

        assertThat(doubled).as("occurrence attempts read more than once").isZero();
        assertThat(lost).as("occurrences neither dispatched nor reported misfired").isEmpty();
        assertThat(early).as("records readable before their due_at").isZero();
    }

    private List<RuleStory.Step> publishRules(String bootstrap, @Nullable String boundaryCron) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<RuleStory.Step> creations = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < RULES; i++) {
                String cron;
                if (boundaryCron != null) {
                    // 1,000 at every minute's first second; the others hourly, at a second other than a minute's first.
                    cron = i < AT_THE_MINUTE ? boundaryCron : "%d %d * * * *".formatted(1 + i % 59, (i / 59) % 60);
                } else {
                    cron = "%d * * * * *".formatted(i % 60);
                }
                RuleStory rule = RuleStory.of(cron, CALENDARS.get(i % CALENDARS.size())).dialect(CronSyntax.SPRING).job(JOB);
                RuleStory.Step created = rule.created(now);
                creations.add(created);
                producer.send(codec.toRecord(created.envelope(), created.event()));
            }
            producer.flush();
        }
        return creations;
    }

    private static boolean misfired(List<DispatchMisfired> misfires, RuleId ruleId, TimelineOccurrence occurrence) {
        return misfires.stream().anyMatch(misfire -> misfire.ruleId().equals(ruleId) && !occurrence.start().isBefore(misfire.startsFrom())
                && occurrence.start().isBefore(misfire.startsUntil()));
    }

    private static String percentiles(List<Duration> durations) {
        if (durations.isEmpty()) {
            return "no samples";
        }
        List<Duration> sorted = durations.stream().sorted(Comparator.naturalOrder()).toList();
        return "p50 " + sorted.get(sorted.size() / 2).toMillis() + " ms, p99 " + sorted.get(sorted.size() * 99 / 100).toMillis()
                + " ms, max " + sorted.get(sorted.size() - 1).toMillis() + " ms";
    }

    /** The broker, the dispatcher and the reader of one benchmark. */
    private static final class Bench implements AutoCloseable {

        private final Path directory;
        private final int kafkaPort;
        private final int controllerPort;
        private final int[] httpPorts;
        private final String bootstrap;
        private final DispatchLog dispatched;
        private final DispatcherJvm[] dispatchers;
        private KafkaBroker broker;
        private int kills;

        private Bench(Path directory, int kafkaPort, int controllerPort, int[] httpPorts, KafkaBroker broker) throws Exception {
            this.directory = directory;
            this.kafkaPort = kafkaPort;
            this.controllerPort = controllerPort;
            this.httpPorts = httpPorts;
            this.broker = broker;
            this.bootstrap = broker.bootstrapServers();
            TestTopics.createAll(bootstrap, 3);
            this.dispatchers = new DispatcherJvm[httpPorts.length];
            for (int instance = 0; instance < httpPorts.length; instance++) {
                dispatchers[instance] = startDispatcher(instance);
            }
            this.dispatched = new DispatchLog(bootstrap);
        }

        /** @param instances how many dispatchers share the partitions: with two, a killed one's partitions move to the other */
        static Bench start(Path directory, int instances) throws Exception {
            int kafkaPort;
            int controllerPort;
            int[] httpPorts = new int[instances];
            try (FreePorts free = new FreePorts()) {
                kafkaPort = free.orFree(0);
                controllerPort = free.orFree(0);
                for (int instance = 0; instance < instances; instance++) {
                    httpPorts[instance] = free.orFree(0);
                }
            }
            return new Bench(directory, kafkaPort, controllerPort, httpPorts, KafkaBroker.start(directory.resolve("kafka"), kafkaPort,
                    controllerPort));
        }

        private DispatcherJvm startDispatcher(int instance) throws Exception {
            return DispatcherJvm.start(bootstrap, directory.resolve("state-" + instance), httpPorts[instance],
                    directory.resolve("dispatcher-" + instance + ".log")).awaitReady(START_PATIENCE);
        }

        /** Kills the instances in turn, each as {@code kill -9} does, and starts it again on its state directory. */
        void killAndRestartDispatcher() throws Exception {
            int instance = kills++ % dispatchers.length;
            dispatchers[instance].kill();
            dispatchers[instance] = startDispatcher(instance);
        }

        void restartBroker() {
            broker.close();
            broker = KafkaBroker.start(directory.resolve("kafka"), kafkaPort, controllerPort);
        }

        @Override
        public void close() throws Exception {
            for (DispatcherJvm dispatcher : dispatchers) {
                dispatcher.stop();
            }
            dispatched.close();
            broker.close();
        }
    }
}

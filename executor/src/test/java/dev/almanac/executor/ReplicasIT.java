package dev.almanac.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.embedded.FreePorts;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.executor.call.HttpCalls;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.testing.GroupMembers;
import dev.almanac.platform.testing.ServiceJvm;
import dev.almanac.platform.testing.TopicReader;

/**
 * A second executor, a process of its own, shares this test's consumer group (issue 74 part 2): the dispatch topic's
 * partitions are split between the two. The receiver never answers the second one, so it is killed outright with its
 * calls in flight and its batch uncommitted; the survivor takes its partitions once its session expires and runs those
 * dispatches again. Each dispatch then reached the receiver under one delivery id (the only ones that reached it twice
 * are those the victim never got an answer for, as docs/executor.md promises), and each run has one start and one
 * outcome, each under one event id however often it was sent.
 */
@SpringBootTest(classes = ExecutorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ReplicasIT {

    private static final Logger log = LoggerFactory.getLogger(ReplicasIT.class);
    /** A group of this test's own: ExecutorIT's dispatches, to a receiver long gone, stay out of it. */
    private static final String GROUP = "executor-replicas-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SURVIVOR = "executor-survivor";
    private static final String VICTIM = "executor-victim";
    private static final String SECRET = "the-tests-signing-secret";
    private static final Duration START_PATIENCE = Duration.ofMinutes(2);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The victim's own session: the broker's shortest, so the test waits out a few seconds rather than Kafka's 45. */
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final int DISPATCHES = 48;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("spring.kafka.consumer.group-id", () -> GROUP);
        // The group is new: it runs what is dispatched once it has joined (spring-kafka commits that position on assignment,
        // so the survivor of a partition starts where its victim did, not at the end).
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "latest");
        registry.add("almanac.executor.signing-secret", () -> SECRET);
        registry.add("almanac.executor.name", () -> SURVIVOR);
    }

    @TempDir
    Path directory;

    @Autowired
    EventPublisher publisher;

    @Autowired
    EventCodec codec;

    @Test
    void aKilledReplicasPartitionsMoveToTheSurvivorAndEveryDispatchRunsOnceWithOneOutcome() throws Exception {
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.sharedForTests();
        int victimPort;
        try (FreePorts free = new FreePorts()) {
            victimPort = free.orFree(0);
        }
        ServiceJvm victim = null;
        try (Receiver receiver = new Receiver();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
             TopicReader runs = new TopicReader(infrastructure.kafkaBootstrapServers(), Topics.RUNS)) {
            Set<String> survivors = await().atMost(START_PATIENCE).ignoreExceptions()
                    .until(() -> GroupMembers.holding(admin, GROUP, Topics.DISPATCH), members -> members.size() == 1).keySet();
            victim = startVictim(infrastructure, victimPort).awaitReady(START_PATIENCE);
            Map<String, Set<TopicPartition>> split = await().atMost(START_PATIENCE).ignoreExceptions()
                    .until(() -> GroupMembers.holding(admin, GROUP, Topics.DISPATCH), members -> members.size() == 2);
            int partitions = GroupMembers.partitions(split);
            Set<String> victims = split.keySet().stream().filter(member -> !survivors.contains(member)).collect(Collectors.toSet());
            log.info("Partitions of {} split: {}", GROUP, split);

            // Each dispatch on a calendar of its own (the topic's key), so that they spread over every partition.
            String prefix = "replicas-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, OccurrenceDue> byDelivery = new ConcurrentHashMap<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < DISPATCHES; i++) {
                OccurrenceDue due = due(prefix, i, receiver.url());
                EventMetadata envelope = envelope(due);
                byDelivery.put(envelope.id(), due);
                sent.add(publisher.publish(envelope, due));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            // Killed with a batch of calls in flight: started, called, never answered, never committed.
            await().atMost(PATIENCE).until(() -> !receiver.from(VICTIM).isEmpty());
            long killedAt = System.nanoTime();
            victim.kill();
            log.info("Killed the victim with {} calls in flight", receiver.from(VICTIM).size());

            await().atMost(PATIENCE).ignoreExceptions().until(() -> GroupMembers.holding(admin, GROUP, Topics.DISPATCH),
                    members -> members.keySet().stream().noneMatch(victims::contains) && GroupMembers.partitions(members) == partitions);
            long tookOver = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            await().atMost(PATIENCE).until(() -> receiver.answered.keySet().containsAll(byDelivery.keySet()));
            Map<String, List<RunEvent>> reports = await().atMost(PATIENCE).until(() -> reportsByOccurrence(runs, prefix),
                    found -> found.size() == DISPATCHES && found.values().stream().allMatch(events -> events.stream()
                            .anyMatch(RunSucceeded.class::isInstance)));
            log.info("The survivor took all {} partitions of {} over {} ms after the kill (the victim's session {} s)", partitions,
                    GROUP, tookOver, SESSION.toSeconds());

            Set<String> inFlight = receiver.from(VICTIM);
            assertThat(inFlight).as("the victim had dispatches of its partitions in hand").isNotEmpty();
            assertThat(receiver.deliveries()).as("every dispatch reached the receiver, none other").isEqualTo(byDelivery.keySet());
            assertThat(receiver.answered).as("every dispatch answered once, by the survivor")
                    .allSatisfy((delivery, executor) -> assertThat(executor).isEqualTo(SURVIVOR));
            assertThat(receiver.repeated()).as("only the calls the victim never had answered were made again").isEqualTo(inFlight);
            reports.forEach((occurrence, events) -> {
                assertThat(events).as("%s: started, then succeeded", occurrence)
                        .extracting(event -> event.getClass().getSimpleName()).containsOnly("RunStarted", "RunSucceeded");
                assertThat(events.stream().map(RunEvent::runId).distinct()).as("%s: one run", occurrence).hasSize(1);
            });
            List<ConsumerRecord<String, byte[]>> records = runs.polled(ofThisTest(prefix));
            assertThat(eventIds(records, RunStarted.class)).as("one start per run, under one event id").hasSize(DISPATCHES);
            assertThat(eventIds(records, RunSucceeded.class)).as("one outcome per run, under one event id").hasSize(DISPATCHES);
            log.info("{} dispatches run once each; {} calls made again with their delivery ids; {} run reports sent again with"
                    + " their event ids", DISPATCHES, inFlight.size(), records.size() - 2 * DISPATCHES);
        } finally {
            if (victim != null) {
                victim.close();
            }
        }
    }

    private Map<String, List<RunEvent>> reportsByOccurrence(TopicReader runs, String prefix) {
        return runs.polled(ofThisTest(prefix)).stream().map(record -> (RunEvent) codec.fromRecord(record).event())
                .collect(Collectors.groupingBy(RunEvent::entryId));
    }

    private static Predicate<ConsumerRecord<String, byte[]>> ofThisTest(String prefix) {
        return record -> record.key().startsWith(prefix);
    }

    /** The distinct event ids of the reports of one type. */
    private Set<String> eventIds(List<ConsumerRecord<String, byte[]>> records, Class<? extends RunEvent> type) {
        return records.stream().filter(record -> type.isInstance(codec.fromRecord(record).event()))
                .map(record -> TopicReader.header(record, CloudEventHeaders.ID)).collect(Collectors.toSet());
    }

    private static OccurrenceDue due(String prefix, int index, String url) {
        RuleId rule = RuleId.of(prefix + "-rule-" + index);
        Instant now = Instant.now();
        return new OccurrenceDue(OccurrenceId.of(rule, now), rule, 0, CalendarId.of(prefix + "-cal-" + index), "Replicas test", now, now,
                1, DispatchTrigger.SCHEDULED, new JobTemplate(HttpTarget.JOB_TYPE, Map.of("url", url), 5, 60), now, null, null);
    }

    private static EventMetadata envelope(OccurrenceDue due) {
        return new EventMetadata("evt-" + UUID.randomUUID(), "dev.almanac.dispatch.OccurrenceDue.v1", "/almanac/dispatcher",
                due.dueAt(), due.subject(), 1, "planner@example.com", "corr-" + UUID.randomUUID(), null);
    }

    private ServiceJvm startVictim(EmbeddedInfrastructure infrastructure, int port) throws IOException {
        Path log = Files.createDirectories(directory).resolve("victim.log");
        return ServiceJvm.start(ExecutorApplication.class, ServiceJvm.TEST_OPTIONS, port, log, List.of(
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=" + GROUP,
                "--spring.kafka.consumer.auto-offset-reset=latest",
                "--almanac.executor.signing-secret=" + SECRET,
                "--almanac.executor.name=" + VICTIM,
                "--spring.kafka.consumer.properties.session.timeout.ms=" + SESSION.toMillis(),
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1500"));
    }

    /**
     * A team's endpoint: it records each request's delivery id and the executor that made it (its User-Agent), and answers
     * the survivor at once. The victim's requests it holds unanswered until the test ends.
     */
    private static final class Receiver implements AutoCloseable {

        private record Call(String delivery, String executor) {
        }

        private final List<Call> calls = new CopyOnWriteArrayList<>();
        /** The executor whose call was answered, by delivery id. */
        final Map<String, String> answered = new ConcurrentHashMap<>();
        private final CountDownLatch testEnded = new CountDownLatch(1);
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final HttpServer server;

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(threads);
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    Call call = new Call(exchange.getRequestHeaders().getFirst(HttpCalls.DELIVERY),
                            exchange.getRequestHeaders().getFirst("User-Agent"));
                    calls.add(call);
                    if (call.executor().equals(VICTIM)) {
                        testEnded.await();
                        return;
                    }
                    answered.merge(call.delivery(), call.executor(), (first, again) -> first + "," + again);
                    exchange.sendResponseHeaders(200, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        Set<String> from(String executor) {
            return calls.stream().filter(call -> call.executor().equals(executor)).map(Call::delivery).collect(Collectors.toSet());
        }

        Set<String> deliveries() {
            return calls.stream().map(Call::delivery).collect(Collectors.toSet());
        }

        /** The deliveries called more than once. */
        Set<String> repeated() {
            Set<String> once = new HashSet<>();
            return calls.stream().map(Call::delivery).filter(delivery -> !once.add(delivery)).collect(Collectors.toSet());
        }

        @Override
        public void close() {
            testEnded.countDown();
            server.stop(0);
            threads.shutdownNow();
        }
    }
}

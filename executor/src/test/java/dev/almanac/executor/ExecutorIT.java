package dev.almanac.executor;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.almanac.events.EntryKind;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.DispatchTrigger;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.HttpTarget;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.run.RunEvent;
import dev.almanac.events.run.RunFailed;
import dev.almanac.events.run.RunStarted;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.EventPublisher;
import dev.almanac.platform.testing.PrometheusSeries;
import dev.almanac.platform.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executor against the embedded broker, calling its own demo receiver: each due http job is reported started
 * and then succeeded or failed, by a signed request the receiver verified; a job of another type is left alone. Its
 * liveness heartbeat is on, reported on a calendar of its own.
 */
@SpringBootTest(classes = ExecutorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExecutorIT {

    private static final CalendarId OPS = CalendarId.of("cal-executor-it");
    private static final RuleId ALIVE = RuleId.of("rule-executor-it-alive");
    private static final CalendarId ALIVE_QUEUE = CalendarId.of("cal-executor-it-alive");

    @DynamicPropertySource
    static void embeddedInfrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers());
        registry.add("almanac.executor.signing-secret", () -> "the-tests-signing-secret");
        registry.add("almanac.executor.heartbeat.rule-id", ALIVE::value);
        registry.add("almanac.executor.heartbeat.calendar-id", ALIVE_QUEUE::value);
        registry.add("almanac.executor.heartbeat.every", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    @Autowired
    EventCodec codec;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void readinessIncludesItsConsumerOfDueOccurrences() throws Exception {
        java.net.http.HttpResponse<String> readiness = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"kafkaListeners\":{\"status\":\"UP\"}");
    }

    @Test
    void aDueHttpJobIsCalledSignedAndReportedStartedThenSucceeded() throws Exception {
        OccurrenceDue due = dispatch(Map.of("url", receiver(0), "body", Map.of("task", "cleanup")));

        List<RunEvent> reports = reportsOf(due, 2);

        assertThat(reports.get(0)).isInstanceOfSatisfying(RunStarted.class, started -> {
            assertThat(started.attempt()).isEqualTo(1);
            assertThat(started.entryKind()).isEqualTo(EntryKind.OCCURRENCE);
            assertThat(started.calendarId()).isEqualTo(OPS);
        });
        assertThat(reports.get(1)).isInstanceOfSatisfying(RunSucceeded.class, succeeded ->
                assertThat(succeeded.message()).startsWith("HTTP 200"));
    }

    @Test
    void aReceiverThatAnswersWithAnErrorMakesAFailedRunThatSaysWhy() throws Exception {
        OccurrenceDue due = dispatch(Map.of("url", receiver(1)));

        assertThat(reportsOf(due, 2).get(1)).isInstanceOfSatisfying(RunFailed.class, failed ->
                assertThat(failed.message()).startsWith("HTTP 500").contains("the demo fails one attempt in 1"));
    }

    @Test
    void aTargetThatDoesNotAnswerIsAFailedRunAndAJobOfAnotherTypeIsLeftToAnotherExecutor() throws Exception {
        OccurrenceDue unreachable = dispatch(Map.of("url", "http://127.0.0.1:9/nothing-listens-here"));
        OccurrenceDue other = dispatch(new JobTemplate("maintenance_job", Map.of("action", "cleanup"), 5, 30));

        assertThat(reportsOf(unreachable, 2).get(1)).isInstanceOfSatisfying(RunFailed.class, failed ->
                assertThat(failed.message()).startsWith("could not call"));
        try (TopicReader runs = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RUNS)) {
            assertThat(runs.drainFor(Duration.ofSeconds(3), record -> record.key().equals(OPS.value())
                    && decode(record).entryId().equals(other.occurrenceId().value()))).isEmpty();
        }
    }

    @Test
    void itReportsItsOwnLivenessAsRunsOfItsHeartbeatRuleEachSecond() {
        List<RunEvent> beats;
        try (TopicReader runs = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RUNS)) {
            beats = runs.awaitRecords(record -> record.key().equals(ALIVE_QUEUE.value()), 3).stream().map(this::decode).toList();
        }

        assertThat(beats).allSatisfy(beat -> assertThat(beat).isInstanceOfSatisfying(RunSucceeded.class, succeeded -> {
            assertThat(succeeded.entryKind()).isEqualTo(EntryKind.RULE);
            assertThat(succeeded.entryId()).isEqualTo(ALIVE.value());
            assertThat(succeeded.executor()).isEqualTo("almanac-executor");
        }));
        assertThat(beats).extracting(RunEvent::runId).as("each report a run of its own").doesNotHaveDuplicates();
    }

    /**
     * Issue 74's consumer lag on the running service: after a dispatch flowed, the scrape holds one lag series for each
     * partition its listener reads, under the topic's own name only (no {@code almanac_dispatch_v1} beside it), and no
     * series twice. A partition's series appears only once Micrometer looks for new client metrics again, every 60 s
     * after the consumer was made (the per-partition ones exist only after its first fetch): last in the class, so that
     * most of that wait is the other tests'.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void itsConsumerLagIsOneSeriesForEachPartitionItReadsUnderOneTopicLabel() throws Exception {
        reportsOf(dispatch(Map.of("url", receiver(0))), 2);
        Set<TopicPartition> read = listeners.getListenerContainers().stream()
                .flatMap(container -> container.getAssignedPartitions().stream()).collect(Collectors.toSet());
        assertThat(read).extracting(TopicPartition::topic).containsOnly(Topics.DISPATCH);

        List<PrometheusSeries> lag = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> scrape().stream()
                        .filter(series -> series.name().equals("kafka_consumer_fetch_manager_records_lag")).toList(),
                found -> found.stream().map(series -> new TopicPartition(series.label("topic"), Integer.parseInt(series.label("partition"))))
                        .collect(Collectors.toSet()).containsAll(read));

        List<PrometheusSeries> scraped = scrape();
        assertThat(scraped).extracting(PrometheusSeries::key).as("no series twice").doesNotHaveDuplicates();
        assertThat(lag).extracting(series -> series.label("topic")).as("one topic label form").containsOnly(Topics.DISPATCH);
        assertThat(lag).extracting(series -> series.label("topic") + "/" + series.label("partition") + "@" + series.label("client_id"))
                .as("one lag series per partition and client").doesNotHaveDuplicates();
        assertThat(scraped).filteredOn(series -> series.name().startsWith("kafka_") && series.label("topic") != null)
                .extracting(series -> series.label("topic")).as("no Kafka series under the deprecated underscored topic")
                .noneMatch(topic -> topic.startsWith("almanac_"));
    }

    private List<PrometheusSeries> scrape() throws Exception {
        java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        return PrometheusSeries.parse(scrape.body());
    }

    private String receiver(int failOneIn) {
        return "http://127.0.0.1:" + port + "/demo/receiver?fail_one_in=" + failOneIn;
    }

    private OccurrenceDue dispatch(Map<String, Object> payload) throws Exception {
        return dispatch(new JobTemplate(HttpTarget.JOB_TYPE, payload, 5, 10));
    }

    private OccurrenceDue dispatch(JobTemplate template) throws Exception {
        RuleId rule = RuleId.of("rule-" + UUID.randomUUID());
        Instant now = Instant.now();
        OccurrenceDue due = new OccurrenceDue(OccurrenceId.of(rule, now), rule, 0, OPS, "Executor test", now, now, 1,
                DispatchTrigger.SCHEDULED, template, now, null, null);
        EventMetadata envelope = new EventMetadata("evt-" + UUID.randomUUID(), "dev.almanac.dispatch.OccurrenceDue.v1",
                "/almanac/dispatcher", now, due.subject(), 1, "planner@example.com", "corr-" + UUID.randomUUID(), null);
        publisher.publish(envelope, due).get(30, TimeUnit.SECONDS);
        return due;
    }

    private List<RunEvent> reportsOf(OccurrenceDue due, int count) {
        try (TopicReader runs = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RUNS)) {
            return runs.awaitRecords(record -> record.key().equals(OPS.value()) && decode(record).entryId().equals(due.occurrenceId().value()),
                    count).stream().map(this::decode).toList();
        }
    }

    private RunEvent decode(ConsumerRecord<String, byte[]> record) {
        return (RunEvent) codec.fromRecord(record).event();
    }
}

package dev.almanac.rules.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EntryKind;
import dev.almanac.events.Topics;
import dev.almanac.events.catalog.EventCatalog;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.rules.missed.RunReports;
import dev.almanac.rules.rule.RuleStore;
import dev.almanac.rules.testing.ClockAtTheSampleRule;
import dev.almanac.rules.testing.MutableClock;
import dev.almanac.rules.testing.RuleSamples;

/**
 * rule-expander's state dropped and rebuilt from the topics by {@code POST /actuator/rulestate}: the same rule documents
 * and run reports as before, and the occurrences it publishes again are ones it had published, by their {@code ce_id}s,
 * so that every consumer drops them. A consumer group and database of its own, so that the rewind touches no other
 * test's; the context closes after the class, so that its listeners read nothing of the tests after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"almanac.rules.horizon-advance-interval=PT1H", "almanac.rules.missed.check-interval=PT1H",
                "spring.kafka.consumer.group-id=rule-expander-rebuild-it", "spring.mongodb.database=almanac_rule_expander_rebuild_it"})
@DirtiesContext
@Import(ClockAtTheSampleRule.class)
class RuleStateRebuildIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Instant NOW = ClockAtTheSampleRule.START;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ClockAtTheSampleRule.sharedInfrastructure(registry);
    }

    private static TopicReader occurrences;

    @BeforeAll
    static void readOccurrences() {
        occurrences = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.OCCURRENCES);
    }

    @AfterAll
    static void stopReading() {
        occurrences.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, byte[]> template;

    @Autowired
    EventCodec codec;

    @Autowired
    MongoDatabase database;

    @Test
    void aDroppedStateIsRebuiltFromTheTopicsWithTheSameRulesAndRunsAndNoOccurrenceItHadNotPublished() {
        String calendar = "cal-rebuild-" + UUID.randomUUID().toString().substring(0, 8);
        RuleCreated kept = RuleSamples.onCalendar(RuleSamples.nightly("rule-rebuild-kept-" + calendar), calendar);
        RuleCreated deleted = RuleSamples.onCalendar(RuleSamples.nightly("rule-rebuild-deleted-" + calendar), calendar);
        send(codec.toRecord(RuleSamples.envelope(kept), kept));
        send(codec.toRecord(RuleSamples.envelope(deleted), deleted));
        send(codec.toRecord(RuleSamples.envelope(new RuleDeleted(deleted.ruleId(), NOW), 1, NOW), new RuleDeleted(deleted.ruleId(), NOW)));
        OccurrenceMaterialized first = (OccurrenceMaterialized) codec.fromRecord(
                occurrences.awaitRecords(record -> calendar.equals(record.key()) && isMaterialisedOf(record, kept), 1).get(0)).event();
        send(report(kept, first, "run-" + calendar));
        List<String> ruleIds = List.of(kept.ruleId().value(), deleted.ruleId().value());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(documents(RuleStore.COLLECTION, ruleIds)).hasSize(2)
                    .allSatisfy(rule -> assertThat(rule.getBoolean("retraction_pending", false)).isFalse());
            assertThat(documents(RunReports.COLLECTION, List.of(first.occurrenceId().value()))).hasSize(1);
        });
        List<Document> rulesBefore = documents(RuleStore.COLLECTION, ruleIds);
        List<Document> runsBefore = documents(RunReports.COLLECTION, List.of(first.occurrenceId().value()));
        List<ConsumerRecord<String, byte[]>> before = occurrences.drainFor(Duration.ofSeconds(2), TopicReader.keyed(calendar));
        Set<String> publishedBefore = ids(before);
        assertThat(publishedBefore).hasSizeGreaterThanOrEqualTo(90);

        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofMinutes(5)).build();
        JsonNode report = client.post().uri("/actuator/rulestate").contentType(org.springframework.http.MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(report).isNotNull();
        assertThat(report.path("rules").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(report.path("runs").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.path("records").has(Topics.RULES) && report.path("records").has(Topics.RUNS)
                && report.path("records").has(Topics.DISPATCH)).as("records by topic: %s", report).isTrue();
        org.slf4j.LoggerFactory.getLogger(RuleStateRebuildIT.class).info("Rebuild of rule-expander's state: {}", report);
        assertThat(documents(RuleStore.COLLECTION, ruleIds)).isEqualTo(rulesBefore);
        assertThat(documents(RunReports.COLLECTION, List.of(first.occurrenceId().value()))).isEqualTo(runsBefore);
        List<ConsumerRecord<String, byte[]>> after = occurrences.drainFor(Duration.ofSeconds(3), TopicReader.keyed(calendar));
        List<ConsumerRecord<String, byte[]>> republished = after.subList(before.size(), after.size());
        assertThat(republished).as("the rules' occurrences published again").hasSizeGreaterThanOrEqualTo(90);
        assertThat(ids(republished)).as("only occurrences published before, under the same ids").isSubsetOf(publishedBefore);
        assertThat(ids(after)).isEqualTo(publishedBefore);
    }

    private static boolean isMaterialisedOf(ConsumerRecord<String, byte[]> record, RuleCreated rule) {
        return EventCatalog.of(OccurrenceMaterialized.class).ceType().equals(TopicReader.header(record, CloudEventHeaders.TYPE))
                && new String(record.value(), java.nio.charset.StandardCharsets.UTF_8).contains(rule.ruleId().value());
    }

    private static Set<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(TopicReader.header(record, CloudEventHeaders.ID)));
        return ids;
    }

    private List<Document> documents(String collection, List<String> ids) {
        return Flux.from(database.getCollection(collection).find(Filters.in("_id", ids)).sort(new Document("_id", 1)))
                .collectList().block(PATIENCE);
    }

    private org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> report(RuleCreated rule, OccurrenceMaterialized occurrence,
                                                                                    String runId) {
        RunSucceeded succeeded = new RunSucceeded(RunId.of(runId), rule.calendarId(), EntryKind.OCCURRENCE, occurrence.occurrenceId().value(), 1,
                occurrence.resolvedAt(), "billing-sync", null);
        return codec.toRecord(new EventMetadata("evt-" + runId, EventCatalog.of(succeeded).ceType(), "/billing", occurrence.resolvedAt(),
                succeeded.subject(), 0, "billing-sync", "corr-" + runId, null), succeeded);
    }

    private void send(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        template.send(record).join();
    }
}

package dev.almanac.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.PoisonMessageException;
import dev.almanac.platform.openapi.OpenApiSnapshot;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.query.entry.Entries;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.query.support.Received;

/** Records published to the topics become visible through the HTTP API. */
class ProjectionToApiIT extends EmbeddedQueryService {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    MongoDatabase database;

    @Test
    void itemsAndOccurrencesShowInTheCalendarsEntriesAndInAWindowShapedLikeTheSeed() {
        String calendar = unique("cal");
        ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting", Instant.parse("2026-11-01T05:30:00Z"), Duration.ofHours(1));
        // A rule whose occurrence of 1 November is computed from it (ADR 0068); rule-expander's record of it changes nothing.
        RuleCreated rule = RecurringRules.rule(unique("rule"), calendar, "30 6 * * *", ZoneId.of("UTC"), Instant.parse("2026-10-31T12:00:00Z"), 0);
        OccurrenceMaterialized occurrence = RecurringRules.materialised(rule, 0, Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z")).get(0);
        publish(ReadModelFixture.calendar(calendar, NEW_YORK), 0);
        publish(item, 0);
        publish(rule, 0);
        publish(occurrence, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/entries?from=2026-11-01T00:00:00Z&till=2026-11-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.entries[0].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[0].local_start").isEqualTo("2026-11-01T01:30:00-04:00")
                .jsonPath("$.entries[1].id").isEqualTo(occurrence.occurrenceId().value())
                .jsonPath("$.entries[1].source").isEqualTo("recurring_rule")
                .jsonPath("$.entries[1].local_start").isEqualTo("2026-11-01T01:30:00-05:00"));

        byte[] window = client.get()
                .uri("/api/v1/schedules/window?from=2026-11-01T04:00:00Z&till=2026-11-01T08:00:00Z&timezone=America/New_York"
                        + "&granularity=hour&queue={calendar}", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.buckets.length()").isEqualTo(4)
                .jsonPath("$.buckets[1].local_time").isEqualTo("2026-11-01T01:00:00-04:00")
                .jsonPath("$.buckets[1].job_count").isEqualTo(1)
                .jsonPath("$.buckets[2].local_time").isEqualTo("2026-11-01T01:00:00-05:00")
                .jsonPath("$.buckets[2].job_count").isEqualTo(1)
                .jsonPath("$.summary.total_jobs").isEqualTo(2)
                .returnResult().getResponseBody();
        assertThat(JsonSchemas.f033Errors("ScheduleWindow", new String(window, StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void calendarsAndConflictsFollowTheirTopics() {
        String calendar = unique("cal");
        ConflictDetected detected = conflict(calendar);
        publish(ReadModelFixture.calendar(calendar, NEW_YORK), 0);
        publish(detected, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/conflicts?calendar_id={id}", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts[0].id").isEqualTo(detected.conflictId().value())
                .jsonPath("$.conflicts[0].status").isEqualTo("detected"));
        client.get().uri("/api/v1/calendars/{id}", calendar).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.timezone").isEqualTo("America/New_York");

        publish(new ConflictCleared(detected.conflictId(), detected.calendarId(), "entries no longer overlap"), 1);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/conflicts/{id}", detected.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("cleared")
                .jsonPath("$.version").isEqualTo(1));
    }

    /** What the Location headers of command-service's creations point at, answered once the records are projected. */
    @Test
    void anItemAndARuleCanBeReadByTheirIds() {
        String calendar = unique("cal");
        ItemScheduled item = ReadModelFixture.item(unique("item"), calendar, "meeting", Instant.parse("2026-11-03T10:00:00Z"), Duration.ofHours(1));
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated rule = new RuleCreated(RuleId.of(unique("rule")), sample.name(), sample.cron(), sample.timezone(),
                CalendarId.of(calendar), sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(),
                sample.options(), sample.metadata());
        publish(ReadModelFixture.calendar(calendar, NEW_YORK), 0);
        publish(item, 0);
        publish(rule, 0);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/schedules/{id}", item.itemId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(calendar)
                .jsonPath("$.title").isEqualTo(item.title()));
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/api/v1/schedules/rules/{id}", rule.ruleId().value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.queue").isEqualTo(calendar)
                .jsonPath("$.cron").isEqualTo(rule.cron()));
    }

    /**
     * The poison record is on {@code almanac.schedule.v1.DLT}, byte for byte, with the offset it had
     * and the reason it could not be applied; the record behind it on the same partition is applied.
     */
    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndTheRecordsBehindItStillArrive() throws Exception {
        String calendar = unique("cal");
        ItemScheduled good = ReadModelFixture.item(unique("item"), calendar, "meeting", Instant.parse("2026-11-02T10:00:00Z"), Duration.ofHours(1));
        ProducerRecord<String, byte[]> valid = codec.toRecord(Received.metadata(good, 0, Received.TIME), good);
        byte[] poison = "{\"item_id\": 42".getBytes(StandardCharsets.UTF_8);
        try (TopicReader deadLetters = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(),
                Topics.deadLetter(Topics.SCHEDULE))) {
            long poisonOffset = kafka.send(new ProducerRecord<>(Topics.SCHEDULE, null, good.partitionKey(), poison, valid.headers()))
                    .get(10, TimeUnit.SECONDS).getRecordMetadata().offset();
            publish(ReadModelFixture.calendar(calendar, NEW_YORK), 0);
            publish(good, 0);

            await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                    .uri("/api/v1/calendars/{id}/entries?from=2026-11-02T00:00:00Z&till=2026-11-03T00:00:00Z", calendar)
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.entries[0].id").isEqualTo(good.itemId().value()));
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.awaitRecords(TopicReader.keyed(good.partitionKey()), 1);

            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(poison);
                assertThat(TopicReader.header(record, "kafka_dlt-original-topic")).isEqualTo(Topics.SCHEDULE);
                assertThat(ByteBuffer.wrap(record.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                        .isEqualTo(poisonOffset);
                assertThat(TopicReader.header(record, "kafka_dlt-exception-message"))
                        .contains("value is not a valid dev.almanac.schedule.ItemScheduled.v1");
                assertThat(TopicReader.header(record, "almanac_dlt-exception-causes")).contains(PoisonMessageException.class.getName());
            });
        }
    }

    @Test
    void documentsTheWireFormatReportsHealthyAndCreatedTheIndexesAtStartup() {
        // springdoc builds the document on its first request: 23 s on a shared 2-core machine at load 17, 0.1 s after.
        String apiDocs = client.mutate().responseTimeout(Duration.ofSeconds(60)).build().get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        // Every path as a client reads it: a refactoring of controllers or their annotations leaves it as it was.
        List<String> paths = new ArrayList<>();
        JsonMapper.builder().build().readTree(apiDocs).path("paths").properties().forEach(path -> paths.add(path.getKey()));
        OpenApiSnapshot.assertPathsMatch(apiDocs, "query-service", paths.toArray(String[]::new));
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/schedules/window'].get").exists()
                // The controller also reads the request's headers (gzip, If-None-Match): no parameter of the contract.
                .jsonPath("$.paths['/api/v1/schedules/window'].get.parameters[*].name")
                .isEqualTo(List.of("from", "till", "queue", "timezone", "granularity", "type", "tag", "priority", "consistency_token"))
                .jsonPath("$.paths['/api/v1/schedules/window'].get.responses['200'].content.*.schema['$ref']")
                .isEqualTo(List.of("#/components/schemas/ScheduleWindow"))
                .jsonPath("$.paths['/api/v1/calendars/{id}/entries'].get").exists()
                // A calendar the caller has no role on reads as one that does not exist (ADR 0086): no 403 for reads of it;
                // the grants read, which needs a manager, says its own 403.
                .jsonPath("$.paths['/api/v1/calendars/{id}/monthly'].get.responses['403']").doesNotExist()
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.ics'].get.responses['403']").doesNotExist()
                .jsonPath("$.paths['/api/v1/calendars/{id}/monthly'].get.responses['404'].description")
                .isEqualTo("No calendar has this id, or the caller has no role on it: the same answer (ADR 0086)")
                .jsonPath("$.paths['/api/v1/calendars/{id}/monthly'].get.responses['404'].content['application/problem+json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ProblemDetail")
                .jsonPath("$.paths['/api/v1/calendars/{id}/grants'].get.responses['403'].description")
                .isEqualTo("The caller does not manage the calendar")
                .jsonPath("$.paths['/api/v1/calendars'].get.responses['403']").doesNotExist()
                // The export's window is optional, so that a subscription URL needs no parameters.
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.ics'].get.parameters[?(@.in == 'query')].name")
                .isEqualTo(List.of("from", "till", "rules", "consistency_token"))
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.ics'].get.parameters[?(@.in == 'query')].required")
                .isEqualTo(List.of(false, false, false, false))
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.ics'].get.responses['200'].content['text/calendar']").exists()
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.ics'].get.responses['400'].content['application/problem+json']")
                .exists()
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.csv'].get.parameters[?(@.in == 'query')].name")
                .isEqualTo(List.of("from", "till", "consistency_token"))
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.csv'].get.parameters[?(@.in == 'query')].required")
                .isEqualTo(List.of(false, false, false))
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.csv'].get.responses['200'].content['text/csv']").exists()
                .jsonPath("$.paths['/api/v1/calendars/{id}/export.csv'].get.responses['400'].content['application/problem+json']")
                .exists()
                // The ops feed's parameters are all optional: without any it answers the week holding now.
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.parameters[?(@.in == 'query')].name")
                .isEqualTo(List.of("start", "end", "timezone", "view", "owner", "source", "status", "calendar_id", "limit", "cursor",
                        "consistency_token"))
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.parameters[?(@.in == 'query' && @.required == true)]").isEmpty()
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.parameters[?(@.name == 'source')].schema.items.enum")
                .isEqualTo(List.of(List.of("cron", "rrule", "item", "heartbeat")))
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.responses['200'].content.*.schema['$ref']")
                .isEqualTo(List.of("#/components/schemas/OpsCalendarEvents"))
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.responses['400'].content['application/problem+json']").exists()
                // A calendar the caller has no role on is answered as unknown (ADR 0086): the ops feed filtered by one is
                // empty, the detailed day and the stream answer 404, none of them 403.
                .jsonPath("$.paths['/api/v1/ops/calendar/events'].get.responses['403']").doesNotExist()
                .jsonPath("$.paths['/api/v1/schedules/detailed'].get.responses['403']").doesNotExist()
                .jsonPath("$.paths['/api/v1/schedules/detailed'].get.responses['404'].content['application/problem+json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ProblemDetail")
                .jsonPath("$.paths['/api/v1/stream'].get.responses['403']").doesNotExist()
                .jsonPath("$.paths['/api/v1/stream'].get.responses['404'].content['application/problem+json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ProblemDetail")
                .jsonPath("$.components.schemas.OpsEvent.properties.scheduled_at_local").exists()
                .jsonPath("$.components.schemas.OpsEvent.properties.status.enum")
                .isEqualTo(List.of("scheduled", "running", "success", "failed", "missed", "paused", "disabled", "dispatched", "buffered",
                        "skipped", "timed_out", "retry_scheduled", "retries_exhausted"))
                .jsonPath("$.components.schemas.CalendarEntry.properties.dispatch['$ref']").isEqualTo("#/components/schemas/Dispatch")
                .jsonPath("$.components.schemas.Dispatch.properties.decision.enum")
                .isEqualTo(List.of("buffered", "skipped", "dispatched", "timed_out", "retry_scheduled", "retries_exhausted"))
                .jsonPath("$.paths['/api/v1/calendars'].get").exists()
                .jsonPath("$.paths['/api/v1/calendars/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/conflicts'].get").exists()
                .jsonPath("$.paths['/api/v1/conflicts/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/schedules/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/schedules/rules/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/resources/{id}'].get").exists()
                .jsonPath("$.paths['/api/v1/resources/{id}/availability/slots'].get").exists()
                .jsonPath("$.paths['/api/v1/resources/availability/check-multiple'].post").exists()
                .jsonPath("$.components.schemas.RecurringRule.properties.job_template").exists()
                .jsonPath("$.components.schemas.TimeBucket.properties.local_time").exists()
                .jsonPath("$.components.schemas.TimeBucket.properties.localTime").doesNotExist()
                .jsonPath("$.components.schemas.ScheduleWindowSpec.properties.granularity.enum").isEqualTo(List.of("hour", "day", "week"));
        // Ready once every listener read its partitions to their ends as of the start, transaction markers included.
        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.readModels.status").isEqualTo("UP")
                .jsonPath("$.components.mongo.status").isEqualTo("UP")
                .jsonPath("$.components.kafkaListeners.status").isEqualTo("UP"));
        client.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");

        List<String> indexes = Flux.from(database.getCollection(Entries.COLLECTION).listIndexes())
                .map(index -> ((Document) index).getString("name"))
                .collectList()
                .block(Duration.ofSeconds(5));
        assertThat(indexes).contains("lock_1");
    }


    private static ConflictDetected conflict(String calendar) {
        ConflictDetected sample = EventSamples.conflictDetected();
        return new ConflictDetected(ConflictId.of(calendar + "-conflict"), CalendarId.of(calendar), sample.type(), sample.level(),
                sample.start(), sample.end(), sample.capacity(), sample.peakConcurrency(), List.copyOf(sample.entries()));
    }
}

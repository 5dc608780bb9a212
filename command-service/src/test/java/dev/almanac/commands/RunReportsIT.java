package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.EntryKind;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicReader;

/** Issue 8's run reports: executors report over HTTP, and the reports land on almanac.runs.v1. */
@CommandServiceIntegrationTest
class RunReportsIT {

    private static final Instant EARLIER = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private static TopicReader runs;

    @BeforeAll
    static void readers() {
        runs = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RUNS);
    }

    @AfterAll
    static void closeReaders() {
        runs.close();
    }

    @Autowired
    WebTestClient client;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aStartedAndFinishedRunReachesKafkaKeyedByItsCalendarAndARepeatChangesNothing() {
        String calendarId = createCalendar();
        String occurrence = "occ-" + UUID.randomUUID();
        String runId = RunId.of(EntryKind.OCCURRENCE, occurrence, 1).value();

        report(calendarId, occurrence, Map.of("status", "started", "at", EARLIER.toString(), "executor", "worker-7"))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().exists("Almanac-Consistency-Token")
                .expectBody().jsonPath("$.run_id").isEqualTo(runId);
        report(calendarId, occurrence, Map.of("status", "succeeded", "at", EARLIER.plusSeconds(90).toString(), "message", "ok"))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        report(calendarId, occurrence, Map.of("status", "succeeded", "at", EARLIER.plusSeconds(90).toString(), "message", "ok"))
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        report(calendarId, occurrence, Map.of("status", "failed", "at", EARLIER.plusSeconds(95).toString()))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("finished");

        List<ConsumerRecord<String, byte[]>> records = runs.awaitRecords(TopicReader.keyed(calendarId), 2);
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                .containsExactly("dev.almanac.run.RunStarted.v1", "dev.almanac.run.RunSucceeded.v1");
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.SUBJECT)).containsOnly(runId);
        assertThat(codec.fromRecord(records.get(1)).event()).isEqualTo(new RunSucceeded(RunId.of(runId),
                dev.almanac.events.calendar.CalendarId.of(calendarId), EntryKind.OCCURRENCE, occurrence, 1,
                EARLIER.plusSeconds(90), null, "ok"));
    }

    @Test
    void aReportIsRefusedNamingWhatIsWrongWithIt() {
        String calendarId = createCalendar();
        String item = "item-" + UUID.randomUUID();

        report(calendarId, item, Map.of("status", "started", "at", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("at").jsonPath("$.errors[0].rule").isEqualTo("future");
        report("cal-" + UUID.randomUUID(), item, Map.of("status", "started", "at", EARLIER.toString()))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id");
        report(calendarId, item, Map.of("status", "started", "at", EARLIER.toString())).expectStatus().isOk();
        report(calendarId, item, Map.of("status", "failed", "at", EARLIER.minusSeconds(1).toString()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("order");
        report(calendarId, item, Map.of("status", "started", "at", EARLIER.plusSeconds(1).toString()))
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("started");
        report(calendarId, item, Map.of("status", "done", "at", EARLIER.toString()))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
    }

    private WebTestClient.ResponseSpec report(String calendarId, String entryId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("calendar_id", calendarId,
                "entry_kind", entryId.startsWith("occ-") ? "occurrence" : "item", "entry_id", entryId));
        body.putAll(fields);
        return client.post().uri("/api/v1/runs").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String createCalendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Jobs", "type", "queue", "timezone", "UTC", "capacity", 10))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }
}

package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.audit.CommandRefused;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.TopicReader;

/**
 * Commands the domain refuses are recorded on almanac.audit.v1 through the event store and the relay (ADR 0081): a
 * capacity refusal and a stale If-Match, each with the problem its caller got, the caller and the refused command as cause.
 * Input refused before the domain is not.
 */
@CommandServiceIntegrationTest
class RefusalsIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private TopicReader audit;

    /** Once the service has started, and with it created its topics: a reader of a topic not there yet may not see it for minutes. */
    @BeforeEach
    void reader() {
        audit = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.AUDIT);
    }

    @AfterEach
    void closeReader() {
        audit.close();
    }

    @Autowired
    WebTestClient client;


    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aCapacityRefusalAndAStaleIfMatchAreRecordedWithTheirProblemTypeAndCaller() {
        String calendar = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", calendar, "name", "Room", "type", "venue", "timezone", "UTC", "capacity", 1, "overbooking_policy", "block"))
                .exchange().expectStatus().isCreated();
        String first = "item-" + UUID.randomUUID();
        schedule(first, calendar, NEXT_WEEK).expectStatus().isCreated();
        String second = "item-" + UUID.randomUUID();
        schedule(second, calendar, NEXT_WEEK.plus(1, ChronoUnit.HOURS)).expectStatus().isEqualTo(HttpStatus.CONFLICT);
        // By the item's own scheduler: another user would learn only that the role is missing (403), If-Match or not.
        client.post().uri("/api/v1/schedules/{id}/cancel", first).header("If-Match", "\"7\"")
                .header("X-Correlation-Id", "corr-refusals").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "no longer needed")).exchange().expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);

        ReceivedEvent capacity = codec.fromRecord(audit.awaitRecords(TopicReader.keyed(second), 1).get(0));
        CommandRefused full = (CommandRefused) capacity.event();
        assertThat(full.command()).isEqualTo("ScheduleItem");
        assertThat(full.calendarId()).isEqualTo(calendar);
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.problemType()).isEqualTo(ProblemTypes.CONFLICT);
        assertThat(full.violations()).extracting(CommandRefused.Violation::rule).contains("SCH-023");
        assertThat(capacity.metadata().causationId()).isNotBlank();

        ConsumerRecord<String, byte[]> staleRecord = audit.awaitRecords(TopicReader.keyed(first), 1).get(0);
        ReceivedEvent stale = codec.fromRecord(staleRecord);
        CommandRefused precondition = (CommandRefused) stale.event();
        assertThat(precondition.status()).isEqualTo(412);
        assertThat(precondition.problemType()).isEqualTo(ProblemTypes.PRECONDITION_FAILED);
        assertThat(precondition.targetId()).isEqualTo(first);
        assertThat(precondition.reason()).isEqualTo("no longer needed");
        assertThat(stale.metadata().actor()).isEqualTo("developer");
        assertThat(stale.metadata().correlationId()).isEqualTo("corr-refusals");

        // Bad input never reached the domain: nothing is recorded.
        String malformed = "item-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", malformed, "calendar_id", calendar, "title", "x", "type", "meeting", "start", "tomorrow"))
                .exchange().expectStatus().isBadRequest();
        assertThat(audit.drainFor(java.time.Duration.ofSeconds(1), TopicReader.keyed(malformed))).isEmpty();
    }

    private WebTestClient.ResponseSpec schedule(String id, String calendar, Instant start) {
        return client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "calendar_id", calendar, "title", "Review", "type", "meeting", "start", start.toString(),
                        "end", start.plus(2, ChronoUnit.HOURS).toString(), "timezone", "UTC"))
                .exchange();
    }
}

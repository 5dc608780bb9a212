package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.testing.TopicReader;

/** A calendar's notification policy, set by its managers only, through HTTP, the event store and the relay (issue 71). */
@CommandServiceIntegrationTest
class CalendarNotificationPolicyIT {

    private static final String USER = "X-Almanac-User";
    private static final String PATH = "/api/v1/calendars/{id}/notification-policy";
    private static TopicReader policies;

    @BeforeAll
    static void reader() {
        policies = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.NOTIFICATION_POLICIES);
    }

    @AfterAll
    static void closeReader() {
        policies.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());
    private String calendar;

    @BeforeEach
    void aCalendarWithAManagerAndAViewer() {
        calendar = new ScheduleClient(client, jdbc, eventStore).createCalendar(5, "allow");
        client.post().uri("/api/v1/calendars/{id}/grants", calendar).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", "alice", "role", "manager")).exchange().expectStatus().isOk();
        client.post().uri("/api/v1/calendars/{id}/grants", calendar).header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("user_id", "vic", "role", "viewer")).exchange().expectStatus().isOk();
    }

    @Test
    void aManagerSetsItVersionedAndPublishedKeyedByTheCalendar() {
        put("alice", Map.of("suppress", List.of("low"), "reason", "warnings are read in the console"), null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(calendar)
                .jsonPath("$.suppress[0]").isEqualTo("low")
                .jsonPath("$.version").isEqualTo(0);
        ConsumerRecord<String, byte[]> record = policies.awaitRecords(TopicReader.keyed(calendar), 1).get(0);
        CalendarNotificationPolicySet set = (CalendarNotificationPolicySet) codec.fromRecord(record).event();
        assertThat(set.suppress()).containsExactly(NotificationCategory.LOW);
        assertThat(set.reason()).isEqualTo("warnings are read in the console");

        // The same policy again changes nothing; a change with a stale If-Match is refused; [] lifts it.
        put("alice", Map.of("suppress", List.of("low")), null).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"");
        put("alice", Map.of("suppress", List.of("normal", "low")), "\"0\"").expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        put("alice", Map.of("suppress", List.of()), "\"0\"").expectStatus().isEqualTo(412);
        put("alice", Map.of("suppress", List.of()), "\"1\"").expectStatus().isOk().expectBody().jsonPath("$.suppress").isEmpty();
        assertThat(policies.awaitRecords(TopicReader.keyed(calendar), 3)).hasSize(3);
    }

    @Test
    void onlyAManagerMayAndAnUnknownOrHiddenCalendarIs404() {
        expect(put("vic", Map.of("suppress", List.of("low")), null), HttpStatus.FORBIDDEN, "id", "role");
        // carol has no role on it: the calendar is hidden from her, answered as one that does not exist (ADR 0086).
        put("carol", Map.of("suppress", List.of("low")), null).expectStatus().isNotFound();
        client.put().uri(PATH, "no-such-calendar").header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("suppress", List.of("low"))).exchange().expectStatus().isNotFound();
        assertThat(policies.drainFor(Duration.ofSeconds(1), TopicReader.keyed(calendar))).isEmpty();
    }

    @Test
    void criticalIsNeverSuppressedForEveryoneAndEveryBadFieldIsNamed() {
        put("alice", Map.of("suppress", List.of("critical", "urgent", "low", "low"), "reason", "x".repeat(300)), null)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'suppress[0]')].rule").isEqualTo("critical_always_alerts")
                .jsonPath("$.errors[?(@.field == 'suppress[1]')].rule").isEqualTo("category")
                .jsonPath("$.errors[?(@.field == 'suppress[3]')].rule").isEqualTo("unique")
                .jsonPath("$.errors[?(@.field == 'reason')].rule").isEqualTo("size");
        expect(put("alice", Map.of(), null), HttpStatus.BAD_REQUEST, "suppress", "required");
        assertThat(policies.drainFor(Duration.ofSeconds(1), TopicReader.keyed(calendar))).isEmpty();
    }

    private WebTestClient.ResponseSpec put(String user, Map<String, Object> body, String ifMatch) {
        WebTestClient.RequestBodySpec request = client.put().uri(PATH, calendar).header(USER, user).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(body).exchange();
    }

    private static void expect(WebTestClient.ResponseSpec response, HttpStatus status, String field, String rule) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}

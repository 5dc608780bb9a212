package dev.almanac.commands.repair;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.testing.TopicReader;

/**
 * {@code POST /actuator/republish} on the real event store and broker: the stored events of a range, or of one
 * aggregate, are sent again exactly as the relay sent them (key, value, every header), so consumers, which apply by
 * version, hold nothing twice (RepublishedRecordsIT in query-service shows it of the read models).
 */
@CommandServiceIntegrationTest
class RepublishIT {

    private static TopicReader calendars;

    @BeforeAll
    static void readCalendars() {
        calendars = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.CALENDARS);
    }

    @AfterAll
    static void stopReading() {
        calendars.close();
    }

    @Autowired
    WebTestClient client;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRangeOfTheStoreIsSentAgainAsTheRelaySentIt() {
        String first = createCalendar();
        String second = createCalendar();
        calendars.awaitRecords(record -> isOf(record, first, second), 2);
        List<ConsumerRecord<String, byte[]>> relayed = calendars.drainFor(Duration.ofSeconds(1), record -> isOf(record, first, second));
        long from = jdbc.queryForObject("SELECT min(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "calendar:" + first);
        long to = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                "calendar:" + second);

        Report report = republish(Map.of("fromSequence", from, "toSequence", to));

        assertThat(report.published()).isEqualTo(report.read() - report.notRelayed()).isEqualTo(relayed.size());
        assertThat(report.firstSequence()).isEqualTo(from);
        assertThat(report.lastSequence()).isEqualTo(to);
        List<ConsumerRecord<String, byte[]>> twice = calendars.awaitRecords(record -> isOf(record, first, second), 2 * relayed.size());
        assertThat(twice).hasSize(2 * relayed.size());
        assertSameRecords(twice.subList(relayed.size(), twice.size()), relayed);
    }

    @Test
    void oneAggregatesEventsAreSentAgainAndADryRunSendsNothing() {
        String calendar = createCalendar();
        calendars.awaitRecords(record -> isOf(record, calendar), 1);
        List<ConsumerRecord<String, byte[]>> relayed = calendars.drainFor(Duration.ofSeconds(1), record -> isOf(record, calendar));

        Report dryRun = republish(Map.of("aggregateId", "calendar:" + calendar, "dryRun", true));
        assertThat(dryRun.read() - dryRun.notRelayed()).isEqualTo(relayed.size());
        assertThat(dryRun.published()).isZero();
        assertThat(calendars.drainFor(Duration.ofSeconds(1), record -> isOf(record, calendar))).hasSameSizeAs(relayed);

        Report report = republish(Map.of("aggregateId", "calendar:" + calendar));
        assertThat(report.published()).isEqualTo(relayed.size());
        List<ConsumerRecord<String, byte[]>> twice = calendars.awaitRecords(record -> isOf(record, calendar), 2 * relayed.size());
        assertSameRecords(twice.subList(relayed.size(), twice.size()), relayed);
    }

    @Test
    void aRangeThatIsMissingOrBackwardsIsRefusedNamingTheField() {
        client.post().uri("/actuator/republish?dryRun=true").contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).contains("fromSequence, from or aggregateId"));
        client.post().uri("/actuator/republish?fromSequence=5&toSequence=2").contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).contains("toSequence: must not be below fromSequence"));
        client.post().uri("/actuator/republish?from=yesterday").contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).contains("from: must be an ISO-8601 instant"));
    }

    /**
     * The range as query parameters, as the runbook's curl sends it: the actuator reads a JSON body as strings only, and
     * refuses a POST without a JSON content type (415) even when it has no body.
     */
    private Report republish(Map<String, Object> range) {
        JsonNode answer = client.post().uri(uri -> {
                    range.forEach((name, value) -> uri.queryParam(name, value));
                    return uri.path("/actuator/republish").build();
                })
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(answer).isNotNull();
        return new Report(answer.path("read").asLong(), answer.path("published").asLong(), answer.path("not_relayed").asLong(),
                answer.path("first_sequence").isNumber() ? answer.path("first_sequence").asLong() : null,
                answer.path("last_sequence").isNumber() ? answer.path("last_sequence").asLong() : null);
    }

    /** The answer's fields, which the services' JSON names in snake_case. */
    private record Report(long read, long published, long notRelayed, Long firstSequence, Long lastSequence) {
    }

    private static void assertSameRecords(List<ConsumerRecord<String, byte[]>> again, List<ConsumerRecord<String, byte[]>> relayed) {
        assertThat(again).hasSameSizeAs(relayed);
        for (int i = 0; i < relayed.size(); i++) {
            ConsumerRecord<String, byte[]> original = relayed.get(i);
            ConsumerRecord<String, byte[]> copy = again.get(i);
            assertThat(copy.key()).isEqualTo(original.key());
            assertThat(copy.value()).isEqualTo(original.value());
            assertThat(copy.partition()).isEqualTo(original.partition());
            assertThat(Arrays.stream(copy.headers().toArray()).map(header -> header.key() + "=" + new String(header.value())).toList())
                    .isEqualTo(Arrays.stream(original.headers().toArray()).map(header -> header.key() + "=" + new String(header.value())).toList());
        }
    }

    private static boolean isOf(ConsumerRecord<String, byte[]> record, String... calendars) {
        return Arrays.asList(calendars).contains(TopicReader.header(record, CloudEventHeaders.SUBJECT));
    }

    private String createCalendar() {
        String id = "cal-republish-" + UUID.randomUUID().toString().substring(0, 8);
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Republish", "type", "venue", "timezone", "Europe/Berlin", "capacity", 1))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }
}

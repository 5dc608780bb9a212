package dev.almanac.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.almanac.conflicts.command.ConflictCommandGateway;
import dev.almanac.events.Identifiers;
import dev.almanac.events.Topics;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.platform.testing.TopicReader;

/**
 * The lifecycle commands over HTTP against the embedded broker: each goes through the command
 * topic to the task that owns the conflict, and the answer comes back from its outcome.
 */
class ConflictCommandsIT extends IntegrationTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ConflictCommandsIT.class);

    @LocalServerPort
    int port;

    @Autowired
    ConflictCommandGateway gateway;

    private final HttpClient http = HttpClient.newHttpClient();
    private TopicReader conflicts;

    @BeforeEach
    void readConflicts() {
        conflicts = new TopicReader(bootstrapServers(), Topics.CONFLICTS);
    }

    @AfterEach
    void stopReading() {
        conflicts.close();
    }

    @Test
    void ofTwoRacingCommandsOnTheSameVersionExactlyOneWinsAndOnlyItsEventIsPublished() throws Exception {
        CalendarId ballroom = newCalendar();
        String conflictId = doubleBooking(ballroom);

        long sentAt = System.nanoTime();
        CompletableFuture<HttpResponse<String>> resolve = post(conflictId, "resolve", "\"0\"",
                "{\"method\": \"rescheduled\", \"note\": \"moved the review\"}");
        CompletableFuture<HttpResponse<String>> dismiss = post(conflictId, "dismiss", "\"0\"", "{\"reason\": \"fine as it is\"}");
        List<HttpResponse<String>> answers = List.of(resolve.get(), dismiss.get());
        log.info("Both racing commands answered {} ms after they were sent", Duration.ofNanos(System.nanoTime() - sentAt).toMillis());

        assertThat(answers).extracting(HttpResponse::statusCode).as(answers.stream().map(HttpResponse::body).toList().toString())
                .containsExactlyInAnyOrder(200, 412);
        HttpResponse<String> won = answers.stream().filter(answer -> answer.statusCode() == 200).findFirst().orElseThrow();
        HttpResponse<String> lost = answers.stream().filter(answer -> answer.statusCode() == 412).findFirst().orElseThrow();
        assertThat(won.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(won.body()).contains("\"version\":1").contains("\"calendar_id\":\"" + ballroom + "\"");
        assertThat(lost.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(lost.body()).contains("\"rule\":\"current_version\"").contains("is at version 1, not 0");

        List<ConsumerRecord<String, byte[]>> published = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(ballroom.value()), records -> records.size() >= 2);
        ReceivedEvent transition = decode(published.get(1));
        assertThat(transition.metadata().aggregateVersion()).isEqualTo(1);
        assertThat(transition.event()).isInstanceOfAny(ConflictResolved.class, ConflictDismissed.class);
        if (transition.event() instanceof ConflictResolved resolved) {
            assertThat(resolved.method()).isEqualTo(ResolutionMethod.RESCHEDULED);
            assertThat(won.body()).contains("\"status\":\"resolved\"");
        } else {
            assertThat(won.body()).contains("\"status\":\"dismissed\"");
        }

        long laterAt = System.nanoTime();
        HttpResponse<String> afterwards = post(conflictId, "escalate", "\"1\"", "{\"escalated_to\": \"managers\", \"reason\": \"late\"}").get();
        log.info("A later command answered {} ms after it was sent", Duration.ofNanos(System.nanoTime() - laterAt).toMillis());
        assertThat(afterwards.statusCode()).as(afterwards.body()).isEqualTo(409);
        assertThat(afterwards.body()).containsAnyOf("\"rule\":\"resolved\"", "\"rule\":\"dismissed\"");
        assertThat(conflicts.withKey(ballroom.value())).as("a refused command publishes nothing").hasSize(2);
    }

    @Test
    void anUnknownConflictIsNotFoundAndABadIdOrVersionIsRefusedBeforeAnythingIsSent() throws Exception {
        HttpResponse<String> unknown = post("no-such-conflict", "dismiss", "\"0\"", "{\"reason\": \"why\"}").get();
        HttpResponse<String> badId = post("bad id!", "dismiss", "\"0\"", "{\"reason\": \"why\"}").get();
        HttpResponse<String> noVersion = post("some-conflict", "dismiss", null, "{\"reason\": \"why\"}").get();
        HttpResponse<String> override = post("some-conflict", "resolve", "\"0\"", "{\"method\": \"override_applied\"}").get();

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"rule\":\"exists\"");
        assertThat(badId.statusCode()).as(badId.body()).isEqualTo(400);
        assertThat(badId.body()).contains("\"field\":\"id\"").contains("\"rule\":\"pattern\"");
        assertThat(noVersion.statusCode()).as(noVersion.body()).isEqualTo(400);
        assertThat(noVersion.body()).contains("\"field\":\"If-Match\"").contains("\"rule\":\"required\"");
        assertThat(override.statusCode()).as(override.body()).isEqualTo(400);
        assertThat(override.body()).contains("\"field\":\"note\"").contains("\"rule\":\"SCH-024\"");
    }

    @Test
    void aRescanOverEveryPartitionAgreesWithTheLiveStateAndChangesNothing() throws Exception {
        CalendarId ballroom = newCalendar();
        doubleBooking(ballroom);

        HttpResponse<String> first = detect();
        HttpResponse<String> second = detect();

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"detected\":0").contains("\"cleared\":0");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(conflicts.withKey(ballroom.value())).as("nothing published beyond the detection").hasSize(1);
    }

    @Test
    void theOutcomesAreReadOnlyWhileACommandWaitsForOne() throws Exception {
        CalendarId ballroom = newCalendar();
        String conflictId = doubleBooking(ballroom);
        await().atMost(PATIENCE).until(gateway::idle);
        long atRest = gateway.polls();

        HttpResponse<String> dismissed = post(conflictId, "dismiss", "\"0\"", "{\"reason\": \"fine as it is\"}").get();

        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        await().atMost(PATIENCE).until(gateway::idle);
        long afterTheCommand = gateway.polls();
        // A few polls while the command waited for its outcome (200 ms each at most), none before it was sent.
        assertThat(afterTheCommand - atRest).isBetween(1L, 50L);
        assertThat(gateway.idle()).isTrue();
        assertThat(gateway.polls()).isEqualTo(afterTheCommand);
    }

    private HttpResponse<String> detect() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/detect"))
                .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String doubleBooking(CalendarId calendar) {
        publish(calendarCreated(calendar, CalendarType.VENUE, 1), 0);
        String review = "item-" + calendar + "-review";
        String gala = "item-" + calendar + "-gala";
        publish(itemScheduled(calendar, review, "Quarterly review", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"), 0);
        publish(itemScheduled(calendar, gala, "Gala", "2026-12-01T15:30:00Z", "2026-12-01T18:00:00Z"), 0);
        ConsumerRecord<String, byte[]> detected = await().atMost(PATIENCE)
                .until(() -> conflicts.withKey(calendar.value()), records -> !records.isEmpty()).get(0);
        assertThat(decode(detected).event()).isInstanceOf(ConflictDetected.class);
        return Identifiers.derive("conflict", calendar.value(), "item:" + gala, "item:" + review);
    }

    private CompletableFuture<HttpResponse<String>> post(String conflictId, String command, String ifMatch, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conflicts/"
                        + conflictId.replace(" ", "%20") + "/" + command))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

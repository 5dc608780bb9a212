package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.OverbookingOverride;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.TopicReader;

/**
 * ADR 0027 over HTTP on the real event store and broker, in development identity mode: grants,
 * the 403s they cause, SCH-005 within 2 hours of a start, a manager's override recorded on the
 * event that conflict-detector reads, and who may change a rule they did not create (ADR 0062).
 */
@CommandServiceIntegrationTest
class RolesIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final String USER = "X-Almanac-User";

    private static TopicReader schedule;
    private static TopicReader calendars;

    @BeforeAll
    static void readers() {
        String kafka = EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers();
        schedule = new TopicReader(kafka, Topics.SCHEDULE);
        calendars = new TopicReader(kafka, Topics.CALENDARS);
    }

    @AfterAll
    static void closeReaders() {
        schedule.close();
        calendars.close();
    }

    @Autowired
    WebTestClient client;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    @Test
    void aUserBeyondTheirCommandsASecondIsAnswered429WhileOthersAndAdminsAreNot() throws Exception {
        // Invalid bodies: each command is refused by validation if the rate limit lets it through, so nothing is written.
        // Sent 25 at a time from a start gate: one after another, on a loaded machine, fewer than 20 may fall in a second.
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<EntityExchangeResult<String>> refused = new AtomicReference<>();
        CountDownLatch gate = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(25);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(senders.submit(() -> {
                    gate.await();
                    EntityExchangeResult<String> answer = client.post().uri("/api/v1/schedules").header(USER, "hasty")
                            .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                            .expectBody(String.class).returnResult();
                    statuses.add(answer.getStatus().value());
                    if (answer.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                        refused.compareAndSet(null, answer);
                    }
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> each : sent) {
                each.get(1, TimeUnit.MINUTES);
            }
        } finally {
            senders.shutdownNow();
        }
        EntityExchangeResult<String> firstRefused = refused.get();
        assertThat(firstRefused).as("a command refused for the rate, among %s", statuses).isNotNull();
        assertThat(firstRefused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(firstRefused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String refusal = firstRefused.getResponseBody();

        // 20 a second by default: 100 commands sent 25 at a time meet the limit.
        assertThat(statuses).containsOnly(400, 429).contains(429).filteredOn(status -> status == 400).hasSizeGreaterThanOrEqualTo(20);
        assertThat(refusal).contains("\"type\":\"" + ProblemTypes.TOO_MANY_REQUESTS + "\"", "\"rule\":\"rate_limit\"",
                "hasty sent more than 20 commands in a second");
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.paths['/api/v1/schedules'].post.responses['429'].headers['Retry-After']").exists()
                .jsonPath("$.paths['/api/v1/schedules'].post.responses['429'].content['application/problem+json'].schema['$ref']")
                .isEqualTo("#/components/schemas/ProblemDetail")
                .jsonPath("$.components.schemas.ProblemDetail.properties.status").exists()
                .jsonPath("$.paths['/api/v1/schedules/rules/{id}'].delete.responses['429']").exists()
                .jsonPath("$.paths['/api/v1/runs'].post.responses['200']").exists()
                .jsonPath("$.paths['/api/v1/runs'].post.responses['429']").doesNotExist();
        for (int i = 0; i < 20; i++) {
            client.post().uri("/api/v1/schedules").header(USER, "patient").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isBadRequest();
            client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}").exchange().expectStatus().isBadRequest();
        }
    }

    @Test
    void aCalendarsFirstGrantClosesItToEveryoneWithoutOne() {
        String calendarId = createCalendar(2, "block");
        scheduleAs("carol", "open-" + UUID.randomUUID(), calendarId, NEXT_WEEK).expectStatus().isCreated();

        grant(calendarId, "alice", "manager", null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.user_id").isEqualTo("alice").jsonPath("$.role").isEqualTo("manager");
        grant(calendarId, "bob", "scheduler", "alice").expectStatus().isOk();

        // Carol has no role on it: to her it does not exist, as an unknown calendar_id (ADR 0086).
        scheduleAs("carol", "closed-" + UUID.randomUUID(), calendarId, NEXT_WEEK).expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.UNPROCESSABLE)
                .jsonPath("$.required_role").doesNotExist()
                .jsonPath("$.errors[0].field").isEqualTo("calendar_id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
        scheduleAs("bob", "bobs-" + UUID.randomUUID(), calendarId, NEXT_WEEK).expectStatus().isCreated();
        // A scheduler may not grant, nor change the calendar.
        grant(calendarId, "carol", "viewer", "bob").expectStatus().isForbidden()
                .expectBody().jsonPath("$.required_role").isEqualTo("manager");
        client.post().uri("/api/v1/calendars/{id}/deactivate", calendarId).header(USER, "bob")
                .exchange().expectStatus().isForbidden();

        List<ConsumerRecord<String, byte[]>> relayed = calendars.awaitRecords(TopicReader.keyed(calendarId), 3);
        assertThat(codec.fromRecord(relayed.get(1)).event())
                .isEqualTo(new CalendarAccessGranted(dev.almanac.events.calendar.CalendarId.of(calendarId), UserId.of("alice"),
                        CalendarRole.MANAGER, null));
        assertThat(TopicReader.header(relayed.get(2), CloudEventHeaders.ACTOR)).isEqualTo("alice");

        client.delete().uri("/api/v1/calendars/{id}/grants/{user}", calendarId, "bob").header(USER, "alice")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.role").doesNotExist();
        scheduleAs("bob", "revoked-" + UUID.randomUUID(), calendarId, NEXT_WEEK.plus(1, ChronoUnit.DAYS))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
    }

    @Test
    void withinTwoHoursOfItsStartOnlyAManagerMayMoveOrCancelAnItem() {
        String calendarId = createCalendar(5, "block");
        grant(calendarId, "alice", "manager", null).expectStatus().isOk();
        grant(calendarId, "bob", "scheduler", null).expectStatus().isOk();
        Instant soon = Instant.now().plus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String itemId = "soon-" + UUID.randomUUID();
        scheduleAs("bob", itemId, calendarId, soon).expectStatus().isCreated();

        client.post().uri("/api/v1/schedules/{id}/cancel", itemId).header(USER, "bob")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.required_role").isEqualTo("manager")
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-005")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(soon.toString()));
        client.post().uri("/api/v1/schedules/bulk-reschedule").header(USER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(Map.of("job_id", itemId, "new_time", NEXT_WEEK.toString()))))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("jobs[0].job_id")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-005");
        client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.toString()))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void aManagersOverrideTakesABlockingCalendarPastCapacityAndTheEventSaysWhoAndWhy() {
        String calendarId = createCalendar(1, "block");
        grant(calendarId, "alice", "manager", null).expectStatus().isOk();
        grant(calendarId, "bob", "scheduler", null).expectStatus().isOk();
        scheduleAs("bob", "first-" + UUID.randomUUID(), calendarId, NEXT_WEEK).expectStatus().isCreated();
        String vip = "vip-" + UUID.randomUUID();

        client.post().uri("/api/v1/schedules").header(USER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(vip, calendarId, NEXT_WEEK, Map.of("override", Map.of("reason", "Board dinner"))))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("SCH-021");
        client.post().uri("/api/v1/schedules").header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(vip, calendarId, NEXT_WEEK, Map.of("override", Map.of("reason", " "))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("override.reason")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-024");
        client.post().uri("/api/v1/schedules").header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(vip, calendarId, NEXT_WEEK, Map.of()))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT);
        client.post().uri("/api/v1/schedules").header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(vip, calendarId, NEXT_WEEK, Map.of("override", Map.of("reason", "Board dinner"))))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.warnings[0].rule").isEqualTo("SCH-021")
                .jsonPath("$.owner").isEqualTo("alice");

        // What conflict-detector reads: the item placed past capacity, with who overrode and why.
        ConsumerRecord<String, byte[]> placed = schedule.awaitRecords(TopicReader.keyed(calendarId), 2).get(1);
        assertThat(codec.fromRecord(placed).event()).isInstanceOfSatisfying(ItemScheduled.class, scheduled -> {
            assertThat(scheduled.itemId().value()).isEqualTo(vip);
            assertThat(scheduled.override()).isEqualTo(new OverbookingOverride("Board dinner", UserId.of("alice")));
            assertThat(scheduled.owner()).isEqualTo(UserId.of("alice"));
        });
        assertThat(TopicReader.header(placed, CloudEventHeaders.ACTOR)).isEqualTo("alice");
    }

    @Test
    void aChangeThatCarriesLinkedItemsNeedsTheActorsRoleOnEveryCalendarItReaches() {
        String stage = createCalendar(5, "block");
        String crew = createCalendar(5, "block");
        grant(stage, "alice", "manager", null).expectStatus().isOk();
        grant(crew, "alice", "manager", null).expectStatus().isOk();
        grant(stage, "bob", "scheduler", "alice").expectStatus().isOk();
        String show = "show-" + UUID.randomUUID();
        String setUp = "set-up-" + UUID.randomUUID();
        // The show is bob's own (ADR 0090), so that what refuses him below is the crew's calendar alone.
        scheduleAs("bob", show, stage, NEXT_WEEK).expectStatus().isCreated();
        scheduleAs("alice", setUp, crew, NEXT_WEEK.minus(2, ChronoUnit.HOURS)).expectStatus().isCreated();

        // Linking ties the crew's item to the stage's moves: bob schedules on the stage only.
        // bob has no role on the crew's calendar: its item does not exist for him (ADR 0086).
        link(show, setUp, "bob").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("follower_id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
        link(show, setUp, "alice").expectStatus().isOk();

        // bob may move the show on its own calendar, but not the set-up it would carry along on the crew's.
        client.post().uri("/api/v1/schedules/{id}/reschedule", show).header(USER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString()))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.required_role").isEqualTo("scheduler")
                .jsonPath("$.errors[0].field").isEqualTo("new_time")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(setUp));
        client.post().uri("/api/v1/schedules/{id}/attachments", setUp).header(USER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Rigging plan.pdf", "media_type", "application/pdf", "size_bytes", 1024,
                        "url", "https://files.example.com/rigging.pdf"))
                .exchange()
                .expectStatus().isNotFound();

        client.post().uri("/api/v1/schedules/{id}/reschedule", show).header(USER, "alice").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.plus(1, ChronoUnit.DAYS).toString()))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.moved_with[0].job_id").isEqualTo(setUp);
    }

    private WebTestClient.ResponseSpec link(String primary, String follower, String by) {
        return client.post().uri("/api/v1/schedules/{id}/links", primary).header(USER, by).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("follower_id", follower))
                .exchange();
    }

    /** ADR 0062: another scheduler of the queue may not pause someone else's rule; the queue's manager may. */
    @Test
    void onlyARulesCreatorOrTheQueuesManagerMayPauseIt() {
        String calendarId = createCalendar(5, "allow");
        grant(calendarId, "alice", "manager", null).expectStatus().isOk();
        grant(calendarId, "bob", "scheduler", "alice").expectStatus().isOk();
        grant(calendarId, "carol", "scheduler", "alice").expectStatus().isOk();
        String ruleId = "rule-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").header(USER, "bob").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", ruleId, "name", "Bob's nightly", "cron", "0 6 * * *", "timezone", "UTC", "queue", calendarId,
                        "job_template", Map.of("type", "t")))
                .exchange().expectStatus().isCreated();

        client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).header(USER, "carol")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.FORBIDDEN)
                .jsonPath("$.required_role").isEqualTo("manager")
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("rule_owner")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("which bob created"));
        // Nothing was applied: the manager's pause is the rule's first change.
        client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).header(USER, "alice").header("If-Match", "\"0\"")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("paused");
    }

    @Test
    void theEmergencyControlsNeedAnAdmin() {
        client.post().uri("/api/v1/admin/rules/pause-all").header(USER, "alice")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.required_role").isEqualTo("admin");
    }

    private WebTestClient.ResponseSpec grant(String calendarId, String user, String role, String by) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/calendars/{id}/grants", calendarId)
                .contentType(MediaType.APPLICATION_JSON);
        if (by != null) {
            request = request.header(USER, by);
        }
        return request.bodyValue(Map.of("user_id", user, "role", role)).exchange();
    }

    private WebTestClient.ResponseSpec scheduleAs(String user, String itemId, String calendarId, Instant start) {
        return client.post().uri("/api/v1/schedules").header(USER, user).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(itemId, calendarId, start, Map.of()))
                .exchange();
    }

    private String createCalendar(int capacity, String policy) {
        String calendarId = "roles-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", calendarId, "name", "Roles", "type", "venue", "timezone", "UTC", "capacity", capacity,
                        "overbooking_policy", policy))
                .exchange()
                .expectStatus().isCreated();
        return calendarId;
    }

    private static Map<String, Object> item(String itemId, String calendarId, Instant start, Map<String, Object> extra) {
        Map<String, Object> item = new HashMap<>(Map.of("id", itemId, "calendar_id", calendarId, "title", "Roles", "type", "meeting",
                "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(), "timezone", "UTC"));
        item.putAll(extra);
        return item;
    }
}

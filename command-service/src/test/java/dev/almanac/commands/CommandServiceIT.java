package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.eventstore.CachedCommandTargetResolver;
import dev.almanac.commands.item.ScheduleItem;
import dev.almanac.commands.stuckwork.StuckWorkWatchdog;
import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.embedded.EmbeddedInfrastructure;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.CloudEventHeaders;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.json.AlmanacJson;
import dev.almanac.platform.kafka.EventCodec;
import dev.almanac.platform.openapi.OpenApiSnapshot;
import dev.almanac.platform.testing.TopicReader;
import dev.almanac.platform.tracing.TraceContexts;

/** HTTP in, PostgreSQL event store, Kafka out: command-service against the real embedded components. */
@CommandServiceIntegrationTest
class CommandServiceIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

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

    @Autowired
    MeterRegistry meters;

    @Autowired
    ApplicationContext context;

    @Autowired
    CommandBus commandBus;

    @Autowired
    CachedCommandTargetResolver commandTargets;

    private final EventCodec codec = new EventCodec(AlmanacJson.eventMapper());

    /**
     * Transitions of each kind of aggregate, as the generated OpenAPI document describes them (parameters,
     * bodies, answers and their headers), stay as the snapshot {@code openapi/command-service.json} has them:
     * shared annotations and controller helpers must not change what a client reads.
     */
    @Test
    void readinessIncludesTheEventStore() {
        client.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components.db.status").isEqualTo("UP");
    }

    @Test
    void describesTransitionsInItsApiDocumentAsTheSnapshotDoes() {
        String apiDocs = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        OpenApiSnapshot.assertPathsMatch(apiDocs, "command-service",
                "/api/v1/calendars/{id}/deactivate",
                "/api/v1/calendars/{id}",
                "/api/v1/schedules/{id}",
                "/api/v1/schedules/{id}/confirm",
                "/api/v1/schedules/{id}/attachments",
                "/api/v1/schedules/rules/{id}/pause",
                "/api/v1/schedules/rules/preview",
                "/api/v1/schedules/rules/{id}/occurrences/{occurrenceId}/move",
                "/api/v1/resources/{id}/availability/mark-unavailable",
                "/api/v1/runs",
                "/api/v1/admin/rules/pause-all",
                "/api/v1/admin/rules/resume-all",
                "/api/v1/notification-preferences",
                "/api/v1/calendars/{id}/notification-policy",
                "/api/v1/calendars/{id}/subscriptions",
                "/api/v1/calendars/{id}/subscriptions/{subscriptionId}");
    }

    @Test
    void aScheduledAndRescheduledItemReachesKafkaInTheCloudEventsEnvelope() {
        String calendarId = createCalendar(1, "allow");
        String itemId = "item-" + UUID.randomUUID();

        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .bodyValue(item(itemId, calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS)))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(itemId, 0).encode())
                .expectHeader().valueEquals("Location", "/api/v1/schedules/" + itemId)
                .expectBody()
                .jsonPath("$.id").isEqualTo(itemId)
                .jsonPath("$.calendar_id").isEqualTo(calendarId)
                .jsonPath("$.version").isEqualTo(0);

        Instant moved = NEXT_WEEK.plus(1, ChronoUnit.DAYS);
        client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"0\"")
                .bodyValue(Map.of("new_time", moved.toString(), "reason", "Avoiding maintenance window",
                        "timezone", "Asia/Kathmandu"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(itemId, 1).encode())
                .expectBody()
                .jsonPath("$.job_id").isEqualTo(itemId)
                .jsonPath("$.old_time").isEqualTo(NEXT_WEEK.toString())
                .jsonPath("$.new_time").isEqualTo(moved.toString())
                .jsonPath("$.local_time").value(local -> assertThat((String) local).endsWith("NPT"))
                .jsonPath("$.rescheduled_by").isEqualTo("developer")
                .jsonPath("$.audit_id").isNotEmpty();

        List<ConsumerRecord<String, byte[]>> records = schedule.awaitRecords(
                record -> itemId.equals(TopicReader.header(record, CloudEventHeaders.SUBJECT)), 2);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(calendarId);
            assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/almanac/command-service");
            assertThat(TopicReader.header(record, CloudEventHeaders.ACTOR)).isEqualTo("developer");
            assertThat(TopicReader.header(record, CloudEventHeaders.CORRELATION_ID)).isNotBlank();
            assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        });
        // The request's trace, continued by the command's span (ADR 0089); a request without one starts its own.
        String scheduled = TopicReader.header(records.get(0), CloudEventHeaders.TRACEPARENT);
        assertThat(TraceContexts.traceIdOf(scheduled)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContexts.spanIdOf(scheduled)).as("the command's span, not the caller's").isNotEqualTo("00f067aa0ba902b7");
        String rescheduled = TopicReader.header(records.get(1), CloudEventHeaders.TRACEPARENT);
        assertThat(TraceContexts.traceIdOf(rescheduled)).as("a new trace").isNotNull().isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                .containsExactly("dev.almanac.schedule.ItemScheduled.v1", "dev.almanac.schedule.ItemRescheduled.v1");
        assertThat(records).extracting(record -> TopicReader.header(record, CloudEventHeaders.AGGREGATE_VERSION))
                .containsExactly("0", "1");
        assertThat(records).extracting(record -> codec.fromRecord(record).event()).last()
                .hasFieldOrPropertyWithValue("start", moved);
        assertThat(meters.get("almanac.relay.reads").counter().count()).as("the relay reads through its own source")
                .isPositive();
        assertThat(meters.get("almanac.commands.units.watched").functionCounter().count())
                .as("the watchdog watches the commands and the relay's batches").isGreaterThanOrEqualTo(4);
        assertThat(meters.get("almanac.commands.units.overdue").gauge().value()).isZero();
        assertThat(commandTargets.knownCommandTypes()).as("Axon's aggregates find their target through the cached resolver")
                .contains(ScheduleItem.class);
        assertThat(meters.get("executor.completed").tag("name", "commands").functionCounter().count())
                .as("the commands ran on the command threads").isGreaterThanOrEqualTo(3);

        List<ConsumerRecord<String, byte[]>> created = calendars.awaitRecords(TopicReader.keyed(calendarId), 1);
        assertThat(TopicReader.header(created.get(0), CloudEventHeaders.TYPE)).isEqualTo("dev.almanac.calendar.CalendarCreated.v1");
    }

    @Test
    void everyCommandIsWatchedForStuckWorkAndAxonsOwnTimeoutsAreOff() {
        CompletableFuture<Boolean> watched = new CompletableFuture<>();
        commandBus.subscribe("stuck-work-probe", message -> watched.complete(
                CurrentUnitOfWork.get().root().resources().containsKey(StuckWorkWatchdog.RESOURCE)));

        commandBus.dispatch(new GenericCommandMessage<>(new GenericMessage<>("probe"), "stuck-work-probe"));

        assertThat(watched).isCompletedWithValue(true);
        assertThat(context.getBeanNamesForType(HandlerTimeoutHandlerEnhancerDefinition.class))
                .as("Axon's own timeouts, which walked every command's stack, are off").isEmpty();
    }

    /**
     * Every event names its cause, the command, and a correlation: the request's X-Correlation-Id, or
     * else the command's id, shared by every event of one request (the bulk reschedule's two moves).
     */
    @Test
    void eventsCarryTheirCausationAndTheRequestsCorrelation() {
        String calendarId = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "onboarding-42")
                .bodyValue(Map.of("id", calendarId, "name", "Room", "type", "venue", "timezone", "UTC", "capacity", 5,
                        "overbooking_policy", "allow"))
                .exchange()
                .expectStatus().isCreated();
        String first = scheduleItem(calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS));
        String second = scheduleItem(calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS));
        client.post().uri("/api/v1/schedules/bulk-reschedule").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(Map.of("job_id", first, "new_time", NEXT_WEEK.plus(3, ChronoUnit.HOURS).toString()),
                        Map.of("job_id", second, "new_time", NEXT_WEEK.plus(5, ChronoUnit.HOURS).toString()))))
                .exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .header("X-Correlation-Id", "not valid!")
                .bodyValue(Map.of("name", "Room", "type", "venue", "timezone", "UTC", "capacity", 5))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("X-Correlation-Id");

        ConsumerRecord<String, byte[]> created = calendars.awaitRecords(TopicReader.keyed(calendarId), 1).get(0);
        assertThat(TopicReader.header(created, CloudEventHeaders.CORRELATION_ID)).isEqualTo("onboarding-42");
        assertThat(TopicReader.header(created, CloudEventHeaders.CAUSATION_ID)).isNotBlank()
                .isNotEqualTo(TopicReader.header(created, CloudEventHeaders.ID));
        List<ConsumerRecord<String, byte[]>> moves = schedule.awaitRecords(TopicReader.keyed(calendarId), 4).subList(2, 4);
        assertThat(moves).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                .containsOnly("dev.almanac.schedule.ItemRescheduled.v1");
        String command = TopicReader.header(moves.get(0), CloudEventHeaders.CAUSATION_ID);
        assertThat(moves).extracting(record -> TopicReader.header(record, CloudEventHeaders.CAUSATION_ID)).containsOnly(command);
        assertThat(moves).extracting(record -> TopicReader.header(record, CloudEventHeaders.CORRELATION_ID)).containsOnly(command);
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() {
        String calendarId = createCalendar(5, "allow");
        String itemId = scheduleItem(calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS));
        reschedule(itemId, NEXT_WEEK.plus(2, ChronoUnit.HOURS), null).expectStatus().isOk();

        reschedule(itemId, NEXT_WEEK.plus(4, ChronoUnit.HOURS), "\"0\"")
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
    }

    @Test
    void repeatingACreationWithTheSameIdIsIdempotentAndADifferentOneIsAConflict() {
        String calendarId = "cal-" + UUID.randomUUID();
        Map<String, Object> body = Map.of("id", calendarId, "name", "Room 1", "type", "venue",
                "timezone", "Europe/London", "capacity", 2);

        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.overbooking_policy").isEqualTo("block");
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.calendar(calendarId, 0).encode());
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", calendarId, "name", "Room 2", "type", "venue", "timezone", "Europe/London", "capacity", 2))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void aBlockingCalendarRefusesAnOverlapAndNamesTheItemInTheWay() {
        String calendarId = createCalendar(1, "block");
        String first = scheduleItem(calendarId, NEXT_WEEK, NEXT_WEEK.plus(2, ChronoUnit.HOURS));

        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("item-" + UUID.randomUUID(), calendarId, NEXT_WEEK.plus(1, ChronoUnit.HOURS), NEXT_WEEK.plus(3, ChronoUnit.HOURS)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-023")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(first));

        scheduleItem(calendarId, NEXT_WEEK.plus(2, ChronoUnit.HOURS), NEXT_WEEK.plus(3, ChronoUnit.HOURS));
    }

    @Test
    void aCancelledItemFreesItsPlaceOnABlockingCalendarAndTakesNoFurtherChange() {
        String calendarId = createCalendar(1, "block");
        String first = scheduleItem(calendarId, NEXT_WEEK, NEXT_WEEK.plus(2, ChronoUnit.HOURS));

        client.post().uri("/api/v1/schedules/{id}/confirm", first).header("If-Match", "\"0\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().jsonPath("$.status").isEqualTo("confirmed");
        client.post().uri("/api/v1/schedules/{id}/cancel", first).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Moved offsite")).exchange()
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        client.post().uri("/api/v1/schedules/{id}/cancel", first).header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "Moved offsite")).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.item(first, 2).encode())
                .expectBody()
                .jsonPath("$.status").isEqualTo("cancelled")
                .jsonPath("$.reason").isEqualTo("Moved offsite")
                .jsonPath("$.calendar_id").isEqualTo(calendarId);

        scheduleItem(calendarId, NEXT_WEEK.plus(1, ChronoUnit.HOURS), NEXT_WEEK.plus(3, ChronoUnit.HOURS));
        expectProblem(client.post().uri("/api/v1/schedules/{id}/cancel", first), HttpStatus.CONFLICT, "id", "cancelled");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/confirm", first), HttpStatus.CONFLICT, "id", "cancelled");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/reschedule", first).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.plus(5, ChronoUnit.HOURS).toString())), HttpStatus.CONFLICT, "id", "cancelled");
        List<ConsumerRecord<String, byte[]>> relayed = schedule.awaitRecords(TopicReader.keyed(calendarId), 4);
        assertThat(relayed).extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE)).containsExactly(
                "dev.almanac.schedule.ItemScheduled.v1", "dev.almanac.schedule.ItemConfirmed.v1",
                "dev.almanac.schedule.ItemCancelled.v1", "dev.almanac.schedule.ItemScheduled.v1");
    }

    @Test
    void confirmingOrCancellingAnUnknownItemIsNotFound() {
        expectProblem(client.post().uri("/api/v1/schedules/{id}/cancel", "item-nowhere"), HttpStatus.NOT_FOUND, "id", "exists");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/confirm", "item-nowhere"), HttpStatus.NOT_FOUND, "id", "exists");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/cancel", "item-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("reason", "x".repeat(257))), HttpStatus.BAD_REQUEST, "reason", "size");
    }

    @Test
    void concurrentBookingsOfTheLastPlaceNeverBothWin() throws Exception {
        String calendarId = createCalendar(1, "block");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<HttpStatus>> attempts = java.util.stream.IntStream.range(0, 6)
                    .<Callable<HttpStatus>>mapToObj(i -> () -> (HttpStatus) client.post().uri("/api/v1/schedules")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(item("item-" + UUID.randomUUID(), calendarId, NEXT_WEEK.plus(i * 10, ChronoUnit.MINUTES),
                                    NEXT_WEEK.plus(i * 10 + 90, ChronoUnit.MINUTES)))
                            .exchange().returnResult(String.class).getStatus())
                    .toList();
            List<HttpStatus> outcomes = new java.util.ArrayList<>();
            for (Future<HttpStatus> outcome : pool.invokeAll(attempts)) {
                outcomes.add(outcome.get());
            }
            assertThat(outcomes).filteredOn(status -> status == HttpStatus.CREATED).hasSize(1);
            assertThat(outcomes).filteredOn(status -> status == HttpStatus.CONFLICT).hasSize(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void requestsAreTimedWithoutAnObservationPerSecurityFilterOrALongTaskTimer() {
        createCalendar(1, "allow");

        // The timer stops when the exchange completes, which may be just after the client has the answer.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(meters.find("http.server.requests").tag("uri", "/api/v1/calendars").timers()).as("requests timed").isNotEmpty());
        assertThat(meters.getMeters()).as("Spring Security's per-filter observations, off in the platform's defaults")
                .noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
        assertThat(meters.find("http.server.requests.active").longTaskTimers()).as("no long-task timer per observation")
                .isEmpty();
    }

    @Test
    void badInputIsAProblemThatNamesTheField() {
        String calendarId = createCalendar(1, "allow");
        expectProblem(client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Mars base", "type", "venue", "timezone", "Mars/Olympus_Mons", "capacity", 1)),
                HttpStatus.BAD_REQUEST, "timezone", "iana_zone");
        expectProblem(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("item-x", calendarId, NEXT_WEEK, NEXT_WEEK.minus(1, ChronoUnit.HOURS))),
                HttpStatus.BAD_REQUEST, "end", "SCH-001");
        expectProblem(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"calendar_id\": \"" + calendarId + "\", \"title\": "),
                HttpStatus.BAD_REQUEST, "body", "json_syntax");
        expectProblem(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("item-y", "cal-nowhere", NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS))),
                HttpStatus.UNPROCESSABLE_CONTENT, "calendar_id", "exists");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/reschedule", "item-nowhere").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.toString())),
                HttpStatus.NOT_FOUND, "id", "exists");
        expectProblem(client.post().uri("/api/v1/schedules/{id}/reschedule", "bad id!").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", NEXT_WEEK.toString())),
                HttpStatus.BAD_REQUEST, "id", "pattern");
        expectProblem(client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_id", calendarId, "title", "t", "type", "meeting", "start", "tomorrow",
                        "end", NEXT_WEEK.toString(), "timezone", "UTC")),
                HttpStatus.BAD_REQUEST, "start", "rfc3339");
    }

    @Test
    void aRuleIsCreatedWithItsNextRunAndRelayedKeyedByRule() {
        String calendarId = createCalendar(1, "allow");
        String ruleId = "rule-" + UUID.randomUUID();

        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", ruleId, "name", "Weekly Maintenance", "cron", "0 2 * * 0", "timezone", "UTC",
                        "queue", calendarId,
                        "job_template", Map.of("type", "maintenance_job", "payload", Map.of("action", "cleanup"), "priority", 5),
                        "options", Map.of("max_concurrent", 1, "jitter_seconds", 300, "retry_policy", "exponential"),
                        "metadata", Map.of("owner", "platform-team", "description", "Weekly system maintenance")))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(ConsistencyToken.HEADER, ConsistencyToken.rule(ruleId, 0).encode())
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(ruleId)
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.created_by").isEqualTo("developer")
                .jsonPath("$.next_run").value(nextRun -> {
                    // The first Sunday 02:00 UTC after now, plus at most the rule's 300 s of jitter.
                    Instant sunday = ZonedDateTime.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.SUNDAY))
                            .truncatedTo(ChronoUnit.DAYS).plusHours(2).toInstant();
                    Instant expected = sunday.minus(7, ChronoUnit.DAYS).isAfter(Instant.now()) ? sunday.minus(7, ChronoUnit.DAYS) : sunday;
                    assertThat(Instant.parse((String) nextRun)).isBetween(expected, expected.plusSeconds(300));
                });

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(rules.awaitRecords(TopicReader.keyed(ruleId), 1))
                    .extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                    .containsExactly("dev.almanac.rule.RuleCreated.v1");
        }
        expectProblem(client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Broken", "cron", "every day", "timezone", "UTC", "queue", calendarId,
                        "job_template", Map.of("type", "t"))),
                HttpStatus.BAD_REQUEST, "cron", "cron_syntax");
        expectProblem(client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Nowhere", "cron", "0 2 * * 0", "timezone", "UTC", "queue", "cal-nowhere",
                        "job_template", Map.of("type", "t"))),
                HttpStatus.UNPROCESSABLE_CONTENT, "queue", "exists");
    }

    @Test
    void aRuleIsPausedResumedAndDeletedWithTheSeedsAnswersAndRelayedInOrder() {
        String calendarId = createCalendar(1, "allow");
        String ruleId = "rule-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules/rules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", ruleId, "name", "Nightly", "cron", "30 2 * * *", "timezone", "UTC", "queue", calendarId,
                        "job_template", Map.of("type", "maintenance_job")))
                .exchange().expectStatus().isCreated();
        String resumeAfter = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();

        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resume_after", "next tuesday")), HttpStatus.BAD_REQUEST, "resume_after", "rfc3339");
        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resume_after", "2020-01-01T00:00:00Z")), HttpStatus.BAD_REQUEST, "resume_after", "future");
        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/resume", ruleId), HttpStatus.CONFLICT, "id", "not_paused");
        client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).header("If-Match", "\"7\"").exchange()
                .expectStatus().isEqualTo(HttpStatus.PRECONDITION_FAILED);
        client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).header("If-Match", "\"0\"")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("resume_after", resumeAfter, "reason", "Venue closed"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.rule_id").isEqualTo(ruleId)
                .jsonPath("$.status").isEqualTo("paused")
                .jsonPath("$.paused_at").isNotEmpty()
                .jsonPath("$.paused_by").isEqualTo("developer")
                .jsonPath("$.resume_after").isEqualTo(resumeAfter)
                .jsonPath("$.next_run").value(nextRun -> assertThat(Instant.parse((String) nextRun))
                        .isBetween(Instant.parse(resumeAfter), Instant.parse(resumeAfter).plus(1, ChronoUnit.DAYS)));
        String pausedAgain = new String(client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT).expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(pausedAgain).contains(ruleId, "\"rule\":\"paused\"");

        client.post().uri("/api/v1/schedules/rules/{id}/resume", ruleId).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("active")
                .jsonPath("$.paused_at").isEmpty()
                .jsonPath("$.paused_by").isEmpty()
                .jsonPath("$.resume_after").isEmpty()
                .jsonPath("$.next_run").isNotEmpty();
        client.delete().uri("/api/v1/schedules/rules/{id}", ruleId).exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("ETag", "\"3\"");
        expectProblem(client.delete().uri("/api/v1/schedules/rules/{id}", ruleId), HttpStatus.CONFLICT, "id", "deleted");
        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/pause", ruleId), HttpStatus.CONFLICT, "id", "deleted");
        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/pause", "rule-nowhere"), HttpStatus.NOT_FOUND, "id", "exists");
        expectProblem(client.post().uri("/api/v1/schedules/rules/{id}/resume", "rule-nowhere"), HttpStatus.NOT_FOUND, "id", "exists");
        expectProblem(client.delete().uri("/api/v1/schedules/rules/{id}", "rule-nowhere"), HttpStatus.NOT_FOUND, "id", "exists");

        try (TopicReader rules = new TopicReader(EmbeddedInfrastructure.sharedForTests().kafkaBootstrapServers(), Topics.RULES)) {
            assertThat(rules.awaitRecords(TopicReader.keyed(ruleId), 4))
                    .extracting(record -> TopicReader.header(record, CloudEventHeaders.TYPE))
                    .containsExactly("dev.almanac.rule.RuleCreated.v1", "dev.almanac.rule.RulePaused.v1",
                            "dev.almanac.rule.RuleResumed.v1", "dev.almanac.rule.RuleDeleted.v1");
        }
    }

    private void expectProblem(WebTestClient.RequestHeadersSpec<?> request, HttpStatus status, String field, String rule) {
        request.exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    private String createCalendar(int capacity, String policy) {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "America/New_York",
                        "capacity", capacity, "overbooking_policy", policy))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private String scheduleItem(String calendarId, Instant start, Instant end) {
        String id = "item-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(id, calendarId, start, end))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private WebTestClient.ResponseSpec reschedule(String itemId, Instant newTime, String ifMatch) {
        var request = client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(Map.of("new_time", newTime.toString())).exchange();
    }

    private static Map<String, Object> item(String id, String calendarId, Instant start, Instant end) {
        return Map.of("id", id, "calendar_id", calendarId, "title", "Quarterly review", "type", "meeting",
                "start", start.toString(), "end", end.toString(), "timezone", "America/New_York",
                "tags", List.of("finance"));
    }
}

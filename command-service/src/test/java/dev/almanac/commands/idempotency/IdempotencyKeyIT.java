package dev.almanac.commands.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.platform.consistency.ConsistencyToken;

/** Idempotency-Key on POST commands, against the real PostgreSQL that keeps the keys (ADR 0016). */
@CommandServiceIntegrationTest
class IdempotencyKeyIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    IdempotencyKeys keys;

    @Test
    void aRepeatedScheduleAnswersTheFirstResponseAndCreatesNothingNew() {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = schedule(calendarId, key).expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                .expectBody().returnResult();
        EntityExchangeResult<byte[]> again = schedule(calendarId, key).expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody().returnResult();

        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        for (String header : List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, ConsistencyToken.HEADER, HttpHeaders.CONTENT_TYPE)) {
            assertThat(again.getResponseHeaders().get(header)).as(header).isNotNull()
                    .isEqualTo(first.getResponseHeaders().get(header));
        }
        assertThat(bookings(calendarId)).isEqualTo(1);
    }

    @Test
    void aRepeatedRescheduleIsNotAppliedAgainAfterALaterMove() {
        String calendarId = createCalendar();
        String itemId = itemIdOf(schedule(calendarId, null).expectStatus().isCreated().expectBody().returnResult());
        String key = UUID.randomUUID().toString();

        EntityExchangeResult<byte[]> first = reschedule(itemId, NEXT_WEEK.plus(1, ChronoUnit.DAYS), key)
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"").expectBody().returnResult();
        reschedule(itemId, NEXT_WEEK.plus(2, ChronoUnit.DAYS), null).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"");

        EntityExchangeResult<byte[]> again = reschedule(itemId, NEXT_WEEK.plus(1, ChronoUnit.DAYS), key)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody().returnResult();

        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, "item:" + itemId)).isEqualTo(2);
    }

    @Test
    void aRepeatedBulkRescheduleAnswersTheFirstResponse() {
        String calendarId = createCalendar();
        String itemId = itemIdOf(schedule(calendarId, null).expectStatus().isCreated().expectBody().returnResult());
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("jobs", List.of(Map.of("job_id", itemId, "new_time",
                NEXT_WEEK.plus(3, ChronoUnit.DAYS).toString())));

        byte[] first = client.post().uri("/api/v1/schedules/bulk-reschedule").header(IdempotencyFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        client.post().uri("/api/v1/schedules/bulk-reschedule").header(IdempotencyFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(IdempotencyFilter.REPLAYED, "true")
                .expectBody().consumeWith(again -> assertThat(again.getResponseBody()).isEqualTo(first));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();
        schedule(calendarId, key).expectStatus().isCreated();

        client.post().uri("/api/v1/schedules").header(IdempotencyFilter.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(calendarId, NEXT_WEEK.plus(5, ChronoUnit.HOURS)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                .jsonPath("$.errors[0].rule").isEqualTo("idempotency_key_reuse");
        // The same key on another endpoint is another request too.
        client.post().uri("/api/v1/calendars").header(IdempotencyFilter.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(calendarId, NEXT_WEEK)).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(bookings(calendarId)).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstIsRunningIsAConflictToRetry() {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();
        byte[] body = json(item(calendarId, NEXT_WEEK));
        // The first request holds the key and has not answered yet.
        keys.claim("developer", key, IdempotencyFilter.fingerprint("POST", "/api/v1/schedules", null, null, body));

        client.post().uri("/api/v1/schedules").header(IdempotencyFilter.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "1")
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                .jsonPath("$.errors[0].rule").isEqualTo("in_progress");
        assertThat(bookings(calendarId)).isZero();
    }

    @Test
    void concurrentRequestsWithOneKeyApplyOnce() throws Exception {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();
        byte[] body = json(item(calendarId, NEXT_WEEK));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<EntityExchangeResult<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return client.post().uri("/api/v1/schedules").header(IdempotencyFilter.HEADER, key)
                            .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                            .expectBody().returnResult();
                }));
            }
            start.countDown();
            List<String> created = new ArrayList<>();
            for (Future<EntityExchangeResult<byte[]>> answer : answers) {
                EntityExchangeResult<byte[]> result = answer.get(60, TimeUnit.SECONDS);
                String text = new String(result.getResponseBody(), StandardCharsets.UTF_8);
                if (result.getStatus() == HttpStatus.CONFLICT) {
                    assertThat(text).contains("\"in_progress\"");
                } else {
                    assertThat(result.getStatus()).isEqualTo(HttpStatus.CREATED);
                    created.add(itemIdOf(result));
                }
            }
            assertThat(created).isNotEmpty().containsOnly(created.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(bookings(calendarId)).isEqualTo(1);
    }

    /**
     * The first run applied its command, but its answer was never kept (its process died). After the
     * in-progress timeout a repeat runs again, and its server-assigned id, derived from the key, makes
     * the creation a repeat of the first: still one item.
     */
    @Test
    void aRepeatAfterALostAnswerCreatesNothingNew() {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();
        String itemId = itemIdOf(schedule(calendarId, key).expectStatus().isCreated().expectBody().returnResult());
        jdbc.update("UPDATE idempotency_key SET state = 'in_progress', status = NULL, headers = NULL, body = NULL,"
                + " claimed_at = claimed_at - interval '1 minute' WHERE actor = 'developer' AND idempotency_key = ?", key);

        EntityExchangeResult<byte[]> again = schedule(calendarId, key).expectStatus().isOk()
                .expectHeader().doesNotExist(IdempotencyFilter.REPLAYED)
                .expectBody().returnResult();

        assertThat(itemIdOf(again)).isEqualTo(itemId);
        assertThat(bookings(calendarId)).isEqualTo(1);
    }

    @Test
    void anExpiredKeyIsFreeForANewRequest() {
        String calendarId = createCalendar();
        String key = UUID.randomUUID().toString();
        schedule(calendarId, key).expectStatus().isCreated();
        jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second'"
                + " WHERE actor = 'developer' AND idempotency_key = ?", key);

        client.post().uri("/api/v1/calendars").header(IdempotencyFilter.HEADER, key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Room", "type", "venue", "timezone", "UTC", "capacity", 1)).exchange()
                .expectStatus().isCreated();

        keys.purge();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE expires_at <= now()", Integer.class)).isZero();
    }

    @Test
    void keysAreScopedPerActor() {
        String key = UUID.randomUUID().toString();

        assertThat(keys.claim("alice", key, "a".repeat(64))).isInstanceOf(Claim.Claimed.class);
        assertThat(keys.claim("bob", key, "b".repeat(64))).isInstanceOf(Claim.Claimed.class);
        assertThat(keys.claim("alice", key, "b".repeat(64))).isInstanceOf(Claim.Mismatch.class);
    }

    @Test
    void aMalformedKeyIsRefusedAndNamed() {
        String calendarId = createCalendar();
        for (String malformed : List.of("", "k".repeat(256))) {
            client.post().uri("/api/v1/schedules").header(IdempotencyFilter.HEADER, malformed)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(item(calendarId, NEXT_WEEK)).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key")
                    .jsonPath("$.errors[0].rule").isEqualTo("idempotency_key");
        }
        client.post().uri("/api/v1/schedules").header(IdempotencyFilter.HEADER, "one", "two")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(item(calendarId, NEXT_WEEK)).exchange()
                .expectStatus().isBadRequest();
        assertThat(bookings(calendarId)).isZero();
        // HTTP clients refuse to send control characters themselves; the filter refuses them as well.
        assertThat(IdempotencyFilter.problemWith("key\u0001")).contains("control");
        assertThat(IdempotencyFilter.problemWith("tab\there")).contains("control");
        assertThat(IdempotencyFilter.problemWith("clé")).contains("ASCII");
        assertThat(IdempotencyFilter.problemWith("  ")).contains("empty");
        assertThat(IdempotencyFilter.problemWith("k".repeat(255))).isNull();
    }

    @Test
    void theOpenApiDocumentNamesTheKeyOnEveryPost() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/schedules'].post.parameters[?(@.name == 'Idempotency-Key')].in").isEqualTo("header")
                .jsonPath("$.paths['/api/v1/schedules/bulk-reschedule'].post.parameters[?(@.name == 'Idempotency-Key')]").exists()
                .jsonPath("$.paths['/api/v1/calendars'].post.parameters[?(@.name == 'Idempotency-Key')]").exists()
                .jsonPath("$.paths['/api/v1/schedules/bulk-reschedule'].post.responses['200'].headers['Almanac-Consistency-Token']")
                .doesNotExist()
                .jsonPath("$.paths['/api/v1/schedules/{id}/reschedule'].post.responses['200'].headers['Almanac-Consistency-Token']")
                .exists();
    }

    private WebTestClient.ResponseSpec schedule(String calendarId, String key) {
        var request = client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header(IdempotencyFilter.HEADER, key);
        }
        return request.bodyValue(item(calendarId, NEXT_WEEK)).exchange();
    }

    private WebTestClient.ResponseSpec reschedule(String itemId, Instant to, String key) {
        var request = client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).contentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            request = request.header(IdempotencyFilter.HEADER, key);
        }
        return request.bodyValue(Map.of("new_time", to.toString())).exchange();
    }

    private String createCalendar() {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "America/New_York",
                        "capacity", 10, "overbooking_policy", "block"))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private int bookings(String calendarId) {
        return jdbc.queryForObject("SELECT count(*) FROM calendar_booking WHERE calendar_id = ?", Integer.class, calendarId);
    }

    private static String itemIdOf(EntityExchangeResult<byte[]> result) {
        String location = result.getResponseHeaders().getLocation().toString();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> item(String calendarId, Instant start) {
        return Map.of("calendar_id", calendarId, "title", "Keyed", "type", "meeting", "start", start.toString(),
                "end", start.plus(1, ChronoUnit.HOURS).toString(), "timezone", "America/New_York");
    }

    private static byte[] json(Map<String, Object> body) {
        StringBuilder json = new StringBuilder("{");
        body.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":\"")
                .append(value).append('"'));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}

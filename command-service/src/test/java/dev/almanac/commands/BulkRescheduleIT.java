package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.platform.consistency.ConsistencyToken;

/** {@code POST /api/v1/schedules/bulk-reschedule}: all or nothing, against the real event store (ADR 0016). */
@CommandServiceIntegrationTest
class BulkRescheduleIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final String BULK = "/api/v1/schedules/bulk-reschedule";

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void movesEveryJobAndAnswersEachOldAndNewTimeVersionAndToken() {
        String calendarId = createCalendar(5, "block");
        String first = scheduleItem(calendarId, at(0));
        String second = scheduleItem(calendarId, at(2));

        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(first, at(24)), Map.of("job_id", second, "new_time", at(26).toString(),
                                "expected_version", 0)),
                        "reason", "Load balancing", "timezone", "Asia/Kathmandu"))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().doesNotExist("ETag")
                .expectHeader().doesNotExist(ConsistencyToken.HEADER)
                .expectBody()
                .jsonPath("$.jobs.length()").isEqualTo(2)
                .jsonPath("$.jobs[0].job_id").isEqualTo(first)
                .jsonPath("$.jobs[0].old_time").isEqualTo(at(0).toString())
                .jsonPath("$.jobs[0].new_time").isEqualTo(at(24).toString())
                .jsonPath("$.jobs[0].local_time").value(local -> assertThat((String) local).endsWith("NPT"))
                .jsonPath("$.jobs[0].version").isEqualTo(1)
                .jsonPath("$.jobs[0].consistency_token").isEqualTo(ConsistencyToken.item(first, 1).encode())
                .jsonPath("$.jobs[0].audit_id").isNotEmpty()
                .jsonPath("$.jobs[1].job_id").isEqualTo(second)
                .jsonPath("$.jobs[1].old_time").isEqualTo(at(2).toString())
                .jsonPath("$.jobs[1].new_time").isEqualTo(at(26).toString())
                .jsonPath("$.reason").isEqualTo("Load balancing")
                .jsonPath("$.rescheduled_by").isEqualTo("developer");

        assertThat(storedVersion(first)).isEqualTo(1);
        assertThat(storedVersion(second)).isEqualTo(1);
        assertThat(bookedStart(first)).isEqualTo(at(24));
        assertThat(bookedStart(second)).isEqualTo(at(26));
    }

    @Test
    void aRefusedThirdMoveOfFiveLeavesAllFiveItemsUnmoved() {
        String calendarId = createCalendar(1, "block");
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(scheduleItem(calendarId, at(2 * i)));
        }
        String inTheWay = scheduleItem(calendarId, at(40));
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // The third move lands on the item in the way; the others are free to go.
            jobs.add(job(items.get(i), i == 2 ? at(40) : at(20 + 2 * i)));
        }

        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("jobs", jobs)).exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("jobs[2].new_time")
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-023")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(inTheWay))
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("1 of 5", "none was applied"));

        for (int i = 0; i < 5; i++) {
            String item = items.get(i);
            assertThat(storedVersion(item)).as("events of item %d", i).isEqualTo(0);
            assertThat(bookedStart(item)).as("booking of item %d", i).isEqualTo(at(2 * i));
            // The item held in memory was moved during the check; the rollback must have dropped it.
            client.post().uri("/api/v1/schedules/{id}/reschedule", item).contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", "\"0\"").bodyValue(Map.of("new_time", at(60 + 2 * i).toString())).exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("ETag", "\"1\"")
                    .expectBody().jsonPath("$.old_time").isEqualTo(at(2 * i).toString());
        }
    }

    @Test
    void everyRefusedMoveIsNamedByItsIndex() {
        String calendarId = createCalendar(5, "allow");
        String cancelled = scheduleItem(calendarId, at(0));
        client.post().uri("/api/v1/schedules/{id}/cancel", cancelled).exchange().expectStatus().isOk();
        String changed = scheduleItem(calendarId, at(2));
        String fine = scheduleItem(calendarId, at(4));

        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(fine, at(30)), job(cancelled, at(32)),
                        Map.of("job_id", changed, "new_time", at(34).toString(), "expected_version", 3))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("jobs[1].job_id")
                .jsonPath("$.errors[0].rule").isEqualTo("cancelled")
                .jsonPath("$.errors[1].field").isEqualTo("jobs[2].expected_version")
                .jsonPath("$.errors[1].rule").isEqualTo("current_version");

        // An unknown item outranks the clashes: the batch names something that does not exist.
        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(cancelled, at(32)), job("item-nowhere-" + UUID.randomUUID(), at(36)))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("jobs[0].job_id")
                .jsonPath("$.errors[1].field").isEqualTo("jobs[1].job_id")
                .jsonPath("$.errors[1].rule").isEqualTo("exists");

        // A move into the past is invalid input, which outranks everything else.
        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(cancelled, at(32)), job(fine, Instant.parse("2020-01-01T00:00:00Z")))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectBody()
                .jsonPath("$.errors[1].field").isEqualTo("jobs[1].new_time")
                .jsonPath("$.errors[1].rule").isEqualTo("SCH-004");

        assertThat(storedVersion(fine)).isEqualTo(0);
        assertThat(storedVersion(changed)).isEqualTo(0);
    }

    @Test
    void twoMovesIntoTheLastPlaceOfASlotAreRefusedTogether() {
        String calendarId = createCalendar(1, "block");
        String first = scheduleItem(calendarId, at(0));
        String second = scheduleItem(calendarId, at(2));

        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(first, at(10)), job(second, at(10)))))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("SCH-023");

        assertThat(bookedStart(first)).isEqualTo(at(0));
        assertThat(bookedStart(second)).isEqualTo(at(2));
    }

    @Test
    void itemsSwapPlacesOnAFullCalendar() {
        String calendarId = createCalendar(1, "block");
        String first = scheduleItem(calendarId, at(0));
        String second = scheduleItem(calendarId, at(2));

        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jobs", List.of(job(first, at(2)), job(second, at(0)))))
                .exchange()
                .expectStatus().isOk();

        assertThat(bookedStart(first)).isEqualTo(at(2));
        assertThat(bookedStart(second)).isEqualTo(at(0));
    }

    /**
     * Each round, two batches share an item, and each would take the slot at +16 h that only one
     * can have on a calendar of capacity 1. Exactly one wins, and the calendar is never over-booked.
     */
    @Test
    void racingBatchesOverOverlappingItemsNeverOverbook() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String calendarId = createCalendar(1, "block");
                String a = scheduleItem(calendarId, at(0));
                String b = scheduleItem(calendarId, at(2));
                String c = scheduleItem(calendarId, at(4));
                List<HttpStatus> statuses = race(pool,
                        Map.of("jobs", List.of(job(a, at(16)), job(b, at(18)))),
                        Map.of("jobs", List.of(job(c, at(16)), job(b, at(20)))));

                assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.OK, HttpStatus.CONFLICT);
                assertThat(peakBookings(calendarId)).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each round, two batches move items on the same two calendars, visiting them in opposite
     * orders by item id. The calendars' guards are taken in one fixed order, so neither batch
     * waits for the other in a cycle: both succeed, every round.
     */
    @Test
    void batchesOverTheSameCalendarsInOppositeOrdersNeverDeadlock() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String one = createCalendar(4, "block");
                String two = createCalendar(4, "block");
                String prefix = "item-" + UUID.randomUUID();
                String a = scheduleItem(prefix + "-a", one, at(0));
                String b = scheduleItem(prefix + "-b", two, at(0));
                String c = scheduleItem(prefix + "-c", two, at(2));
                String d = scheduleItem(prefix + "-d", one, at(2));

                List<HttpStatus> statuses = race(pool,
                        Map.of("jobs", List.of(job(a, at(10)), job(b, at(10)))),
                        Map.of("jobs", List.of(job(c, at(12)), job(d, at(12)))));

                assertThat(statuses).as("round %d", round).containsExactly(HttpStatus.OK, HttpStatus.OK);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badBatchesAreRefusedWholeAndNameTheField() {
        String calendarId = createCalendar(5, "allow");
        String item = scheduleItem(calendarId, at(0));
        List<Map<String, Object>> tooMany = IntStream.range(0, 101)
                .mapToObj(i -> job("item-" + i, at(10))).toList();

        expectProblem(Map.of("jobs", tooMany), "jobs", "max_batch");
        expectProblem(Map.of("jobs", List.of()), "jobs", "min_batch");
        expectProblem(Map.of("reason", "nothing"), "jobs", "required");
        expectProblem(Map.of("jobs", List.of(job(item, at(10)), job(item, at(12)))), "jobs[1].job_id", "unique");
        expectProblem(Map.of("jobs", List.of(job("bad id!", at(10)))), "jobs[0].job_id", "pattern");
        expectProblem(Map.of("jobs", List.of(Map.of("job_id", item))), "jobs[0].new_time", "required");
        expectProblem(Map.of("jobs", List.of(Map.of("job_id", item, "new_time", at(10).toString(), "expected_version", -1))),
                "jobs[0].expected_version", "range");
        expectProblem(Map.of("jobs", List.of(job(item, at(10))), "timezone", "EST"), "timezone", "iana_zone");
        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"jobs\": [null]}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("jobs[0]");

        assertThat(storedVersion(item)).isEqualTo(0);
    }

    private void expectProblem(Map<String, Object> body, String field, String rule) {
        client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    private List<HttpStatus> race(ExecutorService pool, Map<String, Object> first, Map<String, Object> second) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpStatus>> answers = new ArrayList<>();
        for (Map<String, Object> body : List.of(first, second)) {
            answers.add(pool.submit(() -> {
                start.await();
                return HttpStatus.valueOf(client.post().uri(BULK).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                        .exchange().returnResult(String.class).getStatus().value());
            }));
        }
        start.countDown();
        List<HttpStatus> statuses = new ArrayList<>();
        for (Future<HttpStatus> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }
        return statuses;
    }

    /** The most bookings of the calendar's ledger that hold one instant. */
    private int peakBookings(String calendarId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT start_at, end_at FROM calendar_booking WHERE calendar_id = ?", calendarId);
        Map<Instant, Integer> deltas = new HashMap<>();
        for (Map<String, Object> row : rows) {
            deltas.merge(((Timestamp) row.get("start_at")).toInstant(), 1, Integer::sum);
            deltas.merge(((Timestamp) row.get("end_at")).toInstant(), -1, Integer::sum);
        }
        int current = 0;
        int peak = 0;
        for (Instant instant : deltas.keySet().stream().sorted().toList()) {
            current += deltas.get(instant);
            peak = Math.max(peak, current);
        }
        return peak;
    }

    private long storedVersion(String itemId) {
        Long version = jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, "item:" + itemId);
        assertThat(eventStore.lastSequenceNumberFor("item:" + itemId)).contains(version);
        return version;
    }

    private Instant bookedStart(String itemId) {
        return jdbc.queryForObject("SELECT start_at FROM calendar_booking WHERE item_id = ?", Timestamp.class, itemId)
                .toInstant();
    }

    private static Instant at(int hours) {
        return NEXT_WEEK.plus(hours, ChronoUnit.HOURS);
    }

    private static Map<String, Object> job(String itemId, Instant newTime) {
        return Map.of("job_id", itemId, "new_time", newTime.toString());
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

    private String scheduleItem(String calendarId, Instant start) {
        return scheduleItem("item-" + UUID.randomUUID(), calendarId, start);
    }

    private String scheduleItem(String id, String calendarId, Instant start) {
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "calendar_id", calendarId, "title", "Batch member", "type", "meeting",
                        "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(),
                        "timezone", "America/New_York"))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }
}

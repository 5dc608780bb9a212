package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;


/**
 * Issue 8's capacity proof: on a calendar that blocks overbooking, concurrent requests for one slot
 * never take more places than it has, whether they schedule new items or move existing ones there.
 */
@CommandServiceIntegrationTest
class CapacityUnderConcurrencyIT {

    private static final Instant SLOT = Instant.now().plus(9, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    private final ExecutorService pool = Executors.newFixedThreadPool(50);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void fiftyParallelBookingsOfOneSlotOnACalendarOfFiveGiveFiveAndFortyFiveRefusals() throws Exception {
        String calendarId = createCalendar(5);

        List<HttpStatus> outcomes = inParallel(IntStream.range(0, 50).<Callable<HttpStatus>>mapToObj(i -> () -> status(
                client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(item("item-" + UUID.randomUUID(), calendarId, SLOT)))).toList());

        assertThat(outcomes).filteredOn(status -> status == HttpStatus.CREATED).hasSize(5);
        assertThat(outcomes).filteredOn(status -> status == HttpStatus.CONFLICT).hasSize(45);
        // The five places are taken: one more, alone, is refused too.
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("item-" + UUID.randomUUID(), calendarId, SLOT.plus(30, ChronoUnit.MINUTES)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("SCH-023");
    }

    @Test
    void tenParallelMovesIntoOneSlotOnACalendarOfTwoGiveTwo() throws Exception {
        String calendarId = createCalendar(2);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "item-" + UUID.randomUUID();
            client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(item(id, calendarId, SLOT.plus(2L * (i + 1), ChronoUnit.HOURS)))
                    .exchange()
                    .expectStatus().isCreated();
            items.add(id);
        }

        List<HttpStatus> outcomes = inParallel(items.stream().<Callable<HttpStatus>>map(id -> () -> status(
                client.post().uri("/api/v1/schedules/{id}/reschedule", id).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("new_time", SLOT.toString())))).toList());

        assertThat(outcomes).filteredOn(status -> status == HttpStatus.OK).hasSize(2);
        assertThat(outcomes).filteredOn(status -> status == HttpStatus.CONFLICT).hasSize(8);
    }

    private List<HttpStatus> inParallel(List<Callable<HttpStatus>> attempts) throws Exception {
        List<HttpStatus> outcomes = new ArrayList<>();
        for (Future<HttpStatus> outcome : pool.invokeAll(attempts)) {
            outcomes.add(outcome.get());
        }
        return outcomes;
    }

    private static HttpStatus status(WebTestClient.RequestHeadersSpec<?> request) {
        return (HttpStatus) request.exchange().returnResult(String.class).getStatus();
    }

    private String createCalendar(int capacity) {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "UTC",
                        "capacity", capacity, "overbooking_policy", "block"))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private static Map<String, Object> item(String id, String calendarId, Instant start) {
        return Map.of("id", id, "calendar_id", calendarId, "title", "Slot", "type", "meeting",
                "start", start.toString(), "end", start.plus(60, ChronoUnit.MINUTES).toString(), "timezone", "UTC");
    }
}

package dev.almanac.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.commands.support.ScheduleClient;

/** Issue 8's undo over HTTP on the real event store: compensating events, the capacity guard, one undo per change. */
@CommandServiceIntegrationTest
class UndoIT {

    private static final Instant SLOT = Instant.now().plus(12, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aMoveIsUndoneOnceAndTheItemIsBackWhereItWas() {
        String calendarId = createCalendar(1);
        String item = schedule(calendarId, SLOT, HttpStatus.CREATED);
        client.post().uri("/api/v1/schedules/{id}/reschedule", item).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", SLOT.plus(3, ChronoUnit.HOURS).toString()))
                .exchange()
                .expectStatus().isOk();

        undo(item).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.start").isEqualTo(SLOT.toString())
                .jsonPath("$.status").isEqualTo("scheduled");
        undo(item).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("nothing_to_undo");
        ScheduleClient schedules = new ScheduleClient(client, jdbc, eventStore);
        assertThat(schedules.linkedChanges(item, 1)).as("a single item's move changes no linked item").isEmpty();
        assertThat(schedules.linkedChanges(item, 2)).as("nor does its undo").isEmpty();
        // The slot it left is free again for another booking; the one it came back to is taken.
        schedule(calendarId, SLOT.plus(3, ChronoUnit.HOURS), HttpStatus.CREATED);
        schedule(calendarId, SLOT, HttpStatus.CONFLICT);
    }

    @Test
    void anUndoneCancellationTakesThePlaceBackUnlessSomeoneTookIt() {
        String calendarId = createCalendar(1);
        String item = schedule(calendarId, SLOT, HttpStatus.CREATED);
        client.post().uri("/api/v1/schedules/{id}/cancel", item).exchange().expectStatus().isOk();
        String taker = schedule(calendarId, SLOT, HttpStatus.CREATED);

        undo(item).expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody().jsonPath("$.errors[0].rule").isEqualTo("SCH-023");

        client.post().uri("/api/v1/schedules/{id}/cancel", taker).exchange().expectStatus().isOk();
        undo(item).expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("scheduled");
        schedule(calendarId, SLOT, HttpStatus.CONFLICT);
        undo("item-" + UUID.randomUUID()).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec undo(String item) {
        return client.post().uri("/api/v1/schedules/{id}/undo", item).exchange();
    }

    private String schedule(String calendarId, Instant start, HttpStatus expected) {
        String id = "item-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "calendar_id", calendarId, "title", "Booking", "type", "meeting",
                        "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(), "timezone", "UTC"))
                .exchange()
                .expectStatus().isEqualTo(expected);
        return id;
    }

    private String createCalendar(int capacity) {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", "UTC", "capacity", capacity,
                        "overbooking_policy", "block"))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }
}

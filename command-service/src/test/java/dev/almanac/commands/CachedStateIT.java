package dev.almanac.commands;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.commands.support.CommandServiceIntegrationTest;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;

/**
 * Items and calendar terms are held in memory between commands (ADR 0011). These tests write
 * to the event store behind that memory, as another command-service replica would, and show
 * that the next command acts on the stored state, not on the held copy.
 */
@CommandServiceIntegrationTest
class CachedStateIT {

    private static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    WebTestClient client;

    @Autowired
    EventStore eventStore;

    @Test
    void aRescheduleActsOnAMoveThatAnotherReplicaMade() {
        String calendarId = createCalendar("allow");
        String itemId = schedule(calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS));
        Instant first = NEXT_WEEK.plus(1, ChronoUnit.DAYS);
        reschedule(itemId, first).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");

        Instant elsewhere = NEXT_WEEK.plus(2, ChronoUnit.DAYS);
        appendBehindTheCache("Item", "item:" + itemId, 2, new ItemRescheduled(ItemId.of(itemId), CalendarId.of(calendarId),
                first, first.plus(1, ChronoUnit.HOURS), elsewhere, elsewhere.plus(1, ChronoUnit.HOURS), "another replica"));

        Instant last = NEXT_WEEK.plus(3, ChronoUnit.DAYS);
        reschedule(itemId, last)
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody()
                .jsonPath("$.old_time").isEqualTo(elsewhere.toString())
                .jsonPath("$.new_time").isEqualTo(last.toString());
    }

    @Test
    void anItemRespectsCalendarTermsThatAnotherReplicaChanged() {
        String calendarId = createCalendar("allow");
        schedule(calendarId, NEXT_WEEK, NEXT_WEEK.plus(1, ChronoUnit.HOURS));

        // No command changes a calendar's terms yet; a second creation event stands in for one.
        appendBehindTheCache("Calendar", "calendar:" + calendarId, 1, new CalendarCreated(CalendarId.of(calendarId),
                "Room", CalendarType.VENUE, NEW_YORK, 1, OverbookingPolicy.BLOCK));

        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item("item-" + UUID.randomUUID(), calendarId, NEXT_WEEK.plus(30, ChronoUnit.MINUTES)))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("SCH-023");
    }

    private void appendBehindTheCache(String aggregateType, String storeId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, storeId, sequence, payload));
    }

    private String createCalendar(String policy) {
        String id = "cal-" + UUID.randomUUID();
        client.post().uri("/api/v1/calendars").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "name", "Room", "type", "venue", "timezone", NEW_YORK.getId(),
                        "capacity", 1, "overbooking_policy", policy))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private String schedule(String calendarId, Instant start, Instant end) {
        String id = "item-" + UUID.randomUUID();
        client.post().uri("/api/v1/schedules").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(item(id, calendarId, start))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    private WebTestClient.ResponseSpec reschedule(String itemId, Instant to) {
        return client.post().uri("/api/v1/schedules/{id}/reschedule", itemId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("new_time", to.toString(), "reason", "cache test"))
                .exchange();
    }

    private static Map<String, Object> item(String id, String calendarId, Instant start) {
        return Map.of("id", id, "calendar_id", calendarId, "title", "Cache check", "type", "meeting",
                "start", start.toString(), "end", start.plus(1, ChronoUnit.HOURS).toString(), "timezone", NEW_YORK.getId());
    }
}

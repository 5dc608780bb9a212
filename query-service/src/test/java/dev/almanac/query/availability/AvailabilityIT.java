package dev.almanac.query.availability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.EmbeddedQueryService;
import dev.almanac.query.support.ReadModelFixture;

/** Availability from records on the topics to the HTTP answers, and the endpoints as the OpenAPI document declares them. */
class AvailabilityIT extends EmbeddedQueryService {

    @Test
    void busyIntervalsFollowItemsScheduledAndCancelledOnTheTopics() {
        String calendar = unique("cal");
        ItemScheduled review = ReadModelFixture.item(unique("item"), calendar, "meeting", Instant.parse("2026-12-01T15:00:00Z"),
                Duration.ofHours(1));
        ItemScheduled gala = ReadModelFixture.item(unique("item"), calendar, "meeting", Instant.parse("2026-12-01T16:00:00Z"),
                Duration.ofHours(1));
        publish(ReadModelFixture.calendar(calendar, ZoneId.of("America/New_York")), 0);
        publish(review, 0);
        publish(gala, 0);
        publish(new ItemCancelled(gala.itemId(), CalendarId.of(calendar), gala.start(), gala.end(), "called off"), 1);

        await().atMost(PROJECTION_DEADLINE).untilAsserted(() -> client.get()
                .uri("/api/v1/calendars/{id}/freebusy?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.busy.length()").isEqualTo(1)
                .jsonPath("$.busy[0].start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.busy[0].end").isEqualTo("2026-12-01T16:00:00Z"));
        client.get().uri("/api/v1/calendars/{id}/availability/slots?from=2026-12-01T14:00:00Z&till=2026-12-01T18:00:00Z&duration=1h",
                        calendar)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots.length()").isEqualTo(2)
                .jsonPath("$.slots[0].start").isEqualTo("2026-12-01T16:30:00Z")
                .jsonPath("$.slots[0].local_start").isEqualTo("2026-12-01T11:30:00-05:00")
                .jsonPath("$.slots[1].start").isEqualTo("2026-12-01T17:00:00Z");
        client.post().uri("/api/v1/calendars/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", List.of(calendar, unique("cal")), "from", "2026-12-01T16:15:00Z",
                        "till", "2026-12-01T17:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars[0].status").isEqualTo("available")
                .jsonPath("$.calendars[1].status").isEqualTo("unknown");
    }

    @Test
    void theOpenApiDocumentDeclaresEveryParameterForTheFuzzSuite() {
        client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/calendars/{id}/availability/slots'].get.parameters[*].name")
                .isEqualTo(List.of("id", "from", "till", "duration", "increment", "buffer", "timezone", "consistency_token"))
                .jsonPath("$.paths['/api/v1/calendars/{id}/availability/slots'].get.responses['404']").exists()
                .jsonPath("$.paths['/api/v1/calendars/{id}/freebusy'].get.parameters[*].name")
                .isEqualTo(List.of("id", "from", "till", "consistency_token"))
                .jsonPath("$.paths['/api/v1/calendars/availability/check-multiple'].post.requestBody.required").isEqualTo(true)
                .jsonPath("$.paths['/api/v1/calendars/availability/check-multiple'].post.parameters[*].name").isEqualTo(List.of("consistency_token"))
                .jsonPath("$.components.schemas.CheckMultipleRequest.required").isEqualTo(List.of("calendar_ids", "from", "till"))
                .jsonPath("$.components.schemas.CheckMultipleRequest.properties.calendar_ids.maxItems").isEqualTo(50)
                .jsonPath("$.components.schemas.CheckMultipleRequest.properties.from.format").isEqualTo("date-time")
                .jsonPath("$.components.schemas.CheckMultipleRequest.properties.buffer").exists()
                .jsonPath("$.components.schemas.CalendarAvailability.properties.status.enum")
                .isEqualTo(List.of("available", "busy", "unknown"))
                .jsonPath("$.components.schemas.FreeSlot.properties.local_start").exists();
    }
}

package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.calendar.UnavailableRange;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.occurrence.OccurrenceRetracted;
import dev.almanac.events.occurrence.RetractionReason;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** The resource reads of seed 003 over the real read models, with data written through the projections. */
@QueryApiTest
class ResourceAvailabilityApiTest extends ReadModelApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aResourceIsReadByIdWithItsUnavailableRangesAndItsVersionAsETag() {
        readModels.given(resource("res-room", ResourceType.VENUE, NEW_YORK),
                unavailable("res-room", "2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z", "Painting"));

        client.get().uri("/api/v1/resources/res-room")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo("res-room")
                .jsonPath("$.name").isEqualTo("Resource res-room")
                .jsonPath("$.type").isEqualTo("venue")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.unavailable[0].start").isEqualTo("2026-12-02T00:00:00Z")
                .jsonPath("$.unavailable[0].end").isEqualTo("2026-12-03T00:00:00Z")
                .jsonPath("$.unavailable[0].reason").isEqualTo("Painting")
                .jsonPath("$.version").isEqualTo(1);
        client.get().uri("/api/v1/resources/res-missing").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("exists");
        client.get().uri("/api/v1/resources/{id}", "bad id!").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id").jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    /** Free/busy tells when, never what: no id, title or count of the items that book the resource. */
    @Test
    void theAvailabilityOfAResourceNamesItsUnavailableRangesAndWhenItIsBookedButNothingOfTheItems() {
        readModels.given(resource("res-room", ResourceType.VENUE, NEW_YORK),
                unavailable("res-room", "2026-12-01T18:00:00Z", "2026-12-01T20:00:00Z", "Cleaning"),
                booking("review", "cal-a", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "res-room"),
                booking("party", "cal-b", "2026-12-01T15:30:00Z", "2026-12-01T17:00:00Z", "res-room"),
                booking("elsewhere", "cal-a", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "res-other"));

        Map<String, Object> answer = client.get()
                .uri("/api/v1/resources/res-room/availability?from=2026-12-01T14:00:00Z&till=2026-12-01T19:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();

        assertThat(answer).containsOnlyKeys("resource_id", "name", "type", "timezone", "from", "till", "buffer", "checked_from",
                "checked_till", "status", "available", "unavailable", "busy");
        assertThat(answer).containsEntry("status", "unavailable").containsEntry("available", false)
                .containsEntry("buffer", "PT15M").containsEntry("checked_from", "2026-12-01T13:45:00Z")
                .containsEntry("busy", List.of(Map.of("start", "2026-12-01T15:00:00Z", "end", "2026-12-01T17:00:00Z")))
                .containsEntry("unavailable", List.of(Map.of("start", "2026-12-01T18:00:00Z", "end", "2026-12-01T20:00:00Z",
                        "reason", "Cleaning")));
        assertThat(status("res-room", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z")).isEqualTo("busy");
        assertThat(status("res-room", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z")).isEqualTo("available");
    }

    @Test
    void aCancelledBookingAndAFreedRangeNoLongerCount() {
        readModels.given(resource("res-room", ResourceType.STAFF, NEW_YORK),
                unavailable("res-room", "2026-12-01T08:00:00Z", "2026-12-01T12:00:00Z", "Training"),
                booking("review", "cal-a", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "res-room"));
        assertThat(status("res-room", "2026-12-01T09:00:00Z", "2026-12-01T16:00:00Z")).isEqualTo("unavailable");

        readModels.given(new ItemCancelled(ItemId.of("review"), CalendarId.of("cal-a"), Instant.parse("2026-12-01T15:00:00Z"),
                        Instant.parse("2026-12-01T16:00:00Z"), "called off"),
                new ResourceMarkedAvailable(ResourceId.of("res-room"), Instant.parse("2026-12-01T08:00:00Z"),
                        Instant.parse("2026-12-01T12:00:00Z"), List.of(new UnavailableRange(Instant.parse("2026-12-01T08:00:00Z"),
                        Instant.parse("2026-12-01T12:00:00Z"), "Training")), null));

        assertThat(status("res-room", "2026-12-01T09:00:00Z", "2026-12-01T16:00:00Z")).isEqualTo("available");
    }

    /** ADR 0029: a rule's materialised occurrence books the resource like an item, and frees it once retracted. */
    @Test
    void aRuleOccurrenceMakesTheResourceBusyAndTakesItsSlotsUntilItIsRetracted() {
        OccurrenceId standup = OccurrenceId.of(RuleId.of("rule-standup"), Instant.parse("2026-12-01T15:00:00Z"));
        OccurrenceMaterialized occurrence = new OccurrenceMaterialized(standup, RuleId.of("rule-standup"), 0, CalendarId.of("cal-a"),
                "Standup", "meeting", Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T15:00:00Z"),
                Instant.parse("2026-12-01T16:00:00Z"), NEW_YORK, LocalDateTime.parse("2026-12-01T10:00:00"), DstPolicy.DEFAULT,
                DstResolution.EXACT, "2025b", null, null, List.of(new ResourceBooking(ResourceId.of("res-room"), ResourceRole.PRIMARY)));
        readModels.given(resource("res-room", ResourceType.VENUE, NEW_YORK), occurrence);

        assertThat(status("res-room", "2026-12-01T15:30:00Z", "2026-12-01T16:30:00Z")).isEqualTo("busy");
        assertThat(slotStarts("/api/v1/resources/res-room/availability/slots?from=2026-12-01T14:00:00Z&till=2026-12-01T17:00:00Z"
                + "&buffer=0m")).containsExactly("2026-12-01T14:00:00Z", "2026-12-01T14:30:00Z", "2026-12-01T16:00:00Z",
                "2026-12-01T16:30:00Z");
        client.post().uri("/api/v1/resources/availability/check-multiple").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resource_ids", List.of("res-room"), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.resources[0].status").isEqualTo("busy");

        readModels.given(new OccurrenceRetracted(standup, RuleId.of("rule-standup"), 1, CalendarId.of("cal-a"), occurrence.start(),
                occurrence.end(), RetractionReason.RULE_PAUSED));

        assertThat(status("res-room", "2026-12-01T15:30:00Z", "2026-12-01T16:30:00Z")).isEqualTo("available");
    }

    @Test
    void freeSlotsAvoidBookingsAndUnavailabilityWithTheDefaultBufferOnTheResourcesWallClock() {
        readModels.given(resource("res-room", ResourceType.VENUE, NEW_YORK),
                booking("review", "cal-a", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z", "res-room"),
                unavailable("res-room", "2026-12-01T17:00:00Z", "2026-12-01T17:30:00Z", "Cleaning"));

        client.get().uri("/api/v1/resources/res-room/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T19:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resource_id").isEqualTo("res-room")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.duration").isEqualTo("PT30M")
                .jsonPath("$.increment").isEqualTo("PT30M")
                .jsonPath("$.buffer").isEqualTo("PT15M")
                .jsonPath("$.slots[0].local_start").isEqualTo("2026-12-01T08:00:00-05:00");
        assertThat(slotStarts("/api/v1/resources/res-room/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T19:00:00Z"))
                .containsExactly("2026-12-01T13:00:00Z", "2026-12-01T13:30:00Z", "2026-12-01T14:00:00Z",
                        "2026-12-01T18:00:00Z", "2026-12-01T18:30:00Z");
        assertThat(slotStarts("/api/v1/resources/res-room/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T19:00:00Z"
                + "&buffer=0m&duration=1h&increment=1h"))
                .containsExactly("2026-12-01T13:00:00Z", "2026-12-01T14:00:00Z", "2026-12-01T16:00:00Z", "2026-12-01T18:00:00Z");
    }

    /** 2027-03-14 in New York has no 02:00 to 03:00: the half hours of the gap give no slot. */
    @Test
    void theSpringForwardGapGivesNoSlot() {
        readModels.given(resource("res-room", ResourceType.EQUIPMENT, NEW_YORK));

        assertThat(slotStarts("/api/v1/resources/res-room/availability/slots?from=2027-03-14T05:00:00Z&till=2027-03-14T08:00:00Z"
                + "&buffer=0m"))
                .containsExactly("2027-03-14T05:00:00Z", "2027-03-14T05:30:00Z", "2027-03-14T06:00:00Z", "2027-03-14T06:30:00Z",
                        "2027-03-14T07:00:00Z", "2027-03-14T07:30:00Z");
        client.get().uri("/api/v1/resources/res-room/availability/slots?from=2027-03-14T05:00:00Z&till=2027-03-14T08:00:00Z&buffer=0m")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots[1].local_start").isEqualTo("2027-03-14T00:30:00-05:00")
                .jsonPath("$.slots[3].local_start").isEqualTo("2027-03-14T01:30:00-05:00")
                .jsonPath("$.slots[4].local_start").isEqualTo("2027-03-14T03:00:00-04:00");
    }

    @Test
    void checksSeveralResourcesInTheOrderAskedWithTheirSlotsAndReportsAnUnknownOneInItsPlace() {
        readModels.given(resource("res-busy", ResourceType.STAFF, NEW_YORK), resource("res-free", ResourceType.EQUIPMENT, ZoneId.of("UTC")),
                resource("res-away", ResourceType.STAFF, NEW_YORK),
                booking("late", "cal-a", "2026-12-01T16:05:00Z", "2026-12-01T17:00:00Z", "res-busy"),
                booking("after-buffer", "cal-a", "2026-12-01T16:15:00Z", "2026-12-01T17:00:00Z", "res-free"),
                unavailable("res-away", "2026-12-01T00:00:00Z", "2026-12-08T00:00:00Z", "Leave"));

        client.post().uri("/api/v1/resources/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resource_ids", List.of("res-free", "res-missing", "res-busy", "res-away"),
                        "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z", "include_slots", true))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.buffer").isEqualTo("PT15M")
                .jsonPath("$.checked_from").isEqualTo("2026-12-01T14:45:00Z")
                .jsonPath("$.checked_till").isEqualTo("2026-12-01T16:15:00Z")
                .jsonPath("$.duration").isEqualTo("PT30M")
                .jsonPath("$.resources.length()").isEqualTo(4)
                .jsonPath("$.resources[0].resource_id").isEqualTo("res-free")
                .jsonPath("$.resources[0].status").isEqualTo("available")
                .jsonPath("$.resources[0].available").isEqualTo(true)
                .jsonPath("$.resources[0].type").isEqualTo("equipment")
                .jsonPath("$.resources[0].free_slots[*].start").isEqualTo(List.of("2026-12-01T15:00:00Z", "2026-12-01T15:30:00Z"))
                .jsonPath("$.resources[1].resource_id").isEqualTo("res-missing")
                .jsonPath("$.resources[1].status").isEqualTo("unknown")
                .jsonPath("$.resources[1].available").doesNotExist()
                .jsonPath("$.resources[1].free_slots").doesNotExist()
                .jsonPath("$.resources[2].status").isEqualTo("busy")
                .jsonPath("$.resources[2].busy[0].start").isEqualTo("2026-12-01T16:05:00Z")
                .jsonPath("$.resources[2].busy[0].end").isEqualTo("2026-12-01T16:15:00Z")
                .jsonPath("$.resources[2].free_slots[*].start").isEqualTo(List.of("2026-12-01T15:00:00Z"))
                .jsonPath("$.resources[3].status").isEqualTo("unavailable")
                .jsonPath("$.resources[3].unavailable[0].reason").isEqualTo("Leave")
                .jsonPath("$.resources[3].free_slots.length()").isEqualTo(0);
        client.post().uri("/api/v1/resources/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resource_ids", List.of("res-busy"), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z",
                        "buffer", "0m"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resources[0].status").isEqualTo("available")
                .jsonPath("$.resources[0].free_slots").doesNotExist()
                .jsonPath("$.duration").doesNotExist();
    }

    @Test
    void refusesABatchOfMoreThanFiftyResourcesAndNamesEveryBadField() {
        List<String> ids = IntStream.rangeClosed(1, 51).mapToObj(i -> "res-" + i).toList();
        checkMultiple(Map.of("resource_ids", ids, "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .jsonPath("$.errors[0].field").isEqualTo("resource_ids")
                .jsonPath("$.errors[0].rule").isEqualTo("max_batch");
        client.post().uri("/api/v1/resources/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("resource_ids", ids.subList(0, 50), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resources.length()").isEqualTo(50);

        List<String> bad = new ArrayList<>(List.of("res-a", "bad id!", "res-a"));
        bad.add(null);
        checkMultiple(Map.of("resource_ids", bad, "till", "2026-12-01T16:00:00Z", "buffer", "25h", "increment", "7m"))
                .jsonPath("$.errors[?(@.field == 'resource_ids[1]')].rule").isEqualTo("format")
                .jsonPath("$.errors[?(@.field == 'resource_ids[2]')].rule").isEqualTo("unique")
                .jsonPath("$.errors[?(@.field == 'resource_ids[3]')].rule").isEqualTo("required")
                .jsonPath("$.errors[?(@.field == 'from')].rule").isEqualTo("required")
                .jsonPath("$.errors[?(@.field == 'buffer')].rule").isEqualTo("range")
                .jsonPath("$.errors[?(@.field == 'increment')].rule").isEqualTo("divides_day")
                .jsonPath("$.errors.length()").isEqualTo(6);
        checkMultiple(Map.of("calendar_ids", List.of("res-a"), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .jsonPath("$.errors[0].rule").isEqualTo("unknown_field");
        checkMultiple(Map.of("resource_ids", List.of("res-a"), "from", "2026-12-02T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo("after_from");
    }

    @Test
    void anUnknownResourceIsNotFoundAndABadRangeIsNamed() {
        for (String path : List.of("/availability", "/availability/slots")) {
            client.get().uri("/api/v1/resources/res-missing" + path + "?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z")
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                    .jsonPath("$.errors[0].field").isEqualTo("id");
        }
        readModels.given(resource("res-room", ResourceType.OTHER, NEW_YORK));
        client.get().uri("/api/v1/resources/res-room/availability?from=2026-12-01T00:00:00Z&till=2027-01-02T00:00:00Z&buffer=soon")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'till')].rule").isEqualTo("max_range_days")
                .jsonPath("$.errors[?(@.field == 'buffer')].rule").isEqualTo("pattern");
        client.get().uri("/api/v1/resources/res-room/availability/slots?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z"
                        + "&timezone=EST&duration=0m")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'timezone')].rule").isEqualTo("iana_zone")
                .jsonPath("$.errors[?(@.field == 'duration')].rule").isEqualTo("range");
    }

    private String status(String resource, String from, String till) {
        Map<String, Object> answer = client.get().uri("/api/v1/resources/{id}/availability?from={from}&till={till}&buffer=0m",
                        resource, from, till)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        return (String) answer.get("status");
    }

    private WebTestClient.BodyContentSpec checkMultiple(Object body) {
        return client.post().uri("/api/v1/resources/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    private List<String> slotStarts(String uri) {
        Map<String, Object> answer = client.get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slots = (List<Map<String, Object>>) answer.get("slots");
        return slots.stream().map(slot -> (String) slot.get("start")).toList();
    }

    private static ResourceCreated resource(String id, ResourceType type, ZoneId zone) {
        return new ResourceCreated(ResourceId.of(id), "Resource " + id, type, zone, null);
    }

    private static ResourceMarkedUnavailable unavailable(String id, String start, String end, String reason) {
        return new ResourceMarkedUnavailable(ResourceId.of(id), Instant.parse(start), Instant.parse(end), reason);
    }

    private static ItemScheduled booking(String id, String calendarId, String start, String end, String resource) {
        return new ItemScheduled(ItemId.of(id), CalendarId.of(calendarId), "Secret " + id, "meeting", Instant.parse(start),
                Instant.parse(end), NEW_YORK, Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(ResourceId.of(resource), ResourceRole.PRIMARY)), Map.of(), ItemSource.MANUAL);
    }
}

package dev.almanac.query.availability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.consistency.Freshness;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RoleRefusals;

/** The availability endpoints over the real read models, with data written through the projections. */
@QueryApiTest
@Import({AvailabilityController.class, CalendarLoad.class})
class AvailabilityApiTest extends ReadModelApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    /** The checks are reads sent as POSTs, for their list of calendars: a consistency token holds them as it holds any read. */
    @Test
    void aCheckPostedWithAConsistencyTokenWaitsForItsWrite() {
        readModels.given(EventSamples.calendarCreated(), EventSamples.itemScheduled());

        for (int version : new int[] {1, 0}) {
            client.post().uri("/api/v1/calendars/availability/check-multiple?consistency_token={token}",
                            ConsistencyToken.item(EventSamples.REVIEW.value(), version).encode())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("calendar_ids", List.of(EventSamples.BALLROOM.value()), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                    .exchange()
                    .expectStatus().isOk()
                    // Only version 0 of the item, its scheduling, is projected.
                    .expectHeader().valueEquals(Freshness.HEADER, version == 0 ? "fresh" : "stale");
        }
    }

    @Test
    void listsTheFreeHalfHoursOfACalendarOfCapacityOneWithTheDefaultBuffer() {
        readModels.given(calendar("cal-a", NEW_YORK, 1),
                item("review", "cal-a", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"),
                item("elsewhere", "cal-b", "2026-12-01T13:00:00Z", "2026-12-01T18:00:00Z"));

        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T18:00:00Z")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo("cal-a")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.from").isEqualTo("2026-12-01T13:00:00Z")
                .jsonPath("$.till").isEqualTo("2026-12-01T18:00:00Z")
                .jsonPath("$.duration").isEqualTo("PT30M")
                .jsonPath("$.increment").isEqualTo("PT30M")
                .jsonPath("$.buffer").isEqualTo("PT15M")
                .jsonPath("$.capacity").isEqualTo(1)
                .jsonPath("$.slots[0].start").isEqualTo("2026-12-01T13:00:00Z")
                .jsonPath("$.slots[0].end").isEqualTo("2026-12-01T13:30:00Z")
                .jsonPath("$.slots[0].local_start").isEqualTo("2026-12-01T08:00:00-05:00")
                .jsonPath("$.slots[0].local_end").isEqualTo("2026-12-01T08:30:00-05:00");
        assertThat(slotStarts("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T18:00:00Z"))
                .containsExactly("2026-12-01T13:00:00Z", "2026-12-01T13:30:00Z", "2026-12-01T14:00:00Z",
                        "2026-12-01T16:30:00Z", "2026-12-01T17:00:00Z", "2026-12-01T17:30:00Z");
        assertThat(slotStarts("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T13:00:00Z&till=2026-12-01T18:00:00Z"
                + "&duration=1h&increment=1h&buffer=0m"))
                .containsExactly("2026-12-01T13:00:00Z", "2026-12-01T14:00:00Z", "2026-12-01T16:00:00Z", "2026-12-01T17:00:00Z");
    }

    @Test
    void aCalendarOfCapacityThreeIsBusyWhereThreeRunAndACancelledItemCountsForNothing() {
        readModels.given(calendar("cal-hall", ZoneOffset.UTC, 3),
                item("a", "cal-hall", "2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"),
                item("b", "cal-hall", "2026-12-01T09:30:00Z", "2026-12-01T10:30:00Z"),
                item("c", "cal-hall", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z"),
                item("d", "cal-hall", "2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z"),
                item("e", "cal-hall", "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z"),
                new ItemCancelled(ItemId.of("e"), CalendarId.of("cal-hall"), Instant.parse("2026-12-01T11:00:00Z"),
                        Instant.parse("2026-12-01T11:30:00Z"), "moved"));

        List<Map<String, Object>> busy = freeBusy("cal-hall", "2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z");

        assertThat(busy).containsExactly(Map.of("start", "2026-12-01T10:00:00Z", "end", "2026-12-01T10:30:00Z"));
        assertThat(slotStarts("/api/v1/calendars/cal-hall/availability/slots?from=2026-12-01T09:00:00Z&till=2026-12-01T12:00:00Z"))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T11:30:00Z");
    }

    @Test
    void anEntryOverSeveralDaysFillsEachDayItCovers() {
        readModels.given(calendar("cal-long", ZoneOffset.UTC, 1),
                item("conference", "cal-long", "2026-11-30T22:00:00Z", "2026-12-03T02:00:00Z"));

        assertThat(freeBusy("cal-long", "2026-12-02T00:00:00Z", "2026-12-04T00:00:00Z"))
                .containsExactly(Map.of("start", "2026-12-02T00:00:00Z", "end", "2026-12-03T02:00:00Z"));
        assertThat(slotStarts("/api/v1/calendars/cal-long/availability/slots?from=2026-12-02T00:00:00Z&till=2026-12-03T06:00:00Z"
                + "&increment=1h"))
                .containsExactly("2026-12-03T03:00:00Z", "2026-12-03T04:00:00Z", "2026-12-03T05:00:00Z");
        assertThat(slotStarts("/api/v1/calendars/cal-long/availability/slots?from=2026-12-02T00:00:00Z&till=2026-12-03T06:00:00Z"
                + "&increment=1h&buffer=PT0S"))
                .containsExactly("2026-12-03T02:00:00Z", "2026-12-03T03:00:00Z", "2026-12-03T04:00:00Z", "2026-12-03T05:00:00Z");
    }

    @Test
    void slotsFollowTheRequestedWallClockThroughTheFallBackOverlap() {
        readModels.given(calendar("cal-utc", ZoneOffset.UTC, 1),
                item("early", "cal-utc", "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z"));

        client.get().uri("/api/v1/calendars/cal-utc/availability/slots?from=2026-11-01T05:00:00Z&till=2026-11-01T07:00:00Z"
                        + "&buffer=0m&timezone=America/New_York")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.slots.length()").isEqualTo(3)
                .jsonPath("$.slots[0].local_start").isEqualTo("2026-11-01T01:30:00-04:00")
                .jsonPath("$.slots[0].local_end").isEqualTo("2026-11-01T01:00:00-05:00")
                .jsonPath("$.slots[1].start").isEqualTo("2026-11-01T06:00:00Z")
                .jsonPath("$.slots[1].local_start").isEqualTo("2026-11-01T01:00:00-05:00")
                .jsonPath("$.slots[2].local_start").isEqualTo("2026-11-01T01:30:00-05:00");
    }

    @Test
    void checksSeveralCalendarsInTheOrderAskedAndReportsAnUnknownOneInItsPlace() {
        readModels.given(calendar("cal-busy", NEW_YORK, 1), calendar("cal-free", NEW_YORK, 1),
                item("late", "cal-busy", "2026-12-01T16:05:00Z", "2026-12-01T17:00:00Z"),
                item("after-buffer", "cal-free", "2026-12-01T16:15:00Z", "2026-12-01T17:00:00Z"));

        client.post().uri("/api/v1/calendars/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", List.of("cal-free", "cal-missing", "cal-busy"),
                        "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.buffer").isEqualTo("PT15M")
                .jsonPath("$.checked_from").isEqualTo("2026-12-01T14:45:00Z")
                .jsonPath("$.checked_till").isEqualTo("2026-12-01T16:15:00Z")
                .jsonPath("$.calendars.length()").isEqualTo(3)
                .jsonPath("$.calendars[0].calendar_id").isEqualTo("cal-free")
                .jsonPath("$.calendars[0].status").isEqualTo("available")
                .jsonPath("$.calendars[0].available").isEqualTo(true)
                .jsonPath("$.calendars[0].busy.length()").isEqualTo(0)
                .jsonPath("$.calendars[1].calendar_id").isEqualTo("cal-missing")
                .jsonPath("$.calendars[1].status").isEqualTo("unknown")
                .jsonPath("$.calendars[1].available").doesNotExist()
                .jsonPath("$.calendars[2].calendar_id").isEqualTo("cal-busy")
                .jsonPath("$.calendars[2].status").isEqualTo("busy")
                .jsonPath("$.calendars[2].available").isEqualTo(false)
                .jsonPath("$.calendars[2].busy[0].start").isEqualTo("2026-12-01T16:05:00Z")
                .jsonPath("$.calendars[2].busy[0].end").isEqualTo("2026-12-01T16:15:00Z")
                .jsonPath("$.calendars[2].busy.length()").isEqualTo(1);
        client.post().uri("/api/v1/calendars/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", List.of("cal-busy"), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z",
                        "buffer", "0m"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars[0].status").isEqualTo("available");
    }

    /** A batch check tells a calendar's free/busy only to those its own free/busy read would (ADR 0027). */
    @Test
    void aBatchCheckNamingACalendarWithGrantsNeedsARoleOnIt() {
        readModels.given(calendar("cal-open", ZoneOffset.UTC, 1), calendar("cal-closed", ZoneOffset.UTC, 1),
                new CalendarAccessGranted(CalendarId.of("cal-closed"), UserId.of("alice"), CalendarRole.VIEWER, null),
                item("private", "cal-closed", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"));
        Map<String, Object> body = Map.of("calendar_ids", List.of("cal-open", "cal-closed"),
                "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z");

        // To carol the closed calendar does not exist: answered in its place as unknown, as a missing one (ADR 0086).
        client.post().uri("/api/v1/calendars/availability/check-multiple").header("X-Almanac-User", "carol")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars[1].calendar_id").isEqualTo("cal-closed")
                .jsonPath("$.calendars[1].status").isEqualTo("unknown")
                .jsonPath("$.calendars[1].busy.length()").isEqualTo(0);
        RoleRefusals.expectHidden(client.get().uri("/api/v1/calendars/cal-closed/freebusy?from=2026-12-01T15:00:00Z&till=2026-12-01T16:00:00Z")
                .header("X-Almanac-User", "carol"), "id");
        client.post().uri("/api/v1/calendars/availability/check-multiple").header("X-Almanac-User", "alice")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars[0].status").isEqualTo("available")
                .jsonPath("$.calendars[1].status").isEqualTo("busy");
        client.post().uri("/api/v1/calendars/availability/check-multiple").header("X-Almanac-User", "carol")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", List.of("cal-open", "cal-missing"), "from", "2026-12-01T15:00:00Z",
                        "till", "2026-12-01T16:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars[1].status").isEqualTo("unknown");
    }

    @Test
    void anUnknownCalendarIsNotFoundAndAMalformedIdIsABadRequest() {
        for (String path : List.of("/availability/slots", "/freebusy")) {
            client.get().uri("/api/v1/calendars/cal-missing" + path + "?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z")
                    .exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                    .jsonPath("$.errors[0].field").isEqualTo("id");
            client.get().uri("/api/v1/calendars/{id}" + path + "?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", "bad id!")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("id")
                    .jsonPath("$.errors[0].rule").isEqualTo("format");
        }
    }

    @Test
    void reportsEveryBadSlotParameterByFieldAndRule() {
        readModels.given(calendar("cal-a", NEW_YORK, 1));

        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T00:00:00Z&till=2027-01-02T00:00:00Z"
                        + "&increment=7m&duration=0m&buffer=soon&timezone=Mars/Olympus_Mons")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(5)
                .jsonPath("$.errors[?(@.field == 'till')].rule").isEqualTo("max_range_days")
                .jsonPath("$.errors[?(@.field == 'increment')].rule").isEqualTo("divides_day")
                .jsonPath("$.errors[?(@.field == 'duration')].rule").isEqualTo("range")
                .jsonPath("$.errors[?(@.field == 'buffer')].rule").isEqualTo("pattern")
                .jsonPath("$.errors[?(@.field == 'timezone')].rule").isEqualTo("iana_zone");
        client.get().uri("/api/v1/calendars/cal-a/freebusy?from=2026-12-02T00:00:00Z&till=2026-12-01T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo("after_from");
        client.get().uri("/api/v1/calendars/cal-a/freebusy?from=tomorrow")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo("required");
        // 31 days exactly is allowed. Daily slots start at local midnight: 31 of them in UTC, but in New York the
        // one of 2026-12-31 ends after till.
        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T00:00:00Z&till=2027-01-01T00:00:00Z&increment=24h"
                        + "&timezone=UTC")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots.length()").isEqualTo(31);
        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=2026-12-01T00:00:00Z&till=2027-01-01T00:00:00Z&increment=24h")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots.length()").isEqualTo(30)
                .jsonPath("$.slots[0].local_start").isEqualTo("2026-12-01T00:00:00-05:00");
    }

    @Test
    void answersAtTheEdgesOfTheYearsInstantsMayHave() {
        readModels.given(calendar("cal-a", ZoneId.of("Pacific/Kiritimati"), 1));

        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=0001-01-01T00:00:00Z&till=0001-01-02T00:00:00Z&buffer=24h"
                        + "&increment=24h&timezone=Pacific/Pago_Pago")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots.length()").isEqualTo(0);
        client.get().uri("/api/v1/calendars/cal-a/availability/slots?from=9999-12-31T00:00:00Z&till=9999-12-31T23:59:59.999Z"
                        + "&buffer=24h&increment=1h")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.slots.length()").isEqualTo(23)
                .jsonPath("$.slots[22].local_start").isEqualTo("+10000-01-01T12:00:00+14:00");
        client.post().uri("/api/v1/calendars/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", List.of("cal-a"), "from", "0001-01-01T00:00:00Z", "till", "0001-01-02T00:00:00Z",
                        "buffer", "24h"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.checked_from").isEqualTo("0000-12-31T00:00:00Z")
                .jsonPath("$.calendars[0].status").isEqualTo("available");
    }

    @Test
    void refusesABatchOfMoreThanFiftyCalendars() {
        List<String> ids = IntStream.rangeClosed(1, 51).mapToObj(i -> "cal-" + i).toList();

        checkMultiple(Map.of("calendar_ids", ids, "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .jsonPath("$.errors[0].field").isEqualTo("calendar_ids")
                .jsonPath("$.errors[0].rule").isEqualTo("max_batch");
        client.post().uri("/api/v1/calendars/availability/check-multiple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("calendar_ids", ids.subList(0, 50), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars.length()").isEqualTo(50);
    }

    @Test
    void refusesRepeatedMalformedAndMissingIdsAndABadRangeInOneAnswer() {
        List<String> ids = new ArrayList<>(List.of("cal-a", "bad id!", "cal-a"));
        ids.add(null);

        checkMultiple(Map.of("calendar_ids", ids, "till", "2026-12-01T16:00:00Z", "buffer", "25h"))
                .jsonPath("$.errors[?(@.field == 'calendar_ids[1]')].rule").isEqualTo("format")
                .jsonPath("$.errors[?(@.field == 'calendar_ids[2]')].rule").isEqualTo("unique")
                .jsonPath("$.errors[?(@.field == 'calendar_ids[3]')].rule").isEqualTo("required")
                .jsonPath("$.errors[?(@.field == 'from')].rule").isEqualTo("required")
                .jsonPath("$.errors[?(@.field == 'buffer')].rule").isEqualTo("range")
                .jsonPath("$.errors.length()").isEqualTo(5);
        checkMultiple(Map.of("calendar_ids", List.of(), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T15:00:00Z"))
                .jsonPath("$.errors[?(@.field == 'calendar_ids')].rule").isEqualTo("size")
                .jsonPath("$.errors[?(@.field == 'till')].rule").isEqualTo("after_from");
        checkMultiple(Map.of("calendar_ids", List.of("cal-a"), "from", "2026-12-01T15:00:00Z", "till", "2026-12-01T16:00:00Z",
                "resources", List.of()))
                .jsonPath("$.errors[0].rule").isEqualTo("unknown_field");
        checkMultiple(Map.of("calendar_ids", List.of("cal-a"), "from", "2026-12-01T10:00:00 05:00", "till", "2026-12-01T16:00:00Z"))
                .jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[0].rule").isEqualTo("rfc3339");
    }

    private WebTestClient.BodyContentSpec checkMultiple(Object body) {
        return client.post().uri("/api/v1/calendars/availability/check-multiple")
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

    private List<Map<String, Object>> freeBusy(String calendar, String from, String till) {
        Map<String, Object> answer = client.get().uri("/api/v1/calendars/{id}/freebusy?from={from}&till={till}", calendar, from, till)
                .exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
        assertThat(answer).containsOnlyKeys("calendar_id", "from", "till", "busy");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> busy = (List<Map<String, Object>>) answer.get("busy");
        return busy;
    }

    private static CalendarCreated calendar(String id, ZoneId zone, int capacity) {
        return new CalendarCreated(CalendarId.of(id), "Calendar " + id, CalendarType.VENUE, zone, capacity, OverbookingPolicy.ALLOW);
    }

    private static ItemScheduled item(String id, String calendarId, String start, String end) {
        Instant begins = Instant.parse(start);
        return ReadModelFixture.item(id, calendarId, "meeting", begins, Duration.between(begins, Instant.parse(end)));
    }
}

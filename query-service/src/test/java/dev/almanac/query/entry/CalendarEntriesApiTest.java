package dev.almanac.query.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class CalendarEntriesApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final Instant NINE_UTC = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void showsItemsAndOccurrencesWithTheirLocalStartOnTheCalendarsClock() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), item, occurrence);

        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2027-12-01T00:00:00Z", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(EventSamples.BALLROOM.value())
                .jsonPath("$.timezone").isEqualTo("Asia/Kolkata")
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.next_cursor").doesNotExist()
                .jsonPath("$.entries[0].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[0].kind").isEqualTo("item")
                .jsonPath("$.entries[0].title").isEqualTo(item.title())
                .jsonPath("$.entries[0].type").isEqualTo(item.type())
                .jsonPath("$.entries[0].start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.entries[0].end").isEqualTo("2026-12-01T16:00:00Z")
                .jsonPath("$.entries[0].local_start").isEqualTo("2026-12-01T20:30:00+05:30")
                .jsonPath("$.entries[0].timezone").isEqualTo("America/New_York")
                .jsonPath("$.entries[0].source").isEqualTo("api")
                .jsonPath("$.entries[0].resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.entries[0].resources[0].role").isEqualTo("primary")
                .jsonPath("$.entries[0].resources[1].resource_id").isEqualTo("res-projector")
                .jsonPath("$.entries[0].resources[1].role").isEqualTo("secondary")
                .jsonPath("$.entries[1].resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.entries[0].priority").isEqualTo("normal")
                .jsonPath("$.entries[0].tags[0]").isEqualTo("finance")
                .jsonPath("$.entries[0].rule_id").doesNotExist()
                .jsonPath("$.entries[0].version").isEqualTo(0)
                .jsonPath("$.entries[1].id").isEqualTo(occurrence.occurrenceId().value())
                .jsonPath("$.entries[1].kind").isEqualTo("occurrence")
                .jsonPath("$.entries[1].source").isEqualTo("recurring_rule")
                .jsonPath("$.entries[1].rule_id").isEqualTo(occurrence.ruleId().value())
                .jsonPath("$.entries[1].priority").doesNotExist()
                .jsonPath("$.entries[1].local_start").isEqualTo("2027-03-14T13:00:00+05:30");
    }

    @Test
    void includesEntriesThatOverlapTheHalfOpenWindowOnly() {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("ends-at-from", "cal-a", "job", NINE_UTC.minus(Duration.ofHours(1)), Duration.ofHours(1)),
                ReadModelFixture.item("spans-from", "cal-a", "job", NINE_UTC.minus(Duration.ofMinutes(30)), Duration.ofHours(1)),
                ReadModelFixture.item("inside", "cal-a", "job", NINE_UTC.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5)),
                ReadModelFixture.item("starts-at-till", "cal-a", "job", NINE_UTC.plus(Duration.ofHours(1)), Duration.ofHours(1)),
                ReadModelFixture.calendar("cal-other", KOLKATA),
                ReadModelFixture.item("elsewhere", "cal-other", "job", NINE_UTC, Duration.ofHours(1)));

        assertThat(ids(page("cal-a", NINE_UTC, NINE_UTC.plus(Duration.ofHours(1)), null, null))).containsExactly("spans-from", "inside");
    }

    @Test
    void pagesByStartAndIdUntilNoCursorIsLeft() {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        for (int i = 0; i < 5; i++) {
            Instant start = NINE_UTC.plus(Duration.ofMinutes(i < 3 ? 0 : 30 * i));
            readModels.given(ReadModelFixture.item("e" + (4 - i), "cal-a", "job", start, Duration.ofMinutes(20)));
        }
        // e4, e3 and e2 share a start, so id orders them.
        List<String> expected = List.of("e2", "e3", "e4", "e1", "e0");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = page("cal-a", NINE_UTC, NINE_UTC.plus(Duration.ofDays(1)), 2, cursor);
            seen.addAll(ids(page));
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void anUnknownCalendarIsANotFoundProblem() {
        client.get().uri("/api/v1/calendars/cal-missing/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void rejectsALimitAboveTheMaximumAndAForgedCursor() {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));

        client.get().uri("/api/v1/calendars/cal-a/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&limit=1001&cursor=not-a-cursor")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'limit')].rule").isEqualTo("range")
                .jsonPath("$.errors[?(@.field == 'cursor')].rule").isEqualTo("format");
    }

    /** Issue 7: the first of these answered 500. A token we did not make is a 400 naming {@code cursor}, whatever it holds. */
    @ParameterizedTest
    @MethodSource("cursorsWeDidNotMake")
    void refusesACursorWeDidNotMakeAsAProblemNamingTheCursor(String cursor) {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));

        client.get().uri("/api/v1/calendars/cal-a/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&cursor={cursor}", cursor)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("cursor")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    static Stream<String> cursorsWeDidNotMake() {
        byte[] notUtf8 = "2026-12-01T15:00:00Z|item-\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                "Kzk5OTk5OTk5OS0xMi0zMVQxMDowMDowMFp8eA",
                token("-999999999-01-01T00:00:00Z|x"),
                token("10000-01-01T00:00:00Z|x"),
                token("2026-12-01T24:00:00Z|x"),
                token("2026-12-01T15:00:00Z|item\u0000"),
                token("2026-12-01T15:00:00Z|item\u001b[31m"),
                Base64.getUrlEncoder().withoutPadding().encodeToString(notUtf8),
                "MjAyNi0xMi0wMVQxNTowMDowMFp8",
                "not a cursor\u0000");
    }

    private static String token(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAWindowWithoutOffsetBeforeLookingUpTheCalendar() {
        client.get().uri("/api/v1/calendars/cal-missing/entries?from=2026-12-01T00:00:00&till=2026-12-02T00:00:00Z")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("from")
                .jsonPath("$.errors[0].rule").isEqualTo(Rfc3339.RULE);
    }

    /** Issue 7: the window of an entries page takes only what RFC 3339 allows, and says which end is wrong. */
    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("instantsOutsideRfc3339")
    void refusesAWindowEndOutsideRfc3339NamingTheField(String field, String instant) {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        String from = field.equals("from") ? instant : "2026-12-01T00:00:00Z";
        String till = field.equals("till") ? instant : "2026-12-02T00:00:00Z";

        client.get().uri("/api/v1/calendars/cal-a/entries?from={from}&till={till}", from, till)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(Rfc3339.RULE);
    }

    static Stream<Arguments> instantsOutsideRfc3339() {
        return Stream.of("from", "till").flatMap(field -> Stream.of("+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z",
                        "2026-01-01T24:00:00Z", "2026-12-01T12:00:00Z\u0000")
                .map(instant -> Arguments.of(field, instant)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(String calendarId, Instant from, Instant till, Integer limit, String cursor) {
        return client.get().uri(builder -> builder.path("/api/v1/calendars/{id}/entries")
                        .queryParam("from", from.toString())
                        .queryParam("till", till.toString())
                        .queryParamIfPresent("limit", Optional.ofNullable(limit))
                        .queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                        .build(calendarId))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("entries")).stream().map(entry -> (String) entry.get("id")).toList();
    }
}

package dev.almanac.query.view;

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
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

@QueryApiTest
class CalendarEntriesApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final Instant NINE_UTC = Instant.parse("2026-12-01T09:00:00Z");

    /** The sample rule's occurrence of 1 December, computed from the rule (ADR 0068), beside the sample item of that day. */
    @Test
    void showsItemsAndOccurrencesWithTheirLocalStartOnTheCalendarsClock() {
        RuleCreated rule = EventSamples.ruleCreated();
        Instant occurrenceStart = Instant.parse("2026-12-01T07:30:00Z");
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), item, rule);

        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendar_id").isEqualTo(EventSamples.BALLROOM.value())
                .jsonPath("$.timezone").isEqualTo("Asia/Kolkata")
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.next_cursor").doesNotExist()
                .jsonPath("$.entries[1].id").isEqualTo(item.itemId().value())
                .jsonPath("$.entries[1].kind").isEqualTo("item")
                .jsonPath("$.entries[1].title").isEqualTo(item.title())
                .jsonPath("$.entries[1].type").isEqualTo(item.type())
                .jsonPath("$.entries[1].start").isEqualTo("2026-12-01T15:00:00Z")
                .jsonPath("$.entries[1].end").isEqualTo("2026-12-01T16:00:00Z")
                .jsonPath("$.entries[1].local_start").isEqualTo("2026-12-01T20:30:00+05:30")
                .jsonPath("$.entries[1].timezone").isEqualTo("America/New_York")
                .jsonPath("$.entries[1].source").isEqualTo("api")
                .jsonPath("$.entries[1].resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.entries[1].resources[0].role").isEqualTo("primary")
                .jsonPath("$.entries[1].resources[1].resource_id").isEqualTo("res-projector")
                .jsonPath("$.entries[1].resources[1].role").isEqualTo("secondary")
                .jsonPath("$.entries[0].resources[0].resource_id").isEqualTo("res-ballroom")
                .jsonPath("$.entries[1].priority").isEqualTo("normal")
                .jsonPath("$.entries[1].tags[0]").isEqualTo("finance")
                .jsonPath("$.entries[1].rule_id").doesNotExist()
                .jsonPath("$.entries[1].version").isEqualTo(0)
                .jsonPath("$.entries[0].id").isEqualTo(OccurrenceId.of(rule.ruleId(), occurrenceStart).value())
                .jsonPath("$.entries[0].kind").isEqualTo("occurrence")
                .jsonPath("$.entries[0].source").isEqualTo("recurring_rule")
                .jsonPath("$.entries[0].rule_id").isEqualTo(rule.ruleId().value())
                .jsonPath("$.entries[0].title").isEqualTo(rule.name())
                .jsonPath("$.entries[0].end").isEqualTo("2026-12-01T07:45:00Z")
                .jsonPath("$.entries[0].priority").doesNotExist()
                .jsonPath("$.entries[0].local_start").isEqualTo("2026-12-01T13:00:00+05:30");
    }

    /**
     * Stored items and computed rule occurrences page together by start and id: each page is the next of the one list, a
     * cursor naming either kind, and an occurrence that started before the window and runs into it comes first.
     */
    @Test
    void pagesThroughItemsAndRuleOccurrencesTogether() {
        RuleCreated rule = RecurringRules.rule("rule-quarter", "cal-a", "*/15 9-10 * * *", ZoneId.of("UTC"),
                Instant.parse("2026-11-01T00:00:00Z"), 0);
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), rule,
                ReadModelFixture.item("item-same-start", "cal-a", "job", NINE_UTC.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10)),
                ReadModelFixture.item("item-between", "cal-a", "job", NINE_UTC.plus(Duration.ofMinutes(50)), Duration.ofMinutes(10)));
        Instant from = NINE_UTC.plus(Duration.ofMinutes(2));
        List<String> expected = new ArrayList<>();
        expected.add(OccurrenceId.of(rule.ruleId(), NINE_UTC).value());
        for (int quarter = 1; quarter < 8; quarter++) {
            Instant start = NINE_UTC.plus(Duration.ofMinutes(15L * quarter));
            String occurrence = OccurrenceId.of(rule.ruleId(), start).value();
            if (quarter == 2) {
                expected.addAll(occurrence.compareTo("item-same-start") < 0 ? List.of(occurrence, "item-same-start")
                        : List.of("item-same-start", occurrence));
            } else {
                expected.add(occurrence);
            }
            if (quarter == 3) {
                expected.add("item-between");
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = page("cal-a", from, NINE_UTC.plus(Duration.ofHours(2)), 3, cursor);
            seen.addAll(ids(page));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
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

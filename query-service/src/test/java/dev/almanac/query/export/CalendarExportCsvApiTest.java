package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.occurrence.OccurrenceMaterialized;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * export.csv answers from the same read as export.ics: its window, defaults, cap (10 in the slice) and
 * problems, with occurrences beyond the horizon; only the format differs.
 */
@QueryApiTest
class CalendarExportCsvApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final String EXPORT = "/api/v1/calendars/{id}/export.csv";

    @Test
    void exportsItemsAndOccurrencesAsRowsOfAnAttachedTable() {
        OccurrenceMaterialized occurrence = EventSamples.occurrenceMaterialized();
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), item, occurrence);

        EntityExchangeResult<String> answer = client.get()
                .uri(EXPORT + "?from=2026-12-01T00:00:00Z&till=2027-12-01T00:00:00Z", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"cal-ballroom.csv\"")
                .expectBody(String.class).returnResult();

        MediaType contentType = Objects.requireNonNull(answer.getResponseHeaders().getContentType());
        assertThat(contentType.isCompatibleWith(MediaType.parseMediaType("text/csv"))).as(contentType.toString()).isTrue();
        assertThat(contentType.getParameter("charset")).isEqualToIgnoringCase("utf-8");
        assertThat(contentType.getParameter("header")).isEqualTo("present");
        String table = Objects.requireNonNull(answer.getResponseBody());
        assertThat(table).startsWith(CalendarCsvTest.HEADER + "\r\n");
        List<Map<String, String>> rows = CalendarCsvTest.parse(table);
        assertThat(rows).extracting(row -> row.get("id")).containsExactly(item.itemId().value(), occurrence.occurrenceId().value());
        assertThat(rows).extracting(row -> row.get("kind")).containsExactly("item", "occurrence");
        assertThat(rows).extracting(row -> row.get("title")).containsExactly("Quarterly review", "Nightly cleanup");
        assertThat(rows).extracting(row -> row.get("type")).containsExactly("meeting", "maintenance_job");
        assertThat(rows).extracting(row -> row.get("start")).containsExactly("2026-12-01T15:00:00Z", "2027-03-14T07:30:00Z");
        assertThat(rows).extracting(row -> row.get("end")).containsExactly("2026-12-01T16:00:00Z", "2027-03-14T07:45:00Z");
        // Kolkata is UTC+05:30: the calendar's wall clock, though both entries were scheduled in New York.
        assertThat(rows).extracting(row -> row.get("local_start")).containsExactly("2026-12-01T20:30:00", "2027-03-14T13:00:00");
        assertThat(rows).extracting(row -> row.get("local_end")).containsExactly("2026-12-01T21:30:00", "2027-03-14T13:15:00");
        assertThat(rows).extracting(row -> row.get("timezone")).containsOnly("Asia/Kolkata");
        assertThat(rows).extracting(row -> row.get("duration_minutes")).containsExactly("60", "15");
        assertThat(rows).extracting(row -> row.get("priority")).containsExactly("normal", "");
        assertThat(rows).extracting(row -> row.get("tags")).containsExactly("finance", "");
        assertThat(rows).extracting(row -> row.get("rule_id")).containsExactly("", EventSamples.NIGHTLY.value());
    }

    @Test
    void aTitleOrTagThatWouldRunAsAFormulaIsExportedAsText() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                new ItemScheduled(ItemId.of("item-formula"), CalendarId.of("cal-a"), "=HYPERLINK(\"http://evil.example\",\"Click\")",
                        "meeting", nine, nine.plus(Duration.ofHours(1)), KOLKATA, Priority.NORMAL, List.of("@SUM(A1:A9)", "ok")));

        List<Map<String, String>> rows = CalendarCsvTest.parse(export("cal-a", "?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z"));

        assertThat(rows).extracting(row -> row.get("title")).containsExactly("'=HYPERLINK(\"http://evil.example\",\"Click\")");
        assertThat(rows).extracting(row -> row.get("tags")).containsExactly("'@SUM(A1:A9);ok");
    }

    /** Without from and till: from 00:00 UTC a week ago, for 97 days, as export.ics. */
    @Test
    void withoutParametersExportsFromAWeekAgoToTheHorizon() {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("nine-days-ago", "cal-a", "job", today.minus(Duration.ofDays(9)), Duration.ofHours(1)),
                ReadModelFixture.item("six-days-ago", "cal-a", "job", today.minus(Duration.ofDays(6)), Duration.ofHours(1)),
                ReadModelFixture.item("in-88-days", "cal-a", "job", today.plus(Duration.ofDays(88)), Duration.ofHours(1)),
                ReadModelFixture.item("in-92-days", "cal-a", "job", today.plus(Duration.ofDays(92)), Duration.ofHours(1)));

        assertThat(CalendarCsvTest.parse(export("cal-a", ""))).extracting(row -> row.get("id"))
                .containsExactly("six-days-ago", "in-88-days");
    }

    @Test
    void exportsAsManyRowsAsTheCapAndRefusesOneMoreNamingTillAndTheRule() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        for (int i = 0; i < 11; i++) {
            readModels.given(ReadModelFixture.item("e" + i, "cal-a", "job", nine.plus(Duration.ofDays(i)), Duration.ofHours(1)));
        }

        assertThat(CalendarCsvTest.parse(export("cal-a", "?from=2026-12-01T00:00:00Z&till=2026-12-11T00:00:00Z"))).hasSize(10);
        client.get().uri(EXPORT + "?from=2026-12-01T00:00:00Z&till=2026-12-12T00:00:00Z", "cal-a")
                .header(HttpHeaders.ACCEPT, "text/csv")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo(CalendarExportController.MAX_EVENTS_RULE)
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("more than 10 entries", "narrow"));
    }

    /** A spreadsheet asks for text/csv; a refusal is still a problem document, never a 406 or 500. */
    @ParameterizedTest(name = "from={0} till={1}: {2} {3}")
    @CsvSource({
            "2026-12-01T00:00:00Z, 2027-12-02T00:00:00Z, till, max_window_days",
            "2026-12-01T00:00:00Z, 2026-11-30T00:00:00Z, till, after_from",
            "2026-12-01T00:00:00Z, 2026-12-01T00:00:00Z, till, after_from",
            "2026-12-01T00:00:00, 2026-12-02T00:00:00Z, from, " + Rfc3339.RULE,
            "tomorrow, 2026-12-02T00:00:00Z, from, " + Rfc3339.RULE,
            "2026-12-01T00:00:00Z, 1764597600, till, " + Rfc3339.RULE,
            "2026-12-01T00:00:00Z, +999999999-12-31T10:00:00Z, till, " + Rfc3339.RULE})
    void refusesABadWindowNamingTheFieldAndRule(String from, String till, String field, String rule) {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));

        client.get().uri(EXPORT + "?from={from}&till={till}", "cal-a", from, till)
                .header(HttpHeaders.ACCEPT, "text/csv")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    @Test
    void anUnknownCalendarIsANotFoundProblem() {
        client.get().uri(EXPORT, "cal-missing")
                .header(HttpHeaders.ACCEPT, "text/csv")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void anUnchangedExportIsNotSentAgainAndAChangedOneIs() {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("item-a", "cal-a", "job", Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1)));
        String uri = "/api/v1/calendars/cal-a/export.csv?from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z";
        String etag = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();

        client.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();

        readModels.given(ReadModelFixture.item("item-b", "cal-a", "job", Instant.parse("2026-12-02T09:00:00Z"), Duration.ofHours(1)));
        client.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk();
    }

    /** An hourly rule materialised only to March: its occurrences in late November are computed beyond the horizon. */
    @Test
    void exportsRuleOccurrencesBeyondTheHorizonWithTheIdsMaterialisationWillGiveThem() {
        Instant activeFrom = Instant.parse("2026-01-01T00:00:00Z");
        Instant from = Instant.parse("2026-11-30T00:00:00Z");
        Instant till = Instant.parse("2026-11-30T06:00:00Z");
        RuleCreated hourly = RecurringRules.rule("rule-hourly", "cal-a", "7 * * * *", KATHMANDU, activeFrom, 900);
        readModels.given(ReadModelFixture.calendar("cal-a", KATHMANDU), hourly);
        materialise(hourly, 0, activeFrom, Instant.parse("2026-03-01T00:00:00Z"));
        List<Occurrence> expected = RecurrenceExpander.expand(RecurrenceSpec.of(hourly), from.minusSeconds(7200), till, 1000)
                .occurrences().stream()
                .filter(occurrence -> occurrence.start().isBefore(till) && occurrence.end().isAfter(from))
                .toList();
        assertThat(expected).hasSizeBetween(5, 7);

        List<Map<String, String>> rows = CalendarCsvTest.parse(export("cal-a", "?from=" + from + "&till=" + till));

        assertThat(rows).extracting(row -> row.get("id"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> occurrence.id().value()).toList());
        assertThat(rows).extracting(row -> row.get("start"))
                .containsExactlyElementsOf(expected.stream().map(occurrence -> occurrence.start().toString()).toList());
        assertThat(rows).extracting(row -> row.get("kind")).containsOnly("occurrence");
        assertThat(rows).extracting(row -> row.get("rule_id")).containsOnly("rule-hourly");
    }

    private String export(String calendarId, String query) {
        return Objects.requireNonNull(client.get().uri(EXPORT + query, calendarId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}

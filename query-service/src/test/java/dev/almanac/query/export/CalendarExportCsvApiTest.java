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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * export.csv answers from the same read as export.ics: its window, defaults, cap (10 in the slice) and
 * problems, with every rule occurrence; only the format differs. The problems and ETags both
 * formats share are in {@link CalendarExportRefusalsApiTest}, the rule occurrences in
 * {@link CalendarExportRuleOccurrencesApiTest}.
 */
@QueryApiTest
class CalendarExportCsvApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final String EXPORT = "/api/v1/calendars/{id}/export.csv";

    @Test
    void exportsItemsAndOccurrencesAsRowsOfAnAttachedTable() {
        // The sample rule's occurrence of 2 December, computed from the rule (ADR 0068).
        OccurrenceId occurrence = OccurrenceId.of(EventSamples.NIGHTLY, Instant.parse("2026-12-02T07:30:00Z"));
        ItemScheduled item = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar(EventSamples.BALLROOM.value(), KOLKATA), item, EventSamples.ruleCreated());

        EntityExchangeResult<String> answer = client.get()
                .uri(EXPORT + "?from=2026-12-01T12:00:00Z&till=2026-12-02T12:00:00Z", EventSamples.BALLROOM.value())
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
        assertThat(rows).extracting(row -> row.get("id")).containsExactly(item.itemId().value(), occurrence.value());
        assertThat(rows).extracting(row -> row.get("kind")).containsExactly("item", "occurrence");
        assertThat(rows).extracting(row -> row.get("title")).containsExactly("Quarterly review", "Nightly cleanup");
        assertThat(rows).extracting(row -> row.get("type")).containsExactly("meeting", "maintenance_job");
        assertThat(rows).extracting(row -> row.get("start")).containsExactly("2026-12-01T15:00:00Z", "2026-12-02T07:30:00Z");
        assertThat(rows).extracting(row -> row.get("end")).containsExactly("2026-12-01T16:00:00Z", "2026-12-02T07:45:00Z");
        // Kolkata is UTC+05:30: the calendar's wall clock, though both entries were scheduled in New York.
        assertThat(rows).extracting(row -> row.get("local_start")).containsExactly("2026-12-01T20:30:00", "2026-12-02T13:00:00");
        assertThat(rows).extracting(row -> row.get("local_end")).containsExactly("2026-12-01T21:30:00", "2026-12-02T13:15:00");
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
    void withoutParametersExportsFromAWeekAgoToNinetyDaysAhead() {
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
    void exportsAsManyRowsAsTheCap() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        for (int i = 0; i < 11; i++) {
            readModels.given(ReadModelFixture.item("e" + i, "cal-a", "job", nine.plus(Duration.ofDays(i)), Duration.ofHours(1)));
        }

        assertThat(CalendarCsvTest.parse(export("cal-a", "?from=2026-12-01T00:00:00Z&till=2026-12-11T00:00:00Z"))).hasSize(10);
    }

    private String export(String calendarId, String query) {
        return Objects.requireNonNull(client.get().uri(EXPORT + query, calendarId)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }
}

package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * What export.ics and export.csv answer alike, since one read serves both: the problems (a calendar
 * client or spreadsheet asking for its own type still gets a problem document, never a 406 or 500), and
 * the ETag of an unchanged export. The slice caps an export at 10 entries.
 */
@QueryApiTest
class CalendarExportRefusalsApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    /** A format's path, and the Accept header its client sends (null: none). */
    record Format(String path, @Nullable String accept) {

        @Override
        public String toString() {
            return path + (accept == null ? "" : " as " + accept);
        }
    }

    static List<Format> formats() {
        return List.of(new Format("export.ics", "text/calendar"), new Format("export.ics", null), new Format("export.csv", "text/csv"));
    }

    /** Every format with every bad window: from, till (null: left out, so it defaults), the field and rule named. */
    static Stream<Arguments> badWindows() {
        List<List<String>> windows = List.of(
                window("2026-12-01T00:00:00Z", "2027-12-02T00:00:00Z", "till", "max_window_days"),
                window("2026-12-01T00:00:00Z", "2026-11-30T00:00:00Z", "till", "after_from"),
                window("2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z", "till", "after_from"),
                window("2026-12-01T00:00:00", null, "from", Rfc3339.RULE),
                window("", null, "from", Rfc3339.RULE),
                window("tomorrow", null, "from", Rfc3339.RULE),
                window("2026-12-01T00:00:00", "2026-12-02T00:00:00Z", "from", Rfc3339.RULE),
                window("tomorrow", "2026-12-02T00:00:00Z", "from", Rfc3339.RULE),
                window("2026-12-01T00:00:00Z", "2026-12-01T24:00:00Z", "till", Rfc3339.RULE),
                window("2026-12-01T00:00:00Z", "1764597600", "till", Rfc3339.RULE),
                window("2026-12-01T00:00:00Z", "+999999999-12-31T10:00:00Z", "till", Rfc3339.RULE));
        return formats().stream().flatMap(format -> windows.stream()
                .map(window -> Arguments.of(format, window.get(0), window.get(1), window.get(2), window.get(3))));
    }

    private static List<String> window(String from, @Nullable String till, String field, String rule) {
        return Arrays.asList(from, till, field, rule);
    }

    @ParameterizedTest(name = "{0}: from=''{1}'' till=''{2}'': {3} {4}")
    @MethodSource("badWindows")
    void refusesABadWindowNamingTheFieldAndRule(Format format, String from, @Nullable String till, String field, String rule) {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));

        String uri = "/api/v1/calendars/{id}/" + format.path() + "?from={from}" + (till == null ? "" : "&till={till}");
        problem(format, client.get().uri(uri, "cal-a", from, till), HttpStatus.BAD_REQUEST)
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void refusesAWindowOfOneEntryMoreThanTheCapNamingTillAndTheRule(Format format) {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA));
        for (int i = 0; i < 11; i++) {
            readModels.given(ReadModelFixture.item("e" + i, "cal-a", "job", nine.plus(Duration.ofDays(i)), Duration.ofHours(1)));
        }

        problem(format, client.get().uri("/api/v1/calendars/cal-a/" + format.path() + "?from=2026-12-01T00:00:00Z&till=2026-12-12T00:00:00Z"),
                HttpStatus.BAD_REQUEST)
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo(CalendarExportController.MAX_EVENTS_RULE)
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("more than 10 entries", "narrow"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void anUnknownCalendarIsANotFoundProblem(Format format) {
        problem(format, client.get().uri("/api/v1/calendars/{id}/" + format.path(), "cal-missing"), HttpStatus.NOT_FOUND)
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void anUnchangedExportIsNotSentAgainAndAChangedOneIs(Format format) {
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA),
                ReadModelFixture.item("item-a", "cal-a", "job", Instant.parse("2026-12-01T09:00:00Z"), Duration.ofHours(1)));
        String uri = "/api/v1/calendars/cal-a/" + format.path() + "?from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z";
        String etag = accepting(format, client.get().uri(uri)).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();

        accepting(format, client.get().uri(uri)).header(HttpHeaders.IF_NONE_MATCH, etag)
                .exchange()
                .expectStatus().isNotModified()
                .expectBody().isEmpty();

        readModels.given(ReadModelFixture.item("item-b", "cal-a", "job", Instant.parse("2026-12-02T09:00:00Z"), Duration.ofHours(1)));
        accepting(format, client.get().uri(uri)).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk();
    }

    private static WebTestClient.RequestHeadersSpec<?> accepting(Format format, WebTestClient.RequestHeadersSpec<?> request) {
        return format.accept() == null ? request : request.header(HttpHeaders.ACCEPT, format.accept());
    }

    private static WebTestClient.BodyContentSpec problem(Format format, WebTestClient.RequestHeadersSpec<?> request, HttpStatus status) {
        return accepting(format, request)
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }
}

package dev.almanac.query.opsfeed;

import java.net.URI;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/** Every bad parameter of the ops feed is one 400 problem naming the field and the rule, never a 500. */
@QueryApiTest
class OpsFeedRefusalsApiTest extends ReadModelApiTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = ';', value = {
            "start=tomorrow; start; rfc3339",
            "start=2026-12-01T00:00:00; start; rfc3339",
            "start=1764597600; start; rfc3339",
            "end=2026-12-01T24:00:00Z; end; rfc3339",
            "start=2026-12-01T00:00:00Z&end=+999999999-12-31T10:00:00Z; end; rfc3339",
            "start=2026-12-02T00:00:00Z&end=2026-12-01T00:00:00Z; end; after_from",
            "start=2026-12-01T00:00:00Z&end=2026-12-01T00:00:00Z; end; after_from",
            "start=2026-12-01T00:00:00Z&end=2027-01-01T00:00:01Z; end; max_range_days",
            "start=9999-12-31T00:00:00Z; start; range",
            "view=day&start=9999-12-31T00:00:01Z; start; range",
            "end=0001-01-02T00:00:00Z; end; range",
            "view=list&end=0001-01-30T00:00:00Z; end; range",
            "timezone=Mars/Olympus_Mons; timezone; iana_zone",
            "timezone=utc; timezone; iana_zone",
            "timezone=EST; timezone; iana_zone",
            "view=month; view; one_of",
            "source=beat; source; one_of",
            "source=cron,heartbeats; source; one_of",
            "source=cron&source=bad id!; source; one_of",
            "status=succeeded; status; one_of",
            "calendar_id=bad id!; calendar_id; format",
            "calendar_id=,,,; calendar_id; format",
            "calendar_id=cal-a,; calendar_id; format",
            "calendar_id=cal-a&calendar_id=; calendar_id; format",
            "cursor=not-a-cursor; cursor; format",
            "cursor=MjAyNi0xMi0wMVQxNTowMDowMFp8; cursor; format",
            "limit=0; limit; range",
            "limit=1001; limit; range"})
    void refusesABadParameterNamingTheFieldAndRule(String query, String field, String rule) {
        refused("/api/v1/ops/calendar/events?" + query, field, rule.equals("rfc3339") ? Rfc3339.RULE : rule);
    }

    /** Sent encoded as they are: Spring's list binding trimmed controls and spaces away, which made each a valid value. */
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(delimiter = ';', value = {
            "calendar_id=bell%07; calendar_id; text",
            "calendar_id=%20cal-a; calendar_id; format",
            "calendar_id=cal-a,%09cal-b; calendar_id; format",
            "source=cron%07; source; text",
            "status=%20missed; status; one_of"})
    void refusesWhatATrimWouldHaveMadeValid(String query, String field, String rule) {
        refused(client.get().uri(URI.create("/api/v1/ops/calendar/events?" + query)).exchange(), field, rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"owner, 129, size", "calendar_id, 51, size"})
    void refusesTooManyOrTooLong(String field, int count, String rule) {
        String value = field.equals("owner") ? "x".repeat(count)
                : IntStream.range(0, count).mapToObj(i -> "cal-" + i).collect(Collectors.joining(","));
        refused("/api/v1/ops/calendar/events?" + field + "=" + value, field, rule);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"start=9999-12-24T00:00:00Z", "view=day&start=9999-12-30T23:59:59Z", "end=0001-01-08T00:00:00Z"})
    void answersAnEdgeAloneWhoseViewStaysWithinTheYearsAlmanacTakes(String query) {
        client.get().uri("/api/v1/ops/calendar/events?" + query).exchange().expectStatus().isOk();
    }

    private void refused(String uri, String field, String rule) {
        refused(client.get().uri(uri).exchange(), field, rule);
    }

    private static void refused(WebTestClient.ResponseSpec answer, String field, String rule) {
        answer
                .expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }
}

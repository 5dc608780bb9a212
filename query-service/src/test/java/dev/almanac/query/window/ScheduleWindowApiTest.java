package dev.almanac.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.platform.input.Rfc3339;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.platform.testing.JsonSchemas;
import dev.almanac.query.support.Gzip;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class ScheduleWindowApiTest extends ReadModelApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    private ScheduleWindows windows;

    @Autowired
    private JsonMapper mapper;

    @Test
    void countsLocalNewYorkDaysAcrossTheFallBackInSeedShape() {
        givenFallBackWeekendEntries();

        byte[] json = window("from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&timezone=America/New_York&granularity=day")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.from").isEqualTo("2025-11-01T04:00:00Z")
                .jsonPath("$.window.till").isEqualTo("2025-11-04T05:00:00Z")
                .jsonPath("$.window.timezone").isEqualTo("America/New_York")
                .jsonPath("$.window.granularity").isEqualTo("day")
                .jsonPath("$.buckets.length()").isEqualTo(3)
                .jsonPath("$.buckets[1].timestamp").isEqualTo("2025-11-02T04:00:00Z")
                .jsonPath("$.buckets[1].local_time").isEqualTo("2025-11-02T00:00:00-04:00")
                .jsonPath("$.buckets[2].local_time").isEqualTo("2025-11-03T00:00:00-05:00")
                .jsonPath("$.buckets[0].job_count").isEqualTo(1)
                .jsonPath("$.buckets[1].job_count").isEqualTo(4)
                .jsonPath("$.buckets[2].job_count").isEqualTo(1)
                .jsonPath("$.buckets[1].queues.cal-a").isEqualTo(2)
                .jsonPath("$.buckets[1].queues.cal-b").isEqualTo(2)
                .jsonPath("$.buckets[1].job_types.job").isEqualTo(2)
                .jsonPath("$.buckets[1].estimated_duration").isEqualTo(4 * 15 * 60)
                .jsonPath("$.buckets[1].density_score").isEqualTo(1.0)
                .jsonPath("$.buckets[0].density_score").isEqualTo(0.25)
                .jsonPath("$.summary.total_jobs").isEqualTo(6)
                .jsonPath("$.summary.peak_day").isEqualTo("2025-11-02T04:00:00Z")
                .jsonPath("$.summary.peak_count").isEqualTo(4)
                .jsonPath("$.summary.avg_daily").isEqualTo(2.0)
                .returnResult().getResponseBody();

        assertThat(JsonSchemas.f033Errors("ScheduleWindow", new String(json, StandardCharsets.UTF_8))).isEmpty();
    }

    /** A kept window's JSON is written once and sent again as it was; a write in the window brings a new one. */
    @Test
    void aKeptWindowIsSentAsTheMapperWritesItUntilAWriteChangesIt() {
        givenFallBackWeekendEntries();
        String query = "from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&timezone=America/New_York&granularity=day";
        WindowSpec spec = new WindowSpec(Instant.parse("2025-11-01T04:00:00Z"), Instant.parse("2025-11-04T05:00:00Z"), NEW_YORK,
                Granularity.DAY);

        String first = body(query);
        String again = body(query);

        ScheduleWindow kept = windows.window(spec, null).block(Duration.ofSeconds(5));
        assertThat(again).isEqualTo(first).isEqualTo(new String(mapper.writeValueAsBytes(kept), StandardCharsets.UTF_8));
        assertThat(new String(windows.body(kept, window -> {
            throw new AssertionError("the kept window was written again");
        }), StandardCharsets.UTF_8)).as("the body the encoder wrote is held with the kept window").isEqualTo(first);
        readModels.given(ReadModelFixture.item("i-mon", "cal-a", "review", Instant.parse("2025-11-03T15:00:00Z"), Duration.ofHours(1)));
        assertThat(body(query)).isNotEqualTo(first).contains("\"total_jobs\":" + (totalJobs(first) + 1));
    }

    /**
     * Asked again, a kept window goes gzipped to a client that allows it, as the same JSON, with a
     * tag of its own; each tag answers 304 until a write in the window changes both.
     */
    @Test
    void aKeptWindowGoesGzippedToAClientThatAllowsItUnderATagOfItsOwn() {
        // The window's own Accept-Encoding first, then the caller's headers (web/CallersOwnAnswers).
        String vary = HttpHeaders.ACCEPT_ENCODING + ", Authorization, X-Almanac-User, X-Almanac-Roles";
        givenFallBackWeekendEntries();
        String query = "/api/v1/schedules/window?from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&timezone=America/New_York";
        var plain = client.get().uri(query).exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.VARY, vary)
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                .expectBody(byte[].class).returnResult();
        String tag = plain.getResponseHeaders().getETag();

        var gzipped = client.get().uri(query).header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br").exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
                .expectHeader().valueEquals(HttpHeaders.VARY, vary)
                .expectBody(byte[].class).returnResult();

        String gzipTag = gzipped.getResponseHeaders().getETag();
        assertThat(tag).matches("\"[0-9a-f]{32}\"");
        assertThat(gzipTag).isEqualTo(tag.substring(0, tag.length() - 1) + "-gzip\"");
        assertThat(Gzip.gunzip(gzipped.getResponseBody())).isEqualTo(plain.getResponseBody());
        client.get().uri(query).header(HttpHeaders.ACCEPT_ENCODING, "gzip").header(HttpHeaders.IF_NONE_MATCH, gzipTag).exchange()
                .expectStatus().isNotModified()
                .expectHeader().valueEquals(HttpHeaders.ETAG, gzipTag)
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                .expectBody().isEmpty();
        client.get().uri(query).header(HttpHeaders.IF_NONE_MATCH, "W/" + tag).exchange().expectStatus().isNotModified();
        client.get().uri(query).header(HttpHeaders.ACCEPT_ENCODING, "gzip;q=0, *").header(HttpHeaders.IF_NONE_MATCH, gzipTag).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, tag)
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING);

        readModels.given(ReadModelFixture.item("i-mon", "cal-a", "review", Instant.parse("2025-11-03T15:00:00Z"), Duration.ofHours(1)));

        var changed = client.get().uri(query).header(HttpHeaders.ACCEPT_ENCODING, "gzip").header(HttpHeaders.IF_NONE_MATCH, gzipTag).exchange()
                .expectStatus().isOk()
                .expectBody(byte[].class).returnResult();
        assertThat(changed.getResponseHeaders().getETag()).isNotIn(tag, gzipTag);
        assertThat(new String(body(changed), StandardCharsets.UTF_8)).contains("\"total_jobs\":7");
    }

    /** A filtered window is counted entry by entry and never kept: it goes as it is, tagged from its body. */
    @Test
    void aFilteredWindowGoesAsItIsTaggedFromItsBody() {
        givenFallBackWeekendEntries();
        String query = "/api/v1/schedules/window?from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&type=job";
        for (int ask = 0; ask < 2; ask++) {
            client.get().uri(query).header(HttpHeaders.ACCEPT_ENCODING, "gzip").exchange().expectStatus().isOk()
                    .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                    .expectHeader().exists(HttpHeaders.ETAG)
                    .expectBody().jsonPath("$.summary.total_jobs").isEqualTo(2);
        }
    }

    /** The body as sent: gunzipped where the response says gzip. */
    private static byte[] body(EntityExchangeResult<byte[]> result) {
        return "gzip".equals(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_ENCODING)) ? Gzip.gunzip(result.getResponseBody())
                : result.getResponseBody();
    }

    private static long totalJobs(String window) {
        return JsonMapper.builder().build().readTree(window).get("summary").get("total_jobs").asLong();
    }

    @Test
    void hourBucketsOfTheRepeatedHourValidateAgainstTheSchema() {
        givenFallBackWeekendEntries();

        String json = body("from=2025-11-02T04:00:00Z&till=2025-11-02T08:00:00Z&timezone=America/New_York&granularity=hour");

        assertThat(JsonSchemas.f033Errors("ScheduleWindow", json)).isEmpty();
        assertThat(json).contains("\"local_time\":\"2025-11-02T01:00:00-04:00\"", "\"local_time\":\"2025-11-02T01:00:00-05:00\"");
    }

    @Test
    void lordHoweAndChathamWindowsValidateWithTheirOddOffsets() {
        String lordHowe = body("from=2025-10-04T12:00:00Z&till=2025-10-05T20:00:00Z&timezone=Australia/Lord_Howe&granularity=hour");
        String chatham = body("from=2025-09-20T00:00:00Z&till=2025-10-10T00:00:00Z&timezone=Pacific/Chatham&granularity=week");

        assertThat(JsonSchemas.f033Errors("ScheduleWindow", lordHowe)).isEmpty();
        assertThat(lordHowe).contains("+10:30\"", "\"local_time\":\"2025-10-05T02:30:00+11:00\"");
        assertThat(JsonSchemas.f033Errors("ScheduleWindow", chatham)).isEmpty();
        assertThat(chatham).contains("\"local_time\":\"2025-09-15T00:00:00+12:45\"", "\"local_time\":\"2025-09-29T00:00:00+13:45\"");
    }

    @Test
    void anEmptyWindowHasNoPeakDayAndStillValidates() {
        String json = body("from=2025-06-01T00:00:00Z&till=2025-06-03T00:00:00Z");

        assertThat(JsonSchemas.f033Errors("ScheduleWindow", json)).isEmpty();
        assertThat(json).doesNotContain("peak_day").contains("\"total_jobs\":0", "\"density_score\":0.0");
    }

    @Test
    void defaultsToDayBucketsInUtc() {
        window("from=2025-06-01T12:00:00Z&till=2025-06-03T00:00:00Z")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.timezone").isEqualTo("UTC")
                .jsonPath("$.window.granularity").isEqualTo("day")
                .jsonPath("$.buckets[0].timestamp").isEqualTo("2025-06-01T00:00:00Z")
                .jsonPath("$.buckets[0].local_time").isEqualTo("2025-06-01T00:00:00Z")
                .jsonPath("$.buckets.length()").isEqualTo(2);
    }

    @Test
    void aQueueFilterCountsOnlyThatCalendar() {
        givenFallBackWeekendEntries();

        window("from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&timezone=America/New_York&queue=cal-b")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(2)
                .jsonPath("$.buckets[1].queues.cal-b").isEqualTo(2)
                .jsonPath("$.buckets[1].queues.cal-a").doesNotExist();
    }

    @Test
    void anUnknownQueueIsNotFoundNamingTheQueue() {
        givenFallBackWeekendEntries();

        window("from=2025-11-01T04:00:00Z&till=2025-11-04T05:00:00Z&queue=cal-missing")
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("queue")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @Test
    void readsAnOffsetWhosePlusArrivedAsASpace() {
        window("from=2025-11-02T00:00:00+01:00&till=2025-11-03T00:00:00+01:00")
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.from").isEqualTo("2025-11-01T23:00:00Z");
    }

    @Test
    void acceptsAWindowOfExactly365Days() {
        window("from=2025-01-01T00:00:00Z&till=2026-01-01T00:00:00Z&granularity=week")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.buckets[0].local_time").isEqualTo("2024-12-30T00:00:00Z");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "from=2025-09-14T00:00:00Z&till=2025-09-15T00:00:00Z&timezone=Mars/Olympus_Mons | timezone    | iana_zone",
            "from=2025-09-14T00:00:00Z&till=2025-09-15T00:00:00Z&timezone=EST             | timezone    | iana_zone",
            "from=2025-09-15T00:00:00Z&till=2025-09-14T00:00:00Z                          | till        | after_from",
            "from=2025-09-14T00:00:00Z&till=2025-09-14T00:00:00Z                          | till        | after_from",
            "from=2025-01-01T00:00:00Z&till=2026-01-01T00:00:01Z                          | till        | max_window_days",
            "from=yesterday&till=2025-09-15T00:00:00Z                                     | from        | rfc3339",
            "from=2025-09-14T00:00:00&till=2025-09-15T00:00:00Z                           | from        | rfc3339",
            "from=2025-09-14T00:00:00Z&till=2025-09-15                                    | till        | rfc3339",
            "from=2025-09-14T00:00:00Z&till=2025-09-15T00:00:00Z&granularity=month        | granularity | one_of",
            "from=2025-09-14T00:00:00Z&till=2025-09-15T00:00:00Z&queue=-nope              | queue       | format",
            "till=2025-09-15T00:00:00Z                                                    | from        | required",
            "from=2025-09-14T00:00:00Z                                                    | till        | required"})
    void answersBadInputWithAProblemNamingTheFieldAndRule(String query, String field, String rule) {
        window(query)
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.instance").isEqualTo("/api/v1/schedules/window")
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(rule)
                .jsonPath("$.errors[0].message").isNotEmpty();
    }

    /**
     * Issue 7: instants that RFC 3339 does not allow, each sent percent-encoded as a client would,
     * are refused naming the field, whether or not {@code java.time} could have parsed them.
     */
    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("instantsOutsideRfc3339")
    void refusesAnInstantOutsideRfc3339NamingTheField(String field, String instant) {
        String from = field.equals("from") ? instant : "2026-01-01T00:00:00Z";
        String till = field.equals("till") ? instant : "2026-01-02T00:00:00Z";

        client.get().uri("/api/v1/schedules/window?from={from}&till={till}", from, till)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(Rfc3339.RULE)
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains(Rfc3339.DESCRIPTION));
    }

    static Stream<Arguments> instantsOutsideRfc3339() {
        return Stream.of("from", "till").flatMap(field -> Stream.of("+999999999-12-31T10:00:00Z", "-999999999-01-01T00:00:00Z",
                        "2026-01-01T24:00:00Z", "2026-01-01T12:00:00Z\u0000", "\u00002026-01-01T12:00:00Z", "2026-01-01T12:00:00Z ",
                        "2026-02-30T10:00:00Z", "2026-01-01T12:00:60Z", "2026-01-01T12:00Z", "+10000-01-01T00:00:00Z", "1767225600")
                .map(instant -> Arguments.of(field, instant)));
    }

    @Test
    void acceptsTheOffsetSignWhenItArrivesAsAnEncodedPlus() {
        client.get().uri("/api/v1/schedules/window?from={from}&till={till}", "2025-11-02T00:00:00+01:00", "2025-11-03T00:00:00+01:00")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.window.from").isEqualTo("2025-11-01T23:00:00Z");
    }

    /** NUL, control characters and noncharacters in a text parameter are reported as text, not as a bad zone or id. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("textThatBreaksTheTextRules")
    void refusesTextParametersThatBreakTheTextRules(String field, String value) {
        client.get().uri("/api/v1/schedules/window?from=2026-01-01T00:00:00Z&till=2026-01-02T00:00:00Z&" + field + "={value}", value)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(1)
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].rule").isEqualTo(TextRules.RULE);
    }

    static Stream<Arguments> textThatBreaksTheTextRules() {
        return Stream.of(Arguments.of("queue", "cal\u0000a"), Arguments.of("timezone", "UTC\u0007"),
                Arguments.of("granularity", "day\u001b"), Arguments.of("queue", "cal\uffff"));
    }

    @Test
    void reportsEveryInvalidParameterAtOnce() {
        window("from=2025-09-14T00:00:00Z&till=2025-09-15T00:00:00Z&timezone=Nowhere/Special&granularity=fortnight")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'timezone')].rule").isEqualTo("iana_zone")
                .jsonPath("$.errors[?(@.field == 'granularity')].rule").isEqualTo("one_of");
    }

    /** A New York fall-back weekend: local days of 24, 25 and 24 hours, with entries on their edges. */
    private void givenFallBackWeekendEntries() {
        readModels.given(
                ReadModelFixture.calendar("cal-a", NEW_YORK),
                ReadModelFixture.calendar("cal-b", NEW_YORK),
                ReadModelFixture.item("i-sat", "cal-a", "meeting", Instant.parse("2025-11-01T14:00:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("i-sun-midnight", "cal-a", "meeting", Instant.parse("2025-11-02T04:00:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("i-first-0130", "cal-b", "job", Instant.parse("2025-11-02T05:30:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("i-second-0130", "cal-b", "job", Instant.parse("2025-11-02T06:30:00Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("i-sun-last-second", "cal-a", "meeting", Instant.parse("2025-11-03T04:59:59Z"), Duration.ofMinutes(15)),
                ReadModelFixture.item("i-mon-midnight", "cal-a", "meeting", Instant.parse("2025-11-03T05:00:00Z"), Duration.ofMinutes(15)));
    }

    /** Type, tag and priority narrow the count; an entry longer than a day still counts once, on its start day. */
    @Test
    void filtersByTypeTagAndPriorityCountOnlyTheMatchingEntries() {
        Instant nine = Instant.parse("2026-12-01T09:00:00Z");
        ItemScheduled sample = EventSamples.itemScheduled();
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")), ReadModelFixture.calendar("cal-b", ZoneId.of("UTC")),
                item("item-1", "cal-a", "meeting", nine, Duration.ofHours(30), Priority.HIGH, List.of("finance")),
                item("item-2", "cal-a", "meeting", nine.plus(Duration.ofHours(1)), Duration.ofHours(1), Priority.LOW, List.of("ops")),
                item("item-3", "cal-b", "review", nine.plus(Duration.ofDays(1)), Duration.ofHours(2), Priority.HIGH, List.of("finance", "ops")),
                item("item-4", "cal-b", "meeting", nine.plus(Duration.ofDays(1)), Duration.ofMinutes(30), sample.priority(), List.of()));
        String week = "from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z&granularity=day";

        window(week + "&type=meeting").expectStatus().isOk().expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(3)
                .jsonPath("$.buckets[0].job_count").isEqualTo(2)
                .jsonPath("$.buckets[0].estimated_duration").isEqualTo(31 * 3600)
                .jsonPath("$.buckets[0].job_types.meeting").isEqualTo(2)
                .jsonPath("$.buckets[1].queues.cal-b").isEqualTo(1);
        window(week + "&tag=finance").expectStatus().isOk().expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(2)
                .jsonPath("$.buckets[1].job_types.review").isEqualTo(1);
        window(week + "&priority=high&tag=ops").expectStatus().isOk().expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(1)
                .jsonPath("$.buckets[1].job_count").isEqualTo(1);
        window(week + "&type=meeting&queue=cal-a").expectStatus().isOk().expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(2);
        window(week + "&type=nothing").expectStatus().isOk().expectBody()
                .jsonPath("$.summary.total_jobs").isEqualTo(0)
                .jsonPath("$.buckets.length()").isEqualTo(7);
    }

    @Test
    void aBadFilterIsOneProblemNamingEachField() {
        window("from=2026-12-01T00:00:00Z&till=2026-12-08T00:00:00Z&priority=urgent&type=" + "x".repeat(65))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("type", "priority"))
                .jsonPath("$.errors[*].rule").isEqualTo(List.of("size", "one_of"));
    }

    private static ItemScheduled item(String id, String calendar, String type, Instant start, Duration length, Priority priority,
                                      List<String> tags) {
        return new ItemScheduled(ItemId.of(id), CalendarId.of(calendar), "Item " + id, type, start, start.plus(length),
                ZoneId.of("UTC"), priority, tags);
    }

    private WebTestClient.ResponseSpec window(String query) {
        return client.get().uri("/api/v1/schedules/window?" + query).exchange();
    }

    private String body(String query) {
        return window(query).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}

package dev.almanac.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

@QueryApiTest
class CallersOwnAnswersApiTest extends ReadModelApiTest {

    private static final String WINDOW = ContentEtagsApiTest.WINDOW;
    private static final String DAY = ContentEtagsApiTest.DAY;
    private static final String CALENDAR = "/api/v1/calendars/cal-a";

    @BeforeEach
    void oneItemOnOneCalendar() {
        readModels.given(ContentEtagsApiTest.oneItemOnCalA());
    }

    /** Kept windows, bodies tagged by their hash and entities tagged by their version: each answer, 200 or 304. */
    @Test
    void everyReadAndItsNotModifiedAreTheCallersOwnAndAskedAgainEachTime() {
        for (String read : new String[] {WINDOW, DAY, CALENDAR}) {
            HttpHeaders full = client.get().uri(read).exchange()
                    .expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders();
            assertCallersOwn(read, full);

            HttpHeaders notModified = client.get().uri(read).header(HttpHeaders.IF_NONE_MATCH, full.getETag()).exchange()
                    .expectStatus().isNotModified()
                    .returnResult(String.class).getResponseHeaders();
            assertCallersOwn(read + " (304)", notModified);
        }
    }

    @Test
    void aWindowStillVariesByItsEncodingAndNamesEachHeaderOnce() {
        HttpHeaders headers = client.get().uri(WINDOW).header(HttpHeaders.ACCEPT_ENCODING, "gzip").exchange()
                .expectStatus().isOk()
                .returnResult(byte[].class).getResponseHeaders();
        assertThat(headers.getVary()).containsExactly(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.AUTHORIZATION, "X-Almanac-User",
                "X-Almanac-Roles");
    }

    /** A 404 may be kept by a shared cache by heuristic (RFC 9110, 15.1) unless told otherwise. */
    @Test
    void problemsAreTheCallersOwnToo() {
        assertCallersOwn("unknown calendar", client.get().uri("/api/v1/calendars/cal-unknown").exchange()
                .expectStatus().isNotFound()
                .returnResult(String.class).getResponseHeaders());
    }

    @Test
    void theCalendarConfigurationIsTheSameForEveryoneAndKeepsItsOwnCaching() {
        HttpHeaders headers = client.get().uri("/api/v1/calendar/config").exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders();
        assertThat(headers.getCacheControl()).isEqualTo("no-cache");
        assertThat(headers.getVary()).doesNotContain(HttpHeaders.AUTHORIZATION, "X-Almanac-User");
    }

    private static void assertCallersOwn(String read, HttpHeaders headers) {
        assertThat(headers.getCacheControl()).as(read).isEqualTo("private, no-cache");
        assertThat(headers.getVary()).as(read).contains(HttpHeaders.AUTHORIZATION, "X-Almanac-User", "X-Almanac-Roles");
    }
}

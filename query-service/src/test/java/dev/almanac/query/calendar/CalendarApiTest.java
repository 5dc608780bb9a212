package dev.almanac.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class CalendarApiTest extends ReadModelApiTest {

    @Test
    void showsACalendarInSnakeCaseWithItsVersionAsETag() {
        CalendarCreated created = EventSamples.calendarCreated();
        readModels.given(created);

        client.get().uri("/api/v1/calendars/{id}", created.calendarId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(created.calendarId().value())
                .jsonPath("$.name").isEqualTo(created.name())
                .jsonPath("$.type").isEqualTo("venue")
                .jsonPath("$.timezone").isEqualTo("America/New_York")
                .jsonPath("$.capacity").isEqualTo(created.capacity())
                .jsonPath("$.overbooking_policy").isEqualTo("allow")
                .jsonPath("$.created_at").isNotEmpty()
                .jsonPath("$.version").isEqualTo(0);
    }

    @Test
    void listsCalendarsByName() {
        readModels.given(ReadModelFixture.calendar("cal-b", ZoneId.of("UTC")), ReadModelFixture.calendar("cal-a", ZoneId.of("Asia/Kathmandu")));

        client.get().uri("/api/v1/calendars")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.calendars.length()").isEqualTo(2)
                .jsonPath("$.calendars[0].id").isEqualTo("cal-a")
                .jsonPath("$.calendars[0].timezone").isEqualTo("Asia/Kathmandu")
                .jsonPath("$.calendars[1].id").isEqualTo("cal-b");
    }

    /** The list pages by an opaque cursor, at most max_jobs_per_request a page; a name may hold the cursor's separator. */
    @Test
    void pagesTheListWithAnOpaqueCursor() {
        readModels.given(ReadModelFixture.calendar("cal-c", ZoneId.of("UTC")), ReadModelFixture.calendar("cal-a", ZoneId.of("UTC")),
                ReadModelFixture.calendar("cal-b", ZoneId.of("UTC")));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JsonMapper.builder().build().readTree(client.get()
                    .uri("/api/v1/calendars?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            page.get("calendars").forEach(calendar -> seen.add(calendar.get("id").asString()));
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
        } while (cursor != null);

        assertThat(seen).containsExactly("cal-a", "cal-b", "cal-c");
        client.get().uri("/api/v1/calendars?limit=1001&cursor=bm9wZQ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").isEqualTo(List.of("limit", "cursor"));
        // Another list's cursor is not this list's, though any text could be a calendar's name.
        client.get().uri("/api/v1/calendars?cursor={cursor}", new EntryCursor(Instant.parse("2026-12-01T00:00:00Z"), "cal-a").encode())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("cursor")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    @Test
    void anUnknownCalendarIsANotFoundProblem() {
        client.get().uri("/api/v1/calendars/cal-missing")
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.NOT_FOUND)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bad id!", "-starts-with-a-dash", "../../etc/passwd", "été"})
    void anIdNoCalendarCanHaveIsABadRequestNamingTheIdForTheCalendarAndItsEntries(String id) {
        client.get().uri("/api/v1/calendars/{id}", id)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
        client.get().uri("/api/v1/calendars/{id}/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", id)
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }
}

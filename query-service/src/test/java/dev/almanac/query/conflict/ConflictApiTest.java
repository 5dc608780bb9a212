package dev.almanac.query.conflict;

import java.time.Instant;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.platform.input.TextRules;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.entry.EntryCursor;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelFixture;

@QueryApiTest
class ConflictApiTest {

    @Autowired
    WebTestClient client;

    @Autowired
    MongoDatabase database;

    @Autowired
    Projections projections;

    private ReadModelFixture readModels;
    private final ConflictDetected sample = EventSamples.conflictDetected();
    private final ConflictDetected later = new ConflictDetected(ConflictId.of("conflict-later"), CalendarId.of("cal-other"),
            sample.type(), sample.level(), Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T11:00:00Z"),
            1, 2, List.copyOf(sample.entries()));

    @BeforeEach
    void givenAClearedAndAnActiveConflict() {
        readModels = new ReadModelFixture(database, projections);
        readModels.clear();
        readModels.given(sample, EventSamples.conflictCleared(), later);
    }

    @Test
    void showsAConflictWithItsEntriesAndLifecycle() {
        ConflictCleared cleared = EventSamples.conflictCleared();

        client.get().uri("/api/v1/conflicts/{id}", sample.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(sample.conflictId().value())
                .jsonPath("$.calendar_id").isEqualTo(sample.calendarId().value())
                .jsonPath("$.status").isEqualTo("cleared")
                .jsonPath("$.type").isEqualTo("venue_conflict")
                .jsonPath("$.level").isEqualTo("critical")
                .jsonPath("$.start").isEqualTo(sample.start().toString())
                .jsonPath("$.peak_concurrency").isEqualTo(sample.peakConcurrency())
                .jsonPath("$.entries.length()").isEqualTo(sample.entries().size())
                .jsonPath("$.entries[0].entry_id").isEqualTo(sample.entries().get(0).entryId())
                .jsonPath("$.entries[0].kind").isEqualTo("item")
                .jsonPath("$.cleared_reason").isEqualTo(cleared.reason())
                .jsonPath("$.detected_at").isNotEmpty()
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void showsWhoEscalatedAndResolvedAConflictAndListsItByItsStatus() {
        readModels.given(EventSamples.conflictEscalated(), EventSamples.conflictResolved());

        client.get().uri("/api/v1/conflicts/{id}", later.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"0\"");
        client.get().uri("/api/v1/conflicts/{id}", sample.conflictId().value())
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody()
                .jsonPath("$.status").isEqualTo("resolved")
                .jsonPath("$.escalation.to").isEqualTo("venue-managers")
                .jsonPath("$.escalation.automatic").isEqualTo(false)
                .jsonPath("$.escalation.at").isEqualTo("2026-11-22T09:00:00Z")
                .jsonPath("$.resolution.method").isEqualTo("rescheduled")
                .jsonPath("$.resolution.by").isEqualTo("manager@example.com")
                .jsonPath("$.resolution.note").isEqualTo("Review moved to the next morning")
                .jsonPath("$.dismissal").doesNotExist();
        client.get().uri("/api/v1/conflicts?status=resolved").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(1)
                .jsonPath("$.conflicts[0].id").isEqualTo(sample.conflictId().value());
        client.get().uri("/api/v1/conflicts?status=cleared").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(0);
    }

    @Test
    void filtersByCalendarAndStatus() {
        client.get().uri("/api/v1/conflicts").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(2)
                .jsonPath("$.conflicts[0].id").isEqualTo(sample.conflictId().value())
                .jsonPath("$.conflicts[1].id").isEqualTo("conflict-later");
        client.get().uri("/api/v1/conflicts?status=detected").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(1)
                .jsonPath("$.conflicts[0].id").isEqualTo("conflict-later");
        client.get().uri("/api/v1/conflicts?calendar_id={id}&status=cleared", sample.calendarId().value()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts.length()").isEqualTo(1)
                .jsonPath("$.conflicts[0].status").isEqualTo("cleared");
    }

    @Test
    void pagesWithAnOpaqueCursorAndRefusesOneItDidNotMake() {
        client.get().uri("/api/v1/conflicts?limit=1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts[*].id").isEqualTo(List.of(sample.conflictId().value()));
        String next = nextCursor("/api/v1/conflicts?limit=1");
        client.get().uri("/api/v1/conflicts?limit=1&cursor={cursor}", next).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conflicts[*].id").isEqualTo(List.of("conflict-later"))
                .jsonPath("$.next_cursor").doesNotExist();
        client.get().uri("/api/v1/conflicts?cursor={cursor}", new EntryCursor(Instant.parse("2026-12-01T00:00:00Z"), "conflict-later").encode())
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("cursor");
        client.get().uri("/api/v1/conflicts?cursor=bm90LWEtY3Vyc29y").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("cursor")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }

    private String nextCursor(String uri) {
        return JsonMapper.builder().build().readTree(client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).get("next_cursor").asString();
    }

    @Test
    void rejectsAnUnknownStatusAndAnUnknownIdAsProblems() {
        client.get().uri("/api/v1/conflicts?status=active").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("status")
                .jsonPath("$.errors[0].rule").isEqualTo("one_of");
        client.get().uri("/api/v1/conflicts/conflict-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("id");
    }

    @Test
    void reportsNulAndControlCharactersInTheFiltersAsTextProblems() {
        client.get().uri("/api/v1/conflicts?calendar_id={calendar}&status={status}", "cal\u0000a", "active\u0007").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'calendar_id')].rule").isEqualTo(TextRules.RULE)
                .jsonPath("$.errors[?(@.field == 'status')].rule").isEqualTo(TextRules.RULE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bad id!", "-starts-with-a-dash", "../../etc/passwd", "été"})
    void anIdNoConflictCanHaveIsABadRequestNamingTheId(String id) {
        client.get().uri("/api/v1/conflicts/{id}", id)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors[0].field").isEqualTo("id")
                .jsonPath("$.errors[0].rule").isEqualTo("format");
    }
}

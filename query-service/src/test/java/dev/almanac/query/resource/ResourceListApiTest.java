package dev.almanac.query.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.platform.problem.ProblemTypes;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.RoleRefusals;
import dev.almanac.query.web.OpaqueCursors;

/** {@code GET /api/v1/resources}: every resource, by name and then id, in pages. */
@QueryApiTest
class ResourceListApiTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ResourceCreated resource(String id, String name, ResourceType type) {
        return new ResourceCreated(ResourceId.of(id), name, type, ZoneId.of("Europe/Berlin"), null);
    }

    private JsonNode list(String query, String... userHeader) {
        var request = client.get().uri("/api/v1/resources" + query);
        if (userHeader.length > 0) {
            request = request.header("X-Almanac-User", userHeader[0]);
        }
        byte[] body = request.exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("resources").forEach(resource -> ids.add(resource.get("id").asString()));
        return ids;
    }

    @Test
    void listsEveryResourceByNameThenIdShowingWhatItIsButNotItsRanges() {
        readModels.given(EventSamples.resourceCreated(), EventSamples.resourceMarkedUnavailable(),
                resource("res-b", "Annex", ResourceType.VENUE), resource("res-a", "Annex", ResourceType.VENUE),
                resource("res-dana", "Dana", ResourceType.STAFF));

        JsonNode page = list("");

        assertThat(ids(page)).containsExactly("res-a", "res-b", "res-projector", "res-dana");
        assertThat(page.has("next_cursor")).isFalse();
        JsonNode projector = page.get("resources").get(2);
        assertThat(projector.get("name").asString()).isEqualTo("Ceiling projector");
        assertThat(projector.get("type").asString()).isEqualTo("equipment");
        assertThat(projector.get("timezone").asString()).isEqualTo("America/New_York");
        assertThat(projector.get("description").asString()).isEqualTo("4K, ballroom ceiling mount");
        assertThat(projector.has("unavailable")).isFalse();
        assertThat(page.get("resources").get(0).has("description")).isFalse();
    }

    @Test
    void pagesRunInOrderAndTheLastHasNoCursor() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            readModels.given(resource("res-" + i, "Room " + (char) ('G' - i), ResourceType.VENUE));
            expected.add(0, "res-" + i);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list("?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("resources").size()).isLessThanOrEqualTo(3);
            seen.addAll(ids(page));
            cursor = page.has("next_cursor") ? page.get("next_cursor").asString() : null;
            pages++;
        } while (cursor != null);

        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
        assertThat(ids(list("?limit=7"))).isEqualTo(expected);
        assertThat(list("?limit=7").has("next_cursor")).isFalse();
    }

    @Test
    void noResourceIsAnEmptyList() {
        JsonNode page = list("");

        assertThat(page.get("resources").isEmpty()).isTrue();
        assertThat(page.has("next_cursor")).isFalse();
    }

    /**
     * Resources carry no grants (ADR 0021, 0060): a caller without a role on a calendar with grants, refused that
     * calendar's reads, sees every resource, as each resource's own read answers it.
     */
    @Test
    void aCallerRefusedACalendarStillSeesEveryResource() {
        CalendarCreated ownedByDana = new CalendarCreated(EventSamples.BALLROOM, "Ballroom", CalendarType.STAFF, ZoneId.of("UTC"), 1,
                OverbookingPolicy.BLOCK, null, new CalendarOwner("dana", OwnerType.STAFF), null);
        readModels.given(ownedByDana, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null),
                EventSamples.resourceCreated(), resource("res-a", "Annex", ResourceType.VENUE));

        RoleRefusals.expectHidden(client.get().uri("/api/v1/calendars/{id}/monthly", EventSamples.BALLROOM.value())
                .header("X-Almanac-User", "carol"), "id");

        assertThat(ids(list("", "carol"))).containsExactly("res-a", "res-projector").isEqualTo(ids(list("", "alice")));
        client.get().uri("/api/v1/resources/res-a").header("X-Almanac-User", "carol").exchange().expectStatus().isOk();
    }

    @Test
    void aBadLimitOrAForeignCursorIsOneProblemNamingEachField() {
        readModels.given(EventSamples.resourceCreated(), resource("res-a", "Annex", ResourceType.VENUE));
        String calendarsCursor = OpaqueCursors.opaque("calendars|Annex|res-a");

        client.get().uri("/api/v1/resources?limit=0&cursor=" + calendarsCursor)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo(ProblemTypes.VALIDATION)
                .jsonPath("$.errors[*].field").isEqualTo(List.of("limit", "cursor"))
                .jsonPath("$.errors[*].rule").isEqualTo(List.of("range", "format"));
        client.get().uri("/api/v1/resources?limit=1001")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        client.get().uri("/api/v1/resources?cursor=not-a-cursor!")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
    }
}

package dev.almanac.query.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemRescheduled;
import dev.almanac.query.support.FeedFixture;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/** The change feed over HTTP: a full sync, then each change once, paged, and tokens that are refused with 410 or 400. */
@QueryApiTest
class ChangesApiTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private FeedFixture feed;

    @BeforeEach
    void feed() {
        feed = new FeedFixture(projections);
    }

    @Test
    void aFullSyncGivesTheCurrentStateThenEachChangeOnceAndARemovalForACancellation() {
        feed.given(ReadModelFixture.calendar("cal-a", BERLIN),
                ReadModelFixture.item("item-1", "cal-a", "meeting", START, Duration.ofHours(1)),
                ReadModelFixture.item("item-2", "cal-a", "meeting", START.plusSeconds(7200), Duration.ofHours(1)));

        JsonNode full = get("/api/v1/changes", null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(full.get("full_sync").asBoolean()).isTrue();
        assertThat(ids(full)).containsExactly("item:item-1", "item:item-2");
        assertThat(full.get("changes").get(0).get("change").asString()).isEqualTo("created");
        assertThat(full.get("changes").get(0).get("state").get("title").asString()).endsWith("item-1");
        String token = full.get("sync_token").asString();

        feed.given(new ItemRescheduled(ItemId.of("item-1"), CalendarId.of("cal-a"), START, START.plusSeconds(3600),
                        START.plusSeconds(86_400), START.plusSeconds(90_000), "client asked"),
                new ItemCancelled(ItemId.of("item-2"), CalendarId.of("cal-a"), START.plusSeconds(7200), START.plusSeconds(10_800),
                        "not needed", null, null));
        JsonNode changes = sync(token, null);
        assertThat(changes.get("full_sync").asBoolean()).isFalse();
        assertThat(ids(changes)).containsExactly("item:item-1", "item:item-2");
        assertThat(changes.get("changes").get(0).get("change").asString()).isEqualTo("changed");
        assertThat(Instant.parse(changes.get("changes").get(0).get("state").get("start").asString())).isEqualTo(START.plusSeconds(86_400));
        assertThat(changes.get("changes").get(1).get("change").asString()).isEqualTo("removed");
        assertThat(changes.get("changes").get(1).get("reason").asString()).isEqualTo("cancelled");
        assertThat(changes.get("changes").get(1).has("state") && !changes.get("changes").get(1).get("state").isNull()).isFalse();

        JsonNode nothing = sync(changes.get("sync_token").asString(), null);
        assertThat(nothing.get("changes")).isEmpty();
        assertThat(nothing.get("sync_token").asString()).isNotBlank();
    }

    @Test
    void pagesOfOneTellEveryChangeOnceAndTheLastGivesTheSyncToken() {
        feed.given(ReadModelFixture.calendar("cal-p", BERLIN));
        for (int i = 0; i < 3; i++) {
            feed.given(ReadModelFixture.item("page-" + i, "cal-p", "meeting", START.plusSeconds(3600L * i), Duration.ofMinutes(30)));
        }
        List<String> seen = new ArrayList<>();
        JsonNode page = get("/api/v1/changes?limit=1", null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        while (page.get("next_page_token") != null && !page.get("next_page_token").isNull()) {
            seen.addAll(ids(page));
            page = get("/api/v1/changes?limit=1&page_token=" + page.get("next_page_token").asString(), null)
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        }
        seen.addAll(ids(page));
        assertThat(seen).containsExactly("item:page-0", "item:page-1", "item:page-2");

        for (int i = 3; i < 6; i++) {
            feed.given(ReadModelFixture.item("page-" + i, "cal-p", "meeting", START.plusSeconds(3600L * i), Duration.ofMinutes(30)));
        }
        List<String> changed = new ArrayList<>();
        page = sync(page.get("sync_token").asString(), 2);
        while (page.get("next_page_token") != null && !page.get("next_page_token").isNull()) {
            changed.addAll(ids(page));
            page = get("/api/v1/changes?limit=2&page_token=" + page.get("next_page_token").asString(), null)
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        }
        changed.addAll(ids(page));
        assertThat(changed).containsExactly("item:page-3", "item:page-4", "item:page-5");
    }

    @Test
    void aCallerSeesOnlyTheCalendarsTheyMayReadAndIsToldWhenTheyLoseOne() {
        feed.given(ReadModelFixture.calendar("cal-open", BERLIN), ReadModelFixture.calendar("cal-team", BERLIN),
                new CalendarAccessGranted(CalendarId.of("cal-team"), UserId.of("ann"), CalendarRole.VIEWER, null),
                ReadModelFixture.item("open-1", "cal-open", "meeting", START, Duration.ofHours(1)),
                ReadModelFixture.item("team-1", "cal-team", "meeting", START, Duration.ofHours(1)));

        JsonNode bob = get("/api/v1/changes", "bob").expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ids(bob)).containsExactly("item:open-1");
        JsonNode ann = get("/api/v1/changes", "ann").expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(ids(ann)).containsExactly("item:open-1", "item:team-1");

        feed.given(new CalendarAccessGranted(CalendarId.of("cal-team"), UserId.of("carl"), CalendarRole.VIEWER, null),
                new CalendarAccessRevoked(CalendarId.of("cal-team"), UserId.of("ann"), "left the team"));
        JsonNode after = get("/api/v1/changes?sync_token=" + ann.get("sync_token").asString(), "ann")
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(after.get("changes")).anySatisfy(change -> {
            assertThat(change.get("kind").asString()).isEqualTo("calendar");
            assertThat(change.get("id").asString()).isEqualTo("cal-team");
            assertThat(change.get("reason").asString()).isEqualTo("access_revoked");
        });

        // Bob gains nothing he could not see; a calendar opened to him since his token was given makes it gone.
        feed.given(new CalendarAccessGranted(CalendarId.of("cal-team"), UserId.of("bob"), CalendarRole.VIEWER, null));
        get("/api/v1/changes?sync_token=" + bob.get("sync_token").asString(), "bob").expectStatus().isEqualTo(410)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sync_token")
                .jsonPath("$.errors[0].rule").isEqualTo("access_changed");
    }

    @Test
    void aTamperedForeignOrExpiredTokenIsGoneAndAMalformedOneIsBadInput() {
        feed.given(ReadModelFixture.calendar("cal-t", BERLIN));
        String token = get("/api/v1/changes", "dora").expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("sync_token").asString();

        gone(token, "erin", "caller");
        String tampered = tamper(token);
        gone(tampered, "dora", "signature");
        clock.pin(Instant.now().plus(Duration.ofDays(8)));
        gone(token, "dora", "expired");
        clock.release();

        get("/api/v1/changes?sync_token=not-a-token", "dora").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("sync_token").jsonPath("$.errors[0].rule").isEqualTo("format");
        get("/api/v1/changes?sync_token=" + token + "&page_token=" + token, "dora").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("page_token");
        get("/api/v1/changes?limit=0", "dora").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
    }

    private void gone(String token, String user, String rule) {
        get("/api/v1/changes?sync_token=" + token, user).expectStatus().isEqualTo(410)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://almanac.dev/problems/gone")
                .jsonPath("$.errors[0].field").isEqualTo("sync_token")
                .jsonPath("$.errors[0].rule").isEqualTo(rule);
    }

    /** The token with its offsets changed and its signature kept. */
    private static String tamper(String token) {
        int dot = token.lastIndexOf('.');
        String text = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)), java.nio.charset.StandardCharsets.UTF_8);
        String altered = text.replace("|s|", "|s|").replaceFirst("=(\\d+)", "=999$1");
        if (altered.equals(text)) {
            altered = text + "x";
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(altered.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + token.substring(dot);
    }

    private JsonNode sync(String token, Integer limit) {
        return get("/api/v1/changes?sync_token=" + token + (limit == null ? "" : "&limit=" + limit), null)
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec get(String uri, String user) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (user != null) {
            request = request.header("X-Almanac-User", user);
        }
        return request.exchange();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("changes").forEach(change -> ids.add(change.get("kind").asString() + ":" + change.get("id").asString()));
        return ids;
    }

}

package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.stream.LiveStreamSlice;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.query.support.RoleRefusals;

/**
 * The reads across calendars leave out the calendars with grants on which the caller has no role (ADR 0027): the detailed
 * day, the ops feed, the live stream and the calendar list, each through HTTP. Four calendars: two open, one on which
 * alice is a viewer, one on which only bob is. carol has no role anywhere and sees the open two; alice sees three; an
 * admin sees all four. Hidden jobs sit between visible ones in time, so that a page cut before filtering would show.
 * The live stream is not in {@link QueryApiTest}'s slice: {@link LiveStreamSlice} adds it, with a hub fed without Kafka, so
 * this class has a Spring context of its own.
 */
@QueryApiTest
@Import(LiveStreamSlice.class)
// Open streams are checked again this often, so that a revocation ends one within the test's wait.
@TestPropertySource(properties = "almanac.query.stream.access-recheck=100ms")
class CrossCalendarDayFeedStreamTest extends ReadModelApiTest {

    private static final String OPEN = "cal-1-open";
    private static final String ALICES = "cal-2-alice-views";
    private static final String OTHER_OPEN = "cal-3-open";
    private static final String BOBS = "cal-4-bob-manages";
    /** A user with no role on any calendar. */
    private static final String CAROL = "carol";
    /** A viewer of {@link #ALICES}, and of nothing else with grants. */
    private static final String ALICE = "alice";
    /** Sent with the admin role (see {@link #as}). */
    private static final String ADMIN = "root";

    private static final Instant ACTIVE_FROM = Instant.parse("2026-11-30T00:00:00Z");
    private static final RuleCreated OPEN_RULE = RecurringRules.rule("rule-open", OTHER_OPEN, "0 13 * * *", ZoneOffset.UTC, ACTIVE_FROM, 0);
    private static final RuleCreated ALICES_RULE = RecurringRules.rule("rule-alices", ALICES, "0 14 * * *", ZoneOffset.UTC, ACTIVE_FROM, 0);
    private static final String OPEN_OCCURRENCE = OccurrenceId.of(OPEN_RULE.ruleId(), Instant.parse("2026-12-01T13:00:00Z")).value();
    private static final String ALICES_OCCURRENCE = OccurrenceId.of(ALICES_RULE.ruleId(), Instant.parse("2026-12-01T14:00:00Z")).value();

    /** The day's jobs in order (start, then id), as each caller may see them. */
    private static final List<String> CAROL_SEES = List.of("item-10", "item-30", "item-11", OPEN_OCCURRENCE);
    private static final List<String> ALICE_SEES = List.of("item-10", "item-20", "item-30", "item-21", "item-11", OPEN_OCCURRENCE,
            ALICES_OCCURRENCE);
    private static final List<String> ADMIN_SEES = List.of("item-10", "item-20", "item-30", "item-40", "item-21", "item-11",
            OPEN_OCCURRENCE, ALICES_OCCURRENCE, "item-41");

    private static final String DETAILED = "/api/v1/schedules/detailed?date=2026-12-01&timezone=UTC";
    private static final String FEED = "/api/v1/ops/calendar/events?start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z";
    private static final String CALENDARS = "/api/v1/calendars";
    /** A stream's first event: refetch, then follow (ADR 0038). */
    private static final String READY = "ready";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private LiveStreamSlice.ScheduleChanges changes;

    @BeforeEach
    void fourCalendarsWithJobsOnTheFirstOfDecember() {
        readModels.given(ReadModelFixture.calendar(OPEN, ZoneOffset.UTC), ReadModelFixture.calendar(ALICES, ZoneOffset.UTC),
                ReadModelFixture.calendar(OTHER_OPEN, ZoneOffset.UTC), ReadModelFixture.calendar(BOBS, ZoneOffset.UTC),
                new CalendarAccessGranted(CalendarId.of(ALICES), UserId.of(ALICE), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(CalendarId.of(BOBS), UserId.of("bob"), CalendarRole.MANAGER, null),
                item("item-10", OPEN, "09:00"), item("item-20", ALICES, "09:00"), item("item-30", OTHER_OPEN, "10:00"),
                item("item-40", BOBS, "10:00"), item("item-21", ALICES, "11:00"), item("item-11", OPEN, "12:00"),
                item("item-41", BOBS, "15:00"), OPEN_RULE, ALICES_RULE);
    }

    // ----- the detailed day

    @Test
    void theDetailedDayListsCountsAndNamesTheRulesOfTheCalendarsTheCallerMayReadOnly() {
        JsonNode carols = get(DETAILED, CAROL);
        assertThat(ids(carols, "jobs")).isEqualTo(CAROL_SEES);
        assertThat(carols.get("total_jobs").asInt()).isEqualTo(CAROL_SEES.size());
        assertThat(values(carols, "jobs", "queue")).containsOnly(OPEN, OTHER_OPEN);
        assertThat(ids(carols, "recurring_rules")).containsExactly("rule-open");

        JsonNode alices = get(DETAILED, ALICE);
        assertThat(ids(alices, "jobs")).isEqualTo(ALICE_SEES);
        assertThat(alices.get("total_jobs").asInt()).isEqualTo(ALICE_SEES.size());
        assertThat(ids(alices, "recurring_rules")).containsExactly("rule-alices", "rule-open");

        JsonNode admins = get(DETAILED, ADMIN);
        assertThat(ids(admins, "jobs")).isEqualTo(ADMIN_SEES);
        assertThat(admins.get("total_jobs").asInt()).isEqualTo(ADMIN_SEES.size());
        assertThat(ids(admins, "recurring_rules")).containsExactly("rule-alices", "rule-open");
    }

    /**
     * A rule moved to a calendar with grants after the day's occurrence ran keeps that occurrence on the open calendar, where
     * it ran (ADR 0068): the job shows, the rule not.
     */
    @Test
    void theDetailedDayLeavesOutARuleWhoseQueueTheCallerMayNotReadEvenBehindAVisibleJob() {
        readModels.given(new RuleUpdated(OPEN_RULE.ruleId(), Instant.parse("2026-12-01T13:30:00Z"), OPEN_RULE.name(), OPEN_RULE.cron(),
                null, null, OPEN_RULE.timezone(), CalendarId.of(ALICES), OPEN_RULE.durationSeconds(), OPEN_RULE.dstPolicy(),
                OPEN_RULE.jobTemplate(), OPEN_RULE.options(), OPEN_RULE.metadata()));

        JsonNode carols = get(DETAILED, CAROL);
        assertThat(ids(carols, "jobs")).contains(OPEN_OCCURRENCE);
        assertThat(ids(carols, "recurring_rules")).isEmpty();
        assertThat(ids(get(DETAILED, ALICE), "recurring_rules")).containsExactly("rule-alices", "rule-open");
    }

    @Test
    void theDetailedDayPagesOverTheVisibleJobsOnlyAndEveryPageCountsThemAlone() {
        for (int limit = 1; limit <= 3; limit++) {
            assertThat(pagedIds(DETAILED + "&limit=" + limit, CAROL, "jobs", limit, page -> assertThat(page.get("total_jobs").asInt())
                    .as("total_jobs on every page").isEqualTo(CAROL_SEES.size())))
                    .as("carol's pages of %d", limit).isEqualTo(CAROL_SEES);
            assertThat(pagedIds(DETAILED + "&limit=" + limit, ALICE, "jobs", limit, page -> { }))
                    .as("alice's pages of %d", limit).isEqualTo(ALICE_SEES);
        }
    }

    @Test
    void theDetailedDayOfACalendarTheCallerMayNotReadIsNotFoundNamingTheQueue() {
        hidden(DETAILED + "&queue=" + ALICES, CAROL, "queue");
        hidden(DETAILED + "&queue=" + BOBS, ALICE, "queue");

        assertThat(ids(get(DETAILED + "&queue=" + ALICES, ALICE), "jobs")).containsExactly("item-20", "item-21", ALICES_OCCURRENCE);
        assertThat(ids(get(DETAILED + "&queue=" + BOBS, ADMIN), "jobs")).containsExactly("item-40", "item-41");
        assertThat(ids(get(DETAILED + "&queue=" + OPEN, CAROL), "jobs")).containsExactly("item-10", "item-11");
        client.get().uri(DETAILED + "&queue=cal-missing").header("X-Almanac-User", CAROL).exchange().expectStatus().isNotFound();
    }

    /** Bodies hashed into ETags: one caller's tag never earns another caller a 304 for a different body. */
    @Test
    void theDetailedDaysETagDiffersByWhatTheCallerSeesAndAnothersTagIsNotMatched() {
        String carols = etag(DETAILED, CAROL);
        String alices = etag(DETAILED, ALICE);

        assertThat(carols).isNotEqualTo(alices);
        client.get().uri(DETAILED).header("X-Almanac-User", CAROL).header(HttpHeaders.IF_NONE_MATCH, alices)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ETAG, carols);
        client.get().uri(DETAILED).header("X-Almanac-User", CAROL).header(HttpHeaders.IF_NONE_MATCH, carols)
                .exchange()
                .expectStatus().isNotModified();
    }

    // ----- the ops feed

    @Test
    void theOpsFeedListsTheEventsOfTheCalendarsTheCallerMayReadOnly() {
        assertThat(ids(get(FEED, CAROL), "events")).isEqualTo(CAROL_SEES);
        assertThat(values(get(FEED, CAROL), "events", "calendar_id")).containsOnly(OPEN, OTHER_OPEN);
        assertThat(ids(get(FEED, ALICE), "events")).isEqualTo(ALICE_SEES);
        assertThat(ids(get(FEED, ADMIN), "events")).isEqualTo(ADMIN_SEES);
        assertThat(ids(get(FEED + "&calendar_id=" + ALICES, ALICE), "events")).containsExactly("item-20", "item-21", ALICES_OCCURRENCE);
        assertThat(ids(get(FEED + "&calendar_id=" + OPEN + "&calendar_id=" + OTHER_OPEN, CAROL), "events")).isEqualTo(CAROL_SEES);
        assertThat(etag(FEED, CAROL)).isNotEqualTo(etag(FEED, ALICE));
    }

    /** An occurrence left on an open calendar by a rule moved to one the caller may not read would show the rule's details. */
    @Test
    void theOpsFeedLeavesOutAnOccurrenceWhoseRuleMovedToACalendarTheCallerMayNotRead() {
        readModels.given(new RuleUpdated(OPEN_RULE.ruleId(), Instant.parse("2026-11-30T12:00:00Z"), OPEN_RULE.name(), OPEN_RULE.cron(),
                null, null, OPEN_RULE.timezone(), CalendarId.of(ALICES), OPEN_RULE.durationSeconds(), OPEN_RULE.dstPolicy(),
                OPEN_RULE.jobTemplate(), OPEN_RULE.options(), OPEN_RULE.metadata()));

        assertThat(ids(get(FEED, CAROL), "events")).isEqualTo(CAROL_SEES.stream().filter(id -> !id.equals(OPEN_OCCURRENCE)).toList());
        assertThat(ids(get(FEED, ALICE), "events")).isEqualTo(ALICE_SEES);
    }

    @Test
    void theOpsFeedPagesOverTheVisibleEventsOnly() {
        for (int limit = 1; limit <= 3; limit++) {
            assertThat(pagedIds(FEED + "&limit=" + limit, CAROL, "events", limit, page -> { })).as("carol's pages of %d", limit)
                    .isEqualTo(CAROL_SEES);
            assertThat(pagedIds(FEED + "&limit=" + limit, ALICE, "events", limit, page -> { })).as("alice's pages of %d", limit)
                    .isEqualTo(ALICE_SEES);
        }
    }

    @Test
    void theOpsFeedFilteredToACalendarTheCallerMayNotReadShowsNothingOfItAsOfOneThatDoesNotExist() {
        assertThat(ids(get(FEED + "&calendar_id=" + ALICES, CAROL), "events")).isEmpty();
        assertThat(ids(get(FEED + "&calendar_id=" + OPEN + "," + ALICES, CAROL), "events"))
                .isEqualTo(ids(get(FEED + "&calendar_id=" + OPEN, CAROL), "events"));
        assertThat(ids(get(FEED + "&calendar_id=" + BOBS, ALICE), "events")).isEmpty();

        assertThat(ids(get(FEED + "&calendar_id=" + BOBS, ADMIN), "events")).containsExactly("item-40", "item-41");
    }

    // ----- the calendar list

    @Test
    void theCalendarListShowsTheCalendarsTheCallerMayReadOnly() {
        assertThat(ids(get(CALENDARS, CAROL), "calendars")).containsExactly(OPEN, OTHER_OPEN);
        assertThat(ids(get(CALENDARS, ALICE), "calendars")).containsExactly(OPEN, ALICES, OTHER_OPEN);
        assertThat(ids(get(CALENDARS, ADMIN), "calendars")).containsExactly(OPEN, ALICES, OTHER_OPEN, BOBS);
        assertThat(etag(CALENDARS, CAROL)).isNotEqualTo(etag(CALENDARS, ALICE));
    }

    @Test
    void theCalendarListPagesOverTheVisibleCalendarsOnly() {
        assertThat(pagedIds(CALENDARS + "?limit=1", CAROL, "calendars", 1, page -> { })).containsExactly(OPEN, OTHER_OPEN);
        assertThat(pagedIds(CALENDARS + "?limit=1", ALICE, "calendars", 1, page -> { })).containsExactly(OPEN, ALICES, OTHER_OPEN);
        assertThat(pagedIds(CALENDARS + "?limit=2", ALICE, "calendars", 2, page -> { })).containsExactly(OPEN, ALICES, OTHER_OPEN);
    }

    // ----- the live stream

    @Test
    void aStreamOfACalendarTheCallerMayNotReadIsNotFoundBeforeItOpens() {
        hidden("/api/v1/stream?calendar_id=" + ALICES, CAROL, "calendar_id");
        hidden("/api/v1/stream?calendar_id=" + OPEN + "&calendar_id=" + ALICES, CAROL, "calendar_id");
        hidden("/api/v1/stream?calendar_id=" + BOBS, ALICE, "calendar_id");
        // A HEAD is answered as a GET would be.
        as(client.head().uri("/api/v1/stream?calendar_id=" + ALICES), CAROL).exchange().expectStatus().isNotFound();
        as(client.head().uri("/api/v1/stream?calendar_id=" + ALICES), ALICE).exchange().expectStatus().isOk();
    }

    @Test
    void eachCallerFollowsTheCalendarsItMayReadAndGetsNothingOfTheOthers() {
        Flux<ServerSentEvent<Map<String, Object>>> alices = stream(ALICE, ALICES);
        Flux<ServerSentEvent<Map<String, Object>>> carols = stream(CAROL, OPEN);
        Flux<ServerSentEvent<Map<String, Object>>> admins = stream(ADMIN, BOBS);

        // Each stream is ready before the changes come, so that none of them is missed; a change of another calendar, sent
        // to a stream, would come before its own calendar's.
        StepVerifier.create(Flux.merge(alices.take(2), carols.take(2), admins.take(2)).map(CrossCalendarDayFeedStreamTest::described))
                .expectNext(READY, READY, READY)
                .then(() -> {
                    changes.held(BOBS, "item-40");
                    changes.held(ALICES, "item-20");
                    changes.held(OPEN, "item-10");
                })
                .recordWith(ArrayList::new)
                .expectNextCount(3)
                .consumeRecordedWith(received -> assertThat(received)
                        .containsExactlyInAnyOrder(BOBS + " item-40", ALICES + " item-20", OPEN + " item-10"))
                .expectComplete()
                .verify(WAIT);
    }

    /**
     * A stream whose caller loses the role on its calendar (which keeps another grant, so stays restricted) ends with a
     * reset naming it; a reconnect is refused, while a stream of an open calendar goes on.
     */
    @Test
    void aStreamEndsWithAResetNamingTheCalendarOnceItsCallerLosesTheRole() {
        readModels.given(new CalendarAccessGranted(CalendarId.of(ALICES), UserId.of("dora"), CalendarRole.VIEWER, null));
        Flux<ServerSentEvent<Map<String, Object>>> alices = stream(ALICE, ALICES + "&calendar_id=" + OPEN);

        StepVerifier.create(alices)
                .assertNext(event -> assertThat(event.event()).isEqualTo(READY))
                .then(() -> changes.held(ALICES, "item-20"))
                .assertNext(event -> assertThat(described(event)).isEqualTo(ALICES + " item-20"))
                .then(() -> readModels.given(new CalendarAccessRevoked(CalendarId.of(ALICES), UserId.of(ALICE), null)))
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("reset");
                    assertThat(event.data()).containsEntry("reason", "role_revoked").containsEntry("calendar_ids", List.of(ALICES));
                })
                .expectComplete()
                .verify(WAIT);
        hidden("/api/v1/stream?calendar_id=" + ALICES, ALICE, "calendar_id");
        StepVerifier.create(stream(ALICE, OPEN).take(2))
                .assertNext(event -> assertThat(event.event()).isEqualTo(READY))
                .then(() -> changes.held(OPEN, "item-10"))
                .assertNext(event -> assertThat(described(event)).isEqualTo(OPEN + " item-10"))
                .expectComplete()
                .verify(WAIT);
    }

    /**
     * ADR 0096: a stream tells that an entry changed, never what it is, so a private item's change reaches a viewer's stream
     * without its record's value (the event, with its title, tags and metadata); a free/busy grantee gets no stream.
     */
    @Test
    void aPrivateItemsChangeReachesAViewersStreamWithoutItsDetailsAndAFreeBusyGranteeHasNoStream() {
        readModels.given(new CalendarAccessGranted(CalendarId.of(ALICES), UserId.of("fay"), CalendarRole.FREEBUSY, null));
        hidden("/api/v1/stream?calendar_id=" + ALICES, "fay", "calendar_id");
        byte[] event = """
                {"item_id":"item-20","title":"Consultation with Dr Quinn","tags":["confidential-tag"],"metadata":{"ref":"patient-4711"},                "private":true}""".getBytes(StandardCharsets.UTF_8);

        StepVerifier.create(stream(ALICE, ALICES).take(2))
                .assertNext(ready -> assertThat(ready.event()).isEqualTo(READY))
                .then(() -> changes.held(ALICES, "item-20", event))
                .assertNext(change -> {
                    assertThat(described(change)).isEqualTo(ALICES + " item-20");
                    assertThat(String.valueOf(change.data())).doesNotContain("Consultation", "confidential-tag", "patient-4711");
                })
                .expectComplete()
                .verify(WAIT);
    }

    /** A stream's event as {@code calendar subject}, or its name for a notice. */
    private static String described(ServerSentEvent<Map<String, Object>> event) {
        Map<String, Object> data = event.data();
        if (!"entry".equals(event.event()) || data == null) {
            return String.valueOf(event.event());
        }
        return data.get("calendar_id") + " " + data.get("subject");
    }

    /** {@code user}'s stream of {@code calendarId}, open (200); it starts with ready. */
    private Flux<ServerSentEvent<Map<String, Object>>> stream(String user, String calendarId) {
        Flux<ServerSentEvent<Map<String, Object>>> events = getAs("/api/v1/stream?calendar_id=" + calendarId, user)
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus().isOk()
                .returnResult(EVENTS)
                .getResponseBody();
        return events.filter(event -> event.event() != null);
    }

    // ----- helpers

    private static ItemScheduled item(String id, String calendarId, String utcTime) {
        return ReadModelFixture.item(id, calendarId, "job", Instant.parse("2026-12-01T" + utcTime + ":00Z"), Duration.ofMinutes(30));
    }

    /** A GET of {@code uri} as {@code user}; {@link #ADMIN} with the admin role. */
    private WebTestClient.RequestHeadersSpec<?> getAs(String uri, String user) {
        return as(client.get().uri(uri), user);
    }

    private static WebTestClient.RequestHeadersSpec<?> as(WebTestClient.RequestHeadersSpec<?> request, String user) {
        WebTestClient.RequestHeadersSpec<?> asUser = request.header("X-Almanac-User", user);
        return ADMIN.equals(user) ? asUser.header("X-Almanac-Roles", "admin") : asUser;
    }

    /** {@code user}'s GET of {@code uri}, answered 200, as JSON. */
    private JsonNode get(String uri, String user) {
        byte[] body = getAs(uri, user).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        assertThat(body).as("%s as %s", uri, user).isNotNull();
        return JSON.readTree(body);
    }

    private String etag(String uri, String user) {
        String etag = getAs(uri, user).exchange().expectStatus().isOk().returnResult(byte[].class)
                .getResponseHeaders().getETag();
        assertThat(etag).as("ETag of %s as %s", uri, user).isNotNull();
        return etag;
    }

    /**
     * The ids of every page of {@code uri} as {@code user}, following next_cursor: each page but the last is full ({@code limit}),
     * and {@code eachPage} checks each.
     */
    private List<String> pagedIds(String uri, String user, String list, int limit, Consumer<JsonNode> eachPage) {
        List<String> ids = new ArrayList<>();
        @Nullable String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            JsonNode page = get(cursor == null ? uri : uri + "&cursor=" + cursor, user);
            eachPage.accept(page);
            List<String> onPage = ids(page, list);
            JsonNode next = page.get("next_cursor");
            if (next == null || next.isNull()) {
                assertThat(onPage.size()).as("the last page of %s as %s", uri, user).isBetween(0, limit);
                ids.addAll(onPage);
                return ids;
            }
            assertThat(onPage).as("a page of %s as %s, more following", uri, user).hasSize(limit);
            ids.addAll(onPage);
            cursor = next.asString();
        }
        throw new AssertionError(uri + " as " + user + " ran past 20 pages: " + ids);
    }

    private static List<String> ids(JsonNode body, String list) {
        String field = "events".equals(list) ? "event_id" : "id";
        return values(body, list, field);
    }

    private static List<String> values(JsonNode body, String list, String field) {
        List<String> values = new ArrayList<>();
        body.get(list).forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    /** {@code user}'s GET of {@code uri} is the 404 of a calendar that does not exist, in {@code field} (ADR 0086). */
    private void hidden(String uri, String user, String field) {
        RoleRefusals.expectHidden(getAs(uri, user), field);
    }
}

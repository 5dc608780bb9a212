package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.query.availability.AvailabilityController;
import dev.almanac.query.availability.CalendarLoad;
import dev.almanac.query.consistency.ConsistencyFilter;
import dev.almanac.query.consistency.Freshness;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.RoleRefusals;

/**
 * The grants read (ADR 0027): one key lookup, shown to the calendar's managers only; and the reads of one calendar,
 * shown to those with a role on it once it has grants ({@link CalendarReadAccess}).
 */
@QueryApiTest
@Import({AvailabilityController.class, CalendarLoad.class})
class AccessApiTest extends ReadModelApiTest {

    private static final CalendarCreated OWNED_BY_DANA = new CalendarCreated(EventSamples.BALLROOM, "Ballroom", CalendarType.STAFF,
            ZoneId.of("UTC"), 1, OverbookingPolicy.BLOCK, null, new CalendarOwner("dana", OwnerType.STAFF), null);

    @Test
    void aManagerSeesTheOwnerAndTheGrantsInTheOrderOfTheUsers() {
        readModels.given(OWNED_BY_DANA,
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("zoe"), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.SCHEDULER, null),
                new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("bob"), CalendarRole.MANAGER, null),
                new CalendarAccessRevoked(EventSamples.BALLROOM, UserId.of("zoe"), null));

        for (String manager : new String[] {"dana", "bob"}) {
            client.get().uri("/api/v1/calendars/{id}/grants", EventSamples.BALLROOM.value()).header("X-Almanac-User", manager)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("ETag", "\"4\"")
                    .expectBody()
                    .jsonPath("$.calendar_id").isEqualTo(EventSamples.BALLROOM.value())
                    .jsonPath("$.owner.id").isEqualTo("dana")
                    .jsonPath("$.open").isEqualTo(false)
                    .jsonPath("$.grants.length()").isEqualTo(2)
                    .jsonPath("$.grants[0].user_id").isEqualTo("alice")
                    .jsonPath("$.grants[0].role").isEqualTo("scheduler")
                    .jsonPath("$.grants[1].user_id").isEqualTo("bob")
                    .jsonPath("$.grants[1].role").isEqualTo("manager")
                    .jsonPath("$.version").isEqualTo(4);
        }
    }

    @Test
    void anyoneElseIsForbiddenNamingTheRoleNeeded() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.SCHEDULER, null));

        forbidden("/api/v1/calendars/" + EventSamples.BALLROOM.value() + "/grants", "alice", "manager");
    }

    @Test
    void aCalendarWithoutGrantsIsOpenAndAnAdminSeesIt() {
        readModels.given(EventSamples.calendarCreated());

        client.get().uri("/api/v1/calendars/{id}/grants", EventSamples.BALLROOM.value())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.open").isEqualTo(true)
                .jsonPath("$.grants.length()").isEqualTo(0);
    }

    @Test
    void aCalendarWithGrantsIsReadOnlyByThoseWithARoleOnItAndDoesNotExistForOthers() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null));
        String id = EventSamples.BALLROOM.value();
        String[] reads = {"/api/v1/calendars/" + id, "/api/v1/calendars/" + id + "/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z",
                "/api/v1/calendars/" + id + "/monthly?date=2026-12-01", "/api/v1/calendars/" + id + "/export.ics"};

        for (String read : reads) {
            hidden(read, "carol").jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("no calendar has the id"));
            readAs(read, "alice");
            readAs(read, "dana");
            readAs(read, "root", "X-Almanac-Roles", "admin");
        }
    }

    /**
     * ADR 0096: a free/busy grantee reads the calendar's free/busy and free slots, and nothing else of it in full: the
     * calendar, its views, exports and its items by id answer as for a calendar they have no role on.
     */
    @Test
    void aFreeBusyGranteeReadsOnlyWhenTheCalendarIsBusy() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("fay"), CalendarRole.FREEBUSY, null),
                EventSamples.itemScheduled());
        String id = EventSamples.BALLROOM.value();
        String range = "?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";

        readAs("/api/v1/calendars/" + id + "/freebusy" + range, "dana");
        readAs("/api/v1/calendars/" + id + "/freebusy" + range, "fay");
        readAs("/api/v1/calendars/" + id + "/availability/slots" + range + "&duration=PT30M", "fay");
        hidden("/api/v1/calendars/" + id + "/freebusy" + range, "carol");
        for (String read : new String[] {"/api/v1/calendars/" + id, "/api/v1/calendars/" + id + "/export.ics",
                "/api/v1/calendars/" + id + "/grants"}) {
            client.get().uri(read).header("X-Almanac-User", "fay").exchange()
                    .expectStatus().value(status -> assertThat(status).as(read).isIn(403, 404));
        }
    }

    /** The refusal comes before the wait for a token ({@link ConsistencyFilter} runs last), so it carries no freshness. */
    @Test
    void aReadRefusedIsRefusedWithoutWaitingForItsToken() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null));
        String read = "/api/v1/calendars/" + EventSamples.BALLROOM.value() + "?consistency_token=" + ConsistencyToken.item("item-never", 1).encode();

        hidden(read, "carol");
        client.get().uri(read).header("X-Almanac-User", "carol").exchange()
                .expectStatus().isNotFound()
                .expectHeader().doesNotExist(Freshness.HEADER);
        client.get().uri(read).header("X-Almanac-User", "alice").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(Freshness.HEADER, "stale");
    }

    @Test
    void anItemAndARuleReadByTheirIdsAreShownOnlyToThoseWithARoleOnTheirCalendar() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null),
                EventSamples.itemScheduled(), EventSamples.ruleCreated());
        String[] reads = {"/api/v1/schedules/" + EventSamples.REVIEW.value(), "/api/v1/schedules/rules/" + EventSamples.NIGHTLY.value()};

        for (String read : reads) {
            hidden(read, "carol");
            readAs(read, "alice");
            client.get().uri(read).exchange().expectStatus()
                    .value(status -> assertThat(status).as("%s as the development admin", read).isEqualTo(200));
        }
        client.get().uri("/api/v1/schedules/item-missing").header("X-Almanac-User", "carol").exchange().expectStatus().isNotFound();
    }

    /** UI-IDENTITY: each reader learns their own role, so a client offers a viewer no edit and an owner the calendar's settings. */
    @Test
    void aCalendarTellsEachReaderTheRoleTheyHoldOnIt() {
        readModels.given(OWNED_BY_DANA, new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of("alice"), CalendarRole.VIEWER, null));
        String one = "/api/v1/calendars/" + EventSamples.BALLROOM.value();

        Map.of("alice", "viewer", "dana", "manager").forEach((user, role) -> {
            client.get().uri(one).header("X-Almanac-User", user).exchange()
                    .expectStatus().isOk()
                    .expectBody().jsonPath("$.caller_role").isEqualTo(role).jsonPath("$.id").isEqualTo(EventSamples.BALLROOM.value());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.get().uri("/api/v1/calendars").header("X-Almanac-User", user)
                    .exchange()
                    .expectBody().jsonPath("$.calendars[0].caller_role").isEqualTo(role).jsonPath("$.calendars[0].name").isEqualTo("Ballroom"));
        });
        client.get().uri(one).exchange().expectBody().jsonPath("$.caller_role").isEqualTo("manager");
    }

    @Test
    void anOpenCalendarsReadersAreItsSchedulers() {
        readModels.given(EventSamples.calendarCreated());

        client.get().uri("/api/v1/calendars/{id}", EventSamples.BALLROOM.value()).header("X-Almanac-User", "carol").exchange()
                .expectBody().jsonPath("$.caller_role").isEqualTo("scheduler");
    }

    @Test
    void anOpenCalendarIsReadByEveryoneAndAnUnknownOneIsStillNotFound() {
        readModels.given(EventSamples.calendarCreated());

        client.get().uri("/api/v1/calendars/{id}/monthly?date=2026-12-01", EventSamples.BALLROOM.value()).header("X-Almanac-User", "carol")
                .exchange()
                .expectStatus().isOk();
        client.get().uri("/api/v1/calendars/cal-missing/monthly?date=2026-12-01").header("X-Almanac-User", "carol")
                .exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void anUnknownCalendarIsNotFound() {
        client.get().uri("/api/v1/calendars/cal-missing/grants")
                .exchange()
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.errors[0].rule").isEqualTo("exists");
    }

    /** {@code user}'s GET of {@code uri} is 403 naming {@code role} on the calendar (field id, rule role); the body, for more checks. */
    private WebTestClient.BodyContentSpec hidden(String uri, String user) {
        return RoleRefusals.expectHidden(client.get().uri(uri).header("X-Almanac-User", user), "id");
    }

    private WebTestClient.BodyContentSpec forbidden(String uri, String user, String role) {
        return RoleRefusals.expectRefused(client.get().uri(uri).header("X-Almanac-User", user), role, "id");
    }

    /** {@code user}'s GET of {@code uri}, with the header pairs in {@code headers}, is answered 200. */
    private void readAs(String uri, String user, String... headers) {
        var request = client.get().uri(uri).header("X-Almanac-User", user);
        for (int i = 0; i < headers.length; i += 2) {
            request = request.header(headers[i], headers[i + 1]);
        }
        request.exchange().expectStatus().value(status -> assertThat(status).as("%s as %s", uri, user).isEqualTo(200));
    }
}

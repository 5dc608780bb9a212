package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;

/**
 * Deny by default with real signed tokens, as production runs (ADR 0086): bob's token aimed at alice's ids on every read
 * family answers exactly as the same read of an id that does not exist (status and body, the id aside), and nothing bob
 * reads across calendars names any of alice's ids. Alice's own token reads them, so the ids are there to find. One context:
 * the query API in JWT mode, trusting a key pair made for the test.
 */
@QueryApiTest
@TestPropertySource(properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac",
        // Not the public local default, which JWT mode refuses (ADR 0086).
        "almanac.query.changes.token-key=dGhpcy10ZXN0cy1vd24tY2hhbmdlLWZlZWQta2V5LTMyYnl0ZXMh"})
class DenyByDefaultWithTokensTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestIssuer ISSUER = TestIssuer.generate();
    private static final String ALICE = EventSamples.ALICE.value();
    private static final String BOB = "bob@example.com";
    private static final CalendarId ALICES = EventSamples.BALLROOM;
    private static final CalendarId BOBS = CalendarId.of("cal-bobs");
    private static final String UNKNOWN_CALENDAR = "cal-nowhere";
    private static final ConflictDetected ALICES_CONFLICT = EventSamples.conflictDetected();
    /** The hall both calendars book at once, a conflict keyed by alice's calendar that also concerns bob's booking. */
    private static final ConflictDetected SHARED_HALL = new ConflictDetected(ConflictId.of("conflict-shared-hall"), ALICES,
            ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL, Instant.parse("2026-12-01T15:30:00Z"),
            Instant.parse("2026-12-01T16:00:00Z"), 1, 2,
            List.of(new ConflictingEntry(ConflictEntryKind.ITEM, "item-review", "Quarterly review",
                            Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z")),
                    new ConflictingEntry(ConflictEntryKind.ITEM, "item-bobs", "Bob's talk",
                            Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T17:00:00Z"))),
            EventSamples.BALLROOM_VENUE, ResourceType.VENUE,
            List.of(new ConflictBooking(EntryKind.ITEM, "item-review", ALICES, ResourceRole.PRIMARY),
                    new ConflictBooking(EntryKind.ITEM, "item-bobs", BOBS, ResourceRole.PRIMARY)));

    /** Every id of alice's that bob must never read. */
    private static final List<String> ALICES_IDS = List.of(ALICES.value(), EventSamples.REVIEW.value(), EventSamples.NIGHTLY.value(),
            ALICES_CONFLICT.conflictId().value(), SHARED_HALL.conflictId().value(), "Quarterly review", "Nightly cleanup");

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    /**
     * A read by one of alice's ids, and the same read of an id no one has: bob must not tell them apart. A read by id
     * answers both 404; a list filtered by a calendar answers both empty.
     */
    private record Probe(String family, String aliceRead, String unknownRead, String hiddenId, String unknownId) {

        boolean isList() {
            return family.startsWith("rules of") || family.startsWith("conflicts of") || family.startsWith("ops feed");
        }
    }

    private static final List<Probe> BY_ID = List.of(
            new Probe("calendar", "/api/v1/calendars/cal-ballroom", "/api/v1/calendars/cal-nowhere", ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("entries", "/api/v1/calendars/cal-ballroom/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z",
                    "/api/v1/calendars/cal-nowhere/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z", ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("day view", "/api/v1/calendars/cal-ballroom/daily?date=2026-12-01", "/api/v1/calendars/cal-nowhere/daily?date=2026-12-01",
                    ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("month view", "/api/v1/calendars/cal-ballroom/monthly?date=2026-12-01",
                    "/api/v1/calendars/cal-nowhere/monthly?date=2026-12-01", ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("export", "/api/v1/calendars/cal-ballroom/export.ics", "/api/v1/calendars/cal-nowhere/export.ics", ALICES.value(),
                    UNKNOWN_CALENDAR),
            new Probe("grants", "/api/v1/calendars/cal-ballroom/grants", "/api/v1/calendars/cal-nowhere/grants", ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("window", "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue=cal-ballroom",
                    "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue=cal-nowhere", ALICES.value(),
                    UNKNOWN_CALENDAR),
            new Probe("detailed day", "/api/v1/schedules/detailed?date=2026-12-01&queue=cal-ballroom",
                    "/api/v1/schedules/detailed?date=2026-12-01&queue=cal-nowhere", ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("item list", "/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&calendar_id=cal-ballroom",
                    "/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&calendar_id=cal-nowhere", ALICES.value(),
                    UNKNOWN_CALENDAR),
            new Probe("item", "/api/v1/schedules/item-review", "/api/v1/schedules/item-nowhere", "item-review", "item-nowhere"),
            new Probe("rule", "/api/v1/schedules/rules/rule-nightly", "/api/v1/schedules/rules/rule-nowhere", "rule-nightly", "rule-nowhere"),
            new Probe("change requests", "/api/v1/schedules/rules/rule-nightly/change-requests",
                    "/api/v1/schedules/rules/rule-nowhere/change-requests", "rule-nightly", "rule-nowhere"),
            new Probe("rules of a queue", "/api/v1/schedules/rules?queue=cal-ballroom", "/api/v1/schedules/rules?queue=cal-nowhere",
                    ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("conflict", "/api/v1/conflicts/" + ALICES_CONFLICT.conflictId().value(), "/api/v1/conflicts/conflict-nowhere",
                    ALICES_CONFLICT.conflictId().value(), "conflict-nowhere"),
            new Probe("suggestions", "/api/v1/conflicts/" + ALICES_CONFLICT.conflictId().value() + "/suggestions",
                    "/api/v1/conflicts/conflict-nowhere/suggestions", ALICES_CONFLICT.conflictId().value(), "conflict-nowhere"),
            new Probe("conflicts of a calendar", "/api/v1/conflicts?calendar_id=cal-ballroom", "/api/v1/conflicts?calendar_id=cal-nowhere",
                    ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("ops feed of a calendar",
                    "/api/v1/ops/calendar/events?calendar_id=cal-ballroom&start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z",
                    "/api/v1/ops/calendar/events?calendar_id=cal-nowhere&start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z",
                    ALICES.value(), UNKNOWN_CALENDAR),
            new Probe("audit", "/api/v1/audit?calendar_id=cal-ballroom", "/api/v1/audit?calendar_id=cal-nowhere", ALICES.value(),
                    UNKNOWN_CALENDAR));

    /** Reads across calendars: bob reads them, and none may name anything of alice's. */
    private static final List<String> ACROSS = List.of(
            "/api/v1/calendars",
            "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z",
            "/api/v1/schedules/detailed?date=2026-12-01",
            "/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z",
            "/api/v1/schedules/rules",
            "/api/v1/conflicts",
            "/api/v1/conflicts?calendar_id=cal-bobs",
            "/api/v1/ops/calendar/events?start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z",
            "/api/v1/changes",
            "/api/v1/calendars/cal-bobs/daily?date=2026-12-01",
            "/api/v1/calendars/cal-bobs/weekly?date=2026-12-01",
            "/api/v1/notifications");

    @BeforeEach
    void aliceAndBobEachWithACalendarOfTheirOwn() {
        readModels.given(EventSamples.calendarCreated(),
                new CalendarAccessGranted(ALICES, UserId.of(ALICE), CalendarRole.MANAGER, "creator"),
                ReadModelFixture.calendar(BOBS.value(), EventSamples.NEW_YORK),
                new CalendarAccessGranted(BOBS, UserId.of(BOB), CalendarRole.MANAGER, "creator"),
                EventSamples.itemScheduled(), EventSamples.ruleCreated(), ALICES_CONFLICT,
                new ItemScheduled(ItemId.of("item-bobs"), BOBS, "Bob's talk", "talk", Instant.parse("2026-12-01T15:30:00Z"),
                        Instant.parse("2026-12-01T17:00:00Z"), EventSamples.NEW_YORK, Priority.NORMAL, List.of()),
                SHARED_HALL);
    }

    @Test
    void bobsTokenAtAlicesIdsAnswersAsIdsThatDoNotExistOnEveryReadFamily() {
        for (Probe probe : BY_ID) {
            assertThat(status(probe.aliceRead(), ALICE)).as("%s: alice reads her own", probe.family()).isBetween(200, 299);

            EntityExchangeResult<byte[]> hidden = read(probe.aliceRead(), BOB);
            EntityExchangeResult<byte[]> unknown = read(probe.unknownRead(), BOB);
            assertThat(hidden.getStatus().value()).as("%s: status", probe.family()).isEqualTo(unknown.getStatus().value());
            assertThat(hidden.getStatus().value()).as("%s: status", probe.family()).isEqualTo(probe.isList() ? 200 : 404);
            assertThat(json(body(hidden))).as("%s: the body, the id aside", probe.family())
                    .isEqualTo(json(body(unknown).replace(probe.unknownId(), probe.hiddenId())));
            assertThat(hidden.getResponseHeaders().getETag()).as("%s: the same version, if any", probe.family())
                    .isEqualTo(unknown.getResponseHeaders().getETag());
            String told = body(hidden).replace(probe.hiddenId(), "");
            ALICES_IDS.forEach(id -> assertThat(told).as("%s names %s", probe.family(), id).doesNotContain(id));
        }
    }

    @Test
    void bobsReadsAcrossCalendarsNameNothingOfAlices() {
        for (String path : ACROSS) {
            EntityExchangeResult<byte[]> read = read(path, BOB);
            assertThat(read.getStatus().value()).as(path).isEqualTo(200);
            String body = body(read);
            ALICES_IDS.forEach(id -> assertThat(body).as("%s names %s", path, id).doesNotContain(id));
        }
        // The shared hall is on bob's day for an admin, who sees every calendar: so bob's day leaves it out for him alone.
        assertThat(body(read("/api/v1/calendars/cal-bobs/daily?date=2026-12-01", "root", "admin")))
                .contains(SHARED_HALL.conflictId().value());
    }

    @Test
    void aCalendarWithoutGrantsIsItsOwnersAndTheAdminsAloneInJwtMode() {
        readModels.given(ReadModelFixture.calendar("cal-ungranted", EventSamples.NEW_YORK));

        assertThat(status("/api/v1/calendars/cal-ungranted", BOB)).isEqualTo(404);
        assertThat(status("/api/v1/calendars/cal-ungranted", "root", "admin")).isEqualTo(200);
        assertThat(body(read("/api/v1/calendars", BOB))).doesNotContain("cal-ungranted");
    }

    @Test
    void aViewerWhoSeesButMayNotManageKeeps403() {
        readModels.given(new CalendarAccessGranted(ALICES, UserId.of(BOB), CalendarRole.VIEWER, null));

        assertThat(status("/api/v1/calendars/cal-ballroom", BOB)).isEqualTo(200);
        assertThat(status("/api/v1/calendars/cal-ballroom/grants", BOB)).isEqualTo(403);
    }

    private EntityExchangeResult<byte[]> read(String path, String user, String... roles) {
        return client.get().uri(URI.create(path)).header(HttpHeaders.AUTHORIZATION, ISSUER.bearer(user, List.of(roles)))
                .exchange().expectBody().returnResult();
    }

    private int status(String path, String user, String... roles) {
        return read(path, user, roles).getStatus().value();
    }

    /** The body as a JSON tree, so that two answers compare whatever order their fields were written in. */
    private static Object json(String body) {
        return body.isEmpty() ? body : JSON.readTree(body);
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

}

package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.Identifiers;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.notification.NotificationId;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.identity.Callers;
import dev.almanac.platform.testing.TestIssuer;
import dev.almanac.query.availability.AvailabilityController;
import dev.almanac.query.availability.CalendarLoad;
import dev.almanac.query.notification.Notifications;
import dev.almanac.query.stream.LiveStreamSlice;
import dev.almanac.query.subscription.Subscription;
import dev.almanac.query.subscription.Subscriptions;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.query.window.WindowDays;

/**
 * Tenants as an id prefix on the read side (ADR 0102, step 3), with real signed tokens of two tenants: acme's user and
 * acme's admin aimed at beta's ids on every read family answer exactly as the same read of an id that does not exist
 * (status and body, the id aside, and the same ETag), and nothing either reads across calendars, body or headers, names
 * anything of beta's; a platform admin who names beta reads beta's. One context: the query API in JWT mode and multi-tenant
 * mode, with the live stream and the calendars' availability.
 */
@QueryApiTest
@Import({LiveStreamSlice.class, AvailabilityController.class, CalendarLoad.class})
@TestPropertySource(properties = {"almanac.identity.mode=jwt", "almanac.identity.jwt.audiences=almanac",
        "almanac.identity.tenancy=multi",
        "almanac.query.changes.token-key=dGhpcy10ZXN0cy1vd24tY2hhbmdlLWZlZWQta2V5LTMyYnl0ZXMh"})
class TenantIsolationWithTokensTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestIssuer ISSUER = TestIssuer.generate();

    private static final String ACME_HOME = "acme:cal-home";
    private static final String BETA_BALLROOM = "beta:ballroom";
    private static final String BETA_REVIEW = "beta:item-review";
    private static final String BETA_TALK = "beta:item-talk";
    private static final String BETA_RULE = "beta:rule-nightly";
    private static final String BETA_HALL = "beta:res-hall";
    private static final String BETA_NOTE = "beta:note-1";
    private static final ConflictDetected BETA_CONFLICT = new ConflictDetected(ConflictId.of("beta:conflict-hall"),
            CalendarId.of(BETA_BALLROOM), ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL, Instant.parse("2026-12-01T15:30:00Z"),
            Instant.parse("2026-12-01T16:00:00Z"), 1, 2,
            List.of(new ConflictingEntry(ConflictEntryKind.ITEM, BETA_REVIEW, "Beta review",
                            Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-01T16:00:00Z")),
                    new ConflictingEntry(ConflictEntryKind.ITEM, BETA_TALK, "Beta talk",
                            Instant.parse("2026-12-01T15:30:00Z"), Instant.parse("2026-12-01T17:00:00Z"))),
            ResourceId.of(BETA_HALL), ResourceType.VENUE,
            List.of(new ConflictBooking(EntryKind.ITEM, BETA_REVIEW, CalendarId.of(BETA_BALLROOM), ResourceRole.PRIMARY),
                    new ConflictBooking(EntryKind.ITEM, BETA_TALK, CalendarId.of(BETA_BALLROOM), ResourceRole.PRIMARY)));
    private static final RuleCreated BETA_NIGHTLY = RecurringRules.rule(BETA_RULE, BETA_BALLROOM, "30 2 * * *", EventSamples.NEW_YORK,
            Instant.parse("2026-11-20T12:00:00Z"), 0);
    /** A subscription's secret token, 43 base64url characters. */
    private static final String FEED_TOKEN = "q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL";
    /** How the subscriptions' read model keys it: its SHA-256, in hex. */
    private static final String FEED_TOKEN_HASH = sha256(FEED_TOKEN);

    /** What of beta's acme must never read: every id begins with the tenant, and the titles. */
    private static final List<String> BETAS = List.of("beta:", "Beta review", "Beta talk", "Beta hall", "Rule beta");

    /** An id of beta's in a request. */
    private static final Pattern ASKED = Pattern.compile("beta:[A-Za-z0-9._-]+");

    private static final String DAY = "from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z";

    @Autowired
    private Subscriptions subscriptions;

    @Autowired
    private Notifications notifications;

    @Autowired
    private TenantIds tenantIds;

    private final Map<String, Long> versions = new HashMap<>();

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("almanac.identity.jwt.public-key-location", () -> ISSUER.publicKeyFile().toUri().toString());
    }

    /** Who reads: a tenant's user or admin by their token's tenant claim, a platform admin by the tenant they name. */
    private record Reader(String tenant, String subject, List<String> roles, String chosen) {

        static Reader of(String tenant, String subject, String... roles) {
            return new Reader(tenant, subject, List.of(roles), "");
        }

        static Reader support(String chosen) {
            return new Reader("support", "carol", List.of("platform-admin"), chosen);
        }
    }

    private static final Reader ALICE = Reader.of("acme", "alice");
    private static final Reader ACME_ADMIN = Reader.of("acme", "root", "admin");
    private static final Reader BOB = Reader.of("beta", "bob");

    /**
     * A read that names beta's id, and the same read with acme's prefix instead, of which nothing exists: acme's callers must
     * not tell them apart. A read by id answers both 404; a list filtered by a calendar or resource both empty.
     */
    private record Probe(String family, HttpMethod method, String path, String body, int status) {

        static Probe get(String family, String path, int status) {
            return new Probe(family, HttpMethod.GET, path, "", status);
        }

        String unknownPath() {
            return path.replace("beta:", "acme:");
        }

        String unknownBody() {
            return body.replace("beta:", "acme:");
        }
    }

    private static final List<Probe> PROBES = List.of(
            Probe.get("calendar", "/api/v1/calendars/beta:ballroom", 404),
            Probe.get("entries", "/api/v1/calendars/beta:ballroom/entries?" + DAY, 404),
            Probe.get("day view", "/api/v1/calendars/beta:ballroom/daily?date=2026-12-01", 404),
            Probe.get("week view", "/api/v1/calendars/beta:ballroom/weekly?date=2026-12-01", 404),
            Probe.get("month view", "/api/v1/calendars/beta:ballroom/monthly?date=2026-12-01", 404),
            Probe.get("free slots", "/api/v1/calendars/beta:ballroom/availability/slots?" + DAY + "&duration=30m", 404),
            Probe.get("free/busy", "/api/v1/calendars/beta:ballroom/freebusy?" + DAY, 404),
            Probe.get("export ics", "/api/v1/calendars/beta:ballroom/export.ics", 404),
            Probe.get("export csv", "/api/v1/calendars/beta:ballroom/export.csv", 404),
            Probe.get("export xlsx", "/api/v1/calendars/beta:ballroom/export.xlsx", 404),
            Probe.get("export pdf", "/api/v1/calendars/beta:ballroom/export.pdf", 404),
            Probe.get("grants", "/api/v1/calendars/beta:ballroom/grants", 404),
            Probe.get("notification policy", "/api/v1/calendars/beta:ballroom/notification-policy", 404),
            Probe.get("window of a calendar", "/api/v1/schedules/window?" + DAY + "&queue=beta:ballroom", 404),
            Probe.get("detailed day of a calendar", "/api/v1/schedules/detailed?date=2026-12-01&queue=beta:ballroom", 404),
            Probe.get("item list of a calendar", "/api/v1/schedules?" + DAY + "&calendar_id=beta:ballroom", 404),
            Probe.get("item", "/api/v1/schedules/beta:item-review", 404),
            Probe.get("occurrence", "/api/v1/schedules/beta:occ-nightly-20261201", 404),
            Probe.get("rule", "/api/v1/schedules/rules/beta:rule-nightly", 404),
            Probe.get("change requests", "/api/v1/schedules/rules/beta:rule-nightly/change-requests", 404),
            Probe.get("rules of a queue", "/api/v1/schedules/rules?queue=beta:ballroom", 200),
            Probe.get("conflict", "/api/v1/conflicts/beta:conflict-hall", 404),
            Probe.get("suggestions", "/api/v1/conflicts/beta:conflict-hall/suggestions", 404),
            Probe.get("conflicts of a calendar", "/api/v1/conflicts?calendar_id=beta:ballroom", 200),
            Probe.get("conflicts of a resource", "/api/v1/conflicts?resource_id=beta:res-hall", 200),
            Probe.get("ops feed of a calendar", "/api/v1/ops/calendar/events?calendar_id=beta:ballroom&start=2026-12-01T00:00:00Z"
                    + "&end=2026-12-02T00:00:00Z", 200),
            Probe.get("audit of a calendar", "/api/v1/audit?calendar_id=beta:ballroom", 404),
            Probe.get("resource", "/api/v1/resources/beta:res-hall", 404),
            Probe.get("resource availability", "/api/v1/resources/beta:res-hall/availability?" + DAY, 404),
            Probe.get("resource free slots", "/api/v1/resources/beta:res-hall/availability/slots?" + DAY + "&duration=30m", 404),
            Probe.get("notification", "/api/v1/notifications/beta:note-1", 404),
            new Probe("notification read", HttpMethod.POST, "/api/v1/notifications/beta:note-1/read", "", 404),
            Probe.get("live stream", "/api/v1/stream?calendar_id=beta:ballroom", 404),
            new Probe("availability of calendars", HttpMethod.POST, "/api/v1/calendars/availability/check-multiple",
                    "{\"calendar_ids\":[\"beta:ballroom\"],\"from\":\"2026-12-01T00:00:00Z\",\"till\":\"2026-12-02T00:00:00Z\"}", 200),
            new Probe("availability of resources", HttpMethod.POST, "/api/v1/resources/availability/check-multiple",
                    "{\"resource_ids\":[\"beta:res-hall\"],\"from\":\"2026-12-01T00:00:00Z\",\"till\":\"2026-12-02T00:00:00Z\"}", 200));

    /** Reads across calendars and entities: acme's callers read them, and none may show or count anything of beta's. */
    private static final List<String> ACROSS = List.of(
            "/api/v1/calendars",
            "/api/v1/schedules/window?" + DAY,
            "/api/v1/schedules/detailed?date=2026-12-01",
            "/api/v1/schedules?" + DAY,
            "/api/v1/schedules/rules",
            "/api/v1/conflicts",
            "/api/v1/ops/calendar/events?start=2026-12-01T00:00:00Z&end=2026-12-02T00:00:00Z",
            "/api/v1/changes",
            "/api/v1/calendars/acme:cal-home/daily?date=2026-12-01",
            "/api/v1/calendars/acme:cal-home/weekly?date=2026-12-01",
            "/api/v1/notifications",
            "/api/v1/notifications/unread-count",
            "/api/v1/resources");

    @BeforeEach
    void twoTenantsEachWithACalendarOfTheirOwn() {
        // Patient with a loaded machine: the fixture's and the client's 5 s are for one event or read, not for this many.
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        given(ReadModelFixture.calendar(ACME_HOME, EventSamples.NEW_YORK),
                new CalendarAccessGranted(CalendarId.of(ACME_HOME), UserId.of("acme:alice"), CalendarRole.MANAGER, "creator"),
                ReadModelFixture.calendar(BETA_BALLROOM, EventSamples.NEW_YORK),
                new CalendarAccessGranted(CalendarId.of(BETA_BALLROOM), UserId.of("beta:bob"), CalendarRole.MANAGER, "creator"),
                new ResourceCreated(ResourceId.of(BETA_HALL), "Beta hall", ResourceType.VENUE, EventSamples.NEW_YORK, "The great hall"),
                item(BETA_REVIEW, "Beta review", "2026-12-01T15:00:00Z", "2026-12-01T16:00:00Z"),
                item(BETA_TALK, "Beta talk", "2026-12-01T15:30:00Z", "2026-12-01T17:00:00Z"),
                BETA_NIGHTLY, BETA_CONFLICT);
        notifications.add(List.of(betaNotification()));
        materialise(BETA_NIGHTLY, 0, Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
        subscriptions.put(FEED_TOKEN_HASH, new Subscription("sub-1", BETA_BALLROOM, "beta:bob", false, 0));
    }

    @Test
    void acmesUserAndAdminAtBetasIdsAnswerAsIdsThatDoNotExistOnEveryReadFamily() {
        for (Reader reader : List.of(ALICE, ACME_ADMIN)) {
            for (Probe probe : PROBES) {
                String what = reader.subject() + ", " + probe.family();
                EntityExchangeResult<byte[]> foreign = exchange(probe.method(), probe.path(), probe.body(), reader);
                EntityExchangeResult<byte[]> unknown = exchange(probe.method(), probe.unknownPath(), probe.unknownBody(), reader);
                assertThat(foreign.getStatus().value()).as("%s: status", what).isEqualTo(probe.status());
                assertThat(unknown.getStatus().value()).as("%s: status of an unknown id", what).isEqualTo(probe.status());
                assertThat(json(body(foreign))).as("%s: the body, the id aside", what)
                        .isEqualTo(json(body(unknown).replace("acme:", "beta:")));
                assertThat(foreign.getResponseHeaders().getETag()).as("%s: the same version, if any", what)
                        .isEqualTo(unknown.getResponseHeaders().getETag());
                // The problem's instance is the path asked, which names the id asked: what acme sent, not what beta holds.
                String told = body(foreign).replace(probe.path().split("\\?")[0], "");
                // What acme asked for it may be told back, as an unknown id is: beta's ids that acme did not name, never.
                for (String id : ASKED.matcher(probe.path() + " " + probe.body()).results().map(MatchResult::group).toList()) {
                    told = told.replace(id, "");
                }
                assertNothingOfBetas(what, told, foreign.getResponseHeaders(), probe.path());
            }
        }
    }

    @Test
    void acmesReadsAcrossCalendarsShowAndCountNothingOfBetas() {
        for (Reader reader : List.of(ALICE, ACME_ADMIN)) {
            for (String path : ACROSS) {
                EntityExchangeResult<byte[]> read = read(path, reader);
                String what = reader.subject() + ", " + path;
                assertThat(read.getStatus().value()).as(what).isEqualTo(200);
                assertNothingOfBetas(what, body(read), read.getResponseHeaders(), "");
            }
            assertThat(JSON.readTree(body(read("/api/v1/schedules/window?" + DAY, reader))).at("/summary/total_jobs").asLong())
                    .as("%s counts none of beta's entries", reader.subject()).isZero();
        }
        // An admin reads any actor's trail of their own tenant: one of another tenant's did nothing they may know of.
        EntityExchangeResult<byte[]> trail = read("/api/v1/audit?actor=beta:bob", ACME_ADMIN);
        assertThat(trail.getStatus().value()).isEqualTo(200);
        assertThat(body(trail)).isEqualTo(body(read("/api/v1/audit?actor=acme:nobody", ACME_ADMIN)));
    }

    /**
     * Each tenant's window is counted from window days of its own, which hold only its calendars, and from its own rules'
     * occurrences: nothing of another tenant is read, so nothing need be taken away (ADR 0102).
     */
    @Test
    void eachTenantsWindowIsCountedFromItsOwnWindowDaysAndRules() {
        given(new ItemScheduled(ItemId.of("acme:item-standup"), CalendarId.of(ACME_HOME), "Acme standup", "talk",
                Instant.parse("2026-12-01T14:00:00Z"), Instant.parse("2026-12-01T14:30:00Z"), EventSamples.NEW_YORK, Priority.NORMAL,
                List.of(), null, List.of(), Map.of(), ItemSource.API, List.of(), null, UserId.of("acme:alice")));

        List<Document> windowDays = Flux.from(database.getCollection(WindowDays.COLLECTION).find()).collectList()
                .block(Duration.ofSeconds(10));
        assertThat(windowDays).extracting(day -> day.getString("_id")).contains("acme/2026-12-01", "beta/2026-12-01")
                .allMatch(id -> id.startsWith("acme/") || id.startsWith("beta/"));
        for (Document day : windowDays) {
            String tenant = day.getString("_id").substring(0, day.getString("_id").indexOf('/') + 1).replace('/', ':');
            assertThat(day.get("d", Document.class).keySet()).as(day.getString("_id")).allMatch(calendar -> calendar.startsWith(tenant));
        }
        Reader betaSupport = Reader.support("beta");
        // Acme's one item; beta's two items and its nightly rule's 02:30 in New York.
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY, ALICE)).isEqualTo(1);
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY, ACME_ADMIN)).isEqualTo(1);
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY, betaSupport)).isEqualTo(3);
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY, BOB)).isEqualTo(3);
        // A filtered window counts entry by entry, from the calendars its tenant's window days name.
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY + "&type=talk", ALICE)).isEqualTo(1);
        assertThat(totalJobs("/api/v1/schedules/window?" + DAY + "&type=talk", betaSupport)).isEqualTo(2);
    }

    private long totalJobs(String path, Reader reader) {
        return JSON.readTree(body(read(path, reader))).at("/summary/total_jobs").asLong();
    }

    @Test
    void aDerivedIdNamesNoTenantAndIsToldByItsCalendar() {
        // Conflict ids are digests too (conflict-detector's CapacityBreaches).
        ConflictDetected derived = new ConflictDetected(ConflictId.of(Identifiers.derive("conflict", BETA_BALLROOM, "hall")),
                BETA_CONFLICT.calendarId(), BETA_CONFLICT.type(), BETA_CONFLICT.level(), BETA_CONFLICT.start(), BETA_CONFLICT.end(),
                BETA_CONFLICT.capacity(), BETA_CONFLICT.peakConcurrency(), BETA_CONFLICT.entries(), BETA_CONFLICT.resourceId(),
                BETA_CONFLICT.resourceType(), BETA_CONFLICT.bookings(), null);
        given(derived);
        checkDerived("/api/v1/schedules/" + OccurrenceId.of(RuleId.of(BETA_RULE), Instant.parse("2026-12-01T07:30:00Z")).value(),
                "/api/v1/schedules/" + OccurrenceId.of(RuleId.of("acme:no-rule"), Instant.parse("2026-12-01T07:30:00Z")).value());
        checkDerived("/api/v1/conflicts/" + derived.conflictId().value(),
                "/api/v1/conflicts/" + Identifiers.derive("conflict", ACME_HOME, "nothing"));
    }

    private void checkDerived(String occurrence, String unknown) {
        assertThat(status(occurrence, Reader.support("beta"))).as("beta's %s, read in beta", occurrence).isEqualTo(200);
        assertThat(status(occurrence, Reader.of("beta", "bob"))).as("by beta's manager").isEqualTo(200);
        for (Reader reader : List.of(ALICE, ACME_ADMIN)) {
            EntityExchangeResult<byte[]> foreign = read(occurrence, reader);
            EntityExchangeResult<byte[]> none = read(unknown, reader);
            assertThat(foreign.getStatus().value()).as(reader.subject()).isEqualTo(404);
            assertThat(none.getStatus().value()).as(reader.subject()).isEqualTo(404);
            assertThat(json(body(foreign).replace(occurrence.substring(occurrence.lastIndexOf('/') + 1), "?")))
                    .as("%s: beta's occurrence answers as one that does not exist", reader.subject())
                    .isEqualTo(json(body(none).replace(unknown.substring(unknown.lastIndexOf('/') + 1), "?")));
            assertNothingOfBetas(reader.subject() + ", an occurrence by id", body(foreign).replace(occurrence, ""), foreign.getResponseHeaders(),
                    occurrence);
        }
    }

    @Test
    void aPlatformAdminWhoNamesBetaReadsBetasAndAcmesNot() {
        Reader support = Reader.support("beta");
        for (String path : List.of("/api/v1/calendars/beta:ballroom", "/api/v1/schedules/beta:item-review",
                "/api/v1/schedules/rules/beta:rule-nightly", "/api/v1/conflicts/beta:conflict-hall", "/api/v1/resources/beta:res-hall",
                "/api/v1/calendars/beta:ballroom/export.ics", "/api/v1/calendars/beta:ballroom/grants")) {
            assertThat(status(path, support)).as(path).isEqualTo(200);
        }
        assertThat(body(read("/api/v1/calendars", support))).contains(BETA_BALLROOM).doesNotContain(ACME_HOME);
        assertThat(body(read("/api/v1/resources", support))).contains("Beta hall");
        assertThat(body(read("/api/v1/conflicts", support))).contains(BETA_CONFLICT.conflictId().value());
        assertThat(body(read("/api/v1/schedules/rules", support))).contains(BETA_RULE);
        assertThat(JSON.readTree(body(read("/api/v1/schedules/window?" + DAY, support))).at("/summary/total_jobs").asLong()).isPositive();
        assertThat(status("/api/v1/calendars/" + ACME_HOME, support)).isEqualTo(404);
        // The same platform admin naming acme is acme's admin, and beta's ids are unknown to them.
        assertThat(status("/api/v1/calendars/" + ACME_HOME, Reader.support("acme"))).isEqualTo(200);
        assertThat(status("/api/v1/calendars/" + BETA_BALLROOM, Reader.support("acme"))).isEqualTo(404);
        // And beta's own user reads what acme's could not.
        assertThat(status("/api/v1/schedules/beta:item-review", BOB)).isEqualTo(200);
        assertThat(status("/api/v1/notifications/" + BETA_NOTE, BOB)).isEqualTo(200);
    }

    @Test
    void aSubscriptionFeedReadsOnlyWithinItsUsersTenant() {
        assertThat(client.get().uri("/api/v1/feeds/" + FEED_TOKEN + ".ics").exchange().expectBody().returnResult().getStatus().value())
                .isEqualTo(200);
        // A subscription that names a calendar of another tenant than its user's was never issued, and is answered so.
        subscriptions.put(FEED_TOKEN_HASH, new Subscription("sub-1", BETA_BALLROOM, "acme:alice", false, 1));
        EntityExchangeResult<byte[]> forged = client.get().uri("/api/v1/feeds/" + FEED_TOKEN + ".ics").exchange().expectBody().returnResult();
        assertThat(forged.getStatus().value()).isEqualTo(404);
        assertThat(body(forged)).doesNotContain("beta:");
    }

    @Test
    void everyEndpointWithAnIdInItsPathAnswersItsOwnUnknownId() {
        List<String> withIds = tenantIds.patterns().stream().map(PathPattern::getPatternString)
                .filter(pattern -> pattern.contains("{id}") || pattern.contains("Id}")).toList();
        assertThat(withIds).isNotEmpty();
        // An endpoint added with an id in its path and no 404 of its own here would answer the bare fallback: named, so it is not.
        withIds.forEach(pattern -> assertThat(TenantIds.asUnknown(pattern, "id", "beta:x", Map.of("id", "beta:x")).getMessage())
                .as(pattern).doesNotContain("nothing has the id"));
    }

    private static void assertNothingOfBetas(String what, String body, HttpHeaders headers, String asked) {
        BETAS.forEach(told -> assertThat(body).as("%s names %s", what, told).doesNotContain(told));
        Stream.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.LINK, HttpHeaders.CONTENT_LOCATION)
                .flatMap(name -> headers.getOrEmpty(name).stream())
                .forEach(value -> BETAS.forEach(told -> assertThat(value.replace(asked, "")).as("%s: a header names %s", what, told)
                        .doesNotContain(told)));
    }

    private static ItemScheduled item(String id, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(id), CalendarId.of(BETA_BALLROOM), title, "talk", Instant.parse(start), Instant.parse(end),
                EventSamples.NEW_YORK, Priority.NORMAL, List.of(), null,
                List.of(new ResourceBooking(ResourceId.of(BETA_HALL), ResourceRole.PRIMARY)), Map.of(), ItemSource.API, List.of(), null,
                UserId.of("beta:bob"));
    }

    private static NotificationRaised betaNotification() {
        NotificationRaised sample = EventSamples.notificationRaised();
        return new NotificationRaised(NotificationId.of(BETA_NOTE), UserId.of("beta:bob"), sample.kind(), sample.category(),
                "Beta review moved", "Beta review moved", sample.source(), "beta-team", CalendarId.of(BETA_BALLROOM), List.of(),
                List.of(), sample.occurredAt());
    }

    /** As {@link ReadModelFixture#given}, each entity at its next version, waiting as long as a loaded machine needs. */
    private void given(AlmanacEvent... events) {
        for (AlmanacEvent event : events) {
            long version = versions.merge(event.subject(), 1L, Long::sum) - 1;
            projections.apply(Received.of(event, version)).block(Duration.ofSeconds(60));
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private EntityExchangeResult<byte[]> read(String path, Reader reader) {
        return exchange(HttpMethod.GET, path, "", reader);
    }

    private int status(String path, Reader reader) {
        return read(path, reader).getStatus().value();
    }

    private EntityExchangeResult<byte[]> exchange(HttpMethod method, String path, String body, Reader reader) {
        var request = client.method(method).uri(URI.create(path))
                .header(HttpHeaders.AUTHORIZATION, ISSUER.bearerOfTenant(reader.tenant(), reader.subject(), reader.roles()));
        if (!reader.chosen().isEmpty()) {
            request = request.header(Callers.TENANT_HEADER, reader.chosen());
        }
        if (!body.isEmpty()) {
            return request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectBody().returnResult();
        }
        return request.exchange().expectBody().returnResult();
    }

    /** The body as a JSON tree where it is JSON, so that two answers compare whatever order their fields were written in. */
    private static Object json(String body) {
        try {
            return body.isEmpty() ? body : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return body;
        }
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        byte[] body = result.getResponseBodyContent();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }
}

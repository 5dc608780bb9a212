package dev.almanac.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictLink;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.LinkProblem;
import dev.almanac.events.rule.ChangeRequestId;
import dev.almanac.events.rule.RuleChangeProposed;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemSource;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.RoleRefusals;

/**
 * The conflicts and rules lists, a conflict and its suggestions, and a rule's change requests, for callers with and
 * without a role on a calendar with grants (ADR 0027, ADR 0086): carol has none on {@code cal-closed}, alice views it, the
 * development identity (no header) is an admin. {@code cal-open} has no grants.
 */
@QueryApiTest
class CrossCalendarConflictsAndRulesTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final CalendarId OPEN = CalendarId.of("cal-open");
    private static final CalendarId CLOSED = CalendarId.of("cal-closed");
    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final String ADMIN = "";

    @BeforeEach
    void twoCalendarsOneWithAGrant() {
        clock.pin(NOW);
        readModels.given(calendar(OPEN), calendar(CLOSED),
                new CalendarAccessGranted(CLOSED, UserId.of("alice"), CalendarRole.VIEWER, null));
    }

    // The board meeting on the closed calendar and the talk on the open one book the hall at once; the conflict is
    // keyed by the board's calendar, whose manager escalated it.
    private final ConflictDetected closedOnly = capacityConflict("conflict-closed", CLOSED, "Secret board", "10:00", "11:00");
    private final ConflictDetected openOnly = capacityConflict("conflict-open", OPEN, "Open standup", "11:00", "12:00");
    // Keyed by the open calendar: shown to carol, without what lies on the closed one (ADR 0086).
    private final ConflictDetected mixed = new ConflictDetected(ConflictId.of("conflict-hall"), OPEN, ConflictType.VENUE_CONFLICT,
            ConflictLevel.CRITICAL, at(1, "17:00"), at(1, "18:00"), 1, 2,
            List.of(item("item-board", "Secret board", "15:00", "18:00"), item("item-talk", "Open talk", "17:00", "20:00")),
            HALL, ResourceType.VENUE, List.of(new ConflictBooking(EntryKind.ITEM, "item-board", CLOSED, ResourceRole.PRIMARY),
            new ConflictBooking(EntryKind.ITEM, "item-talk", OPEN, ResourceRole.PRIMARY)));
    private final ConflictDetected closedHallOnly = new ConflictDetected(ConflictId.of("conflict-hall-closed"), CLOSED,
            ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL, at(2, "09:00"), at(2, "10:00"), 1, 2,
            List.of(item("item-audit", "Secret audit", "09:00", "10:00"), item("item-review", "Secret review", "09:00", "10:00")),
            HALL, ResourceType.VENUE, List.of(new ConflictBooking(EntryKind.ITEM, "item-audit", CLOSED, ResourceRole.PRIMARY),
            new ConflictBooking(EntryKind.ITEM, "item-review", CLOSED, ResourceRole.PRIMARY)));
    private final ConflictEscalated escalated = new ConflictEscalated(mixed.conflictId(), OPEN, "board-office",
            "The board cannot move", "dana", at(1, "12:00"), false);

    @Test
    void aConflictIsListedToThoseWhoReadACalendarItConcernsWithoutWhatLiesOnTheOthers() {
        readModels.given(closedOnly, openOnly, mixed, closedHallOnly, escalated);

        JsonNode carols = read("/api/v1/conflicts", "carol");
        assertThat(conflictIds(carols)).containsExactly("conflict-open", "conflict-hall");
        JsonNode shared = carols.get("conflicts").get(1);
        assertThat(shared.get("status").asString()).isEqualTo("escalated");
        assertThat(shared.get("entries")).extracting(entry -> entry.get("entry_id").asString()).containsExactly("item-talk");
        assertThat(shared.get("bookings")).extracting(booking -> booking.get("calendar_id").asString()).containsExactly("cal-open");
        assertThat(shared.has("escalation")).as("the open calendar's managers' words").isTrue();
        assertThat(carols.toString()).doesNotContain("Secret", "item-board", "item-audit", "cal-closed", "conflict-closed");

        for (String reader : List.of("alice", ADMIN)) {
            JsonNode all = read("/api/v1/conflicts", reader);
            assertThat(conflictIds(all)).as(reader).containsExactly("conflict-closed", "conflict-open", "conflict-hall",
                    "conflict-hall-closed");
            assertThat(all.get("conflicts").get(2).get("entries").size()).as(reader).isEqualTo(2);
            assertThat(all.get("conflicts").get(2).get("escalation").get("to").asString()).as(reader).isEqualTo("board-office");
        }
    }

    @Test
    void aCalendarsConflictsNeedARoleOnItAndAResourcesAreFilteredOneByOne() {
        readModels.given(closedOnly, openOnly, mixed, closedHallOnly);

        assertThat(read("/api/v1/conflicts?calendar_id=cal-closed", "carol").toString())
                .isEqualTo(read("/api/v1/conflicts?calendar_id=cal-missing", "carol").toString());
        assertThat(conflictIds(read("/api/v1/conflicts?calendar_id=cal-closed", "alice")))
                .containsExactly("conflict-closed", "conflict-hall", "conflict-hall-closed");
        assertThat(conflictIds(read("/api/v1/conflicts?calendar_id=cal-closed", ADMIN)))
                .containsExactly("conflict-closed", "conflict-hall", "conflict-hall-closed");
        JsonNode open = read("/api/v1/conflicts?calendar_id=cal-open", "carol");
        assertThat(conflictIds(open)).containsExactly("conflict-open", "conflict-hall");
        assertThat(open.toString()).doesNotContain("Secret");

        JsonNode hall = read("/api/v1/conflicts?resource_id=res-hall", "carol");
        assertThat(conflictIds(hall)).containsExactly("conflict-hall");
        assertThat(hall.toString()).doesNotContain("Secret");
        assertThat(conflictIds(read("/api/v1/conflicts?resource_id=res-hall", "alice"))).containsExactly("conflict-hall", "conflict-hall-closed");
    }

    @Test
    void aConflictAndItsSuggestionsAreReadByIdAsTheListShowsThem() {
        readModels.given(new ResourceCreated(HALL, "Hall", ResourceType.VENUE, ZoneOffset.UTC, null),
                booking("item-board", CLOSED, "Secret board", "15:00", "18:00"), booking("item-talk", OPEN, "Open talk", "17:00", "20:00"),
                closedOnly, mixed, escalated);

        hidden("/api/v1/conflicts/conflict-closed", "carol", "id");
        hidden("/api/v1/conflicts/conflict-closed/suggestions", "carol", "id");
        client.get().uri("/api/v1/conflicts/conflict-missing").header("X-Almanac-User", "carol").exchange().expectStatus().isNotFound();

        JsonNode shared = read("/api/v1/conflicts/conflict-hall", "carol");
        assertThat(shared.get("entries")).extracting(entry -> entry.get("entry_id").asString()).containsExactly("item-talk");
        assertThat(shared.has("escalation")).isTrue();
        assertThat(shared.toString()).doesNotContain("Secret", "item-board", "cal-closed");
        assertThat(read("/api/v1/conflicts/conflict-hall", "alice").get("entries").size()).isEqualTo(2);
        assertThat(read("/api/v1/conflicts/conflict-closed", "alice").get("id").asString()).isEqualTo("conflict-closed");

        // Each item would move to its own slots; carol is shown only the talk's.
        JsonNode carols = read("/api/v1/conflicts/conflict-hall/suggestions", "carol");
        assertThat(carols.get("suggestions").size()).isEqualTo(3);
        assertThat(carols.get("suggestions")).extracting(suggestion -> suggestion.get("entry_id").asString()).containsOnly("item-talk");
        assertThat(carols.toString()).doesNotContain("Secret", "item-board");
        for (String reader : List.of("alice", ADMIN)) {
            assertThat(read("/api/v1/conflicts/conflict-hall/suggestions", reader).get("suggestions"))
                    .as(reader).extracting(suggestion -> suggestion.get("entry_id").asString()).contains("item-board", "item-talk");
        }
    }

    @Test
    void anOrphanedLinkIntoAHiddenCalendarShowsOnlyItsReadableSide() {
        ConflictDetected orphan = new ConflictDetected(ConflictId.of("conflict-link"), OPEN, ConflictType.ORPHANED_LINK,
                ConflictLevel.SEVERE, at(1, "12:00"), at(1, "16:00"), 1, 2,
                List.of(item("item-visit", "Open visit", "14:00", "16:00"), item("item-escort", "Secret escort", "12:00", "13:00")),
                null, null, List.of(), new ConflictLink(ItemId.of("item-visit"), OPEN, ItemId.of("item-escort"), CLOSED, 7_200,
                LinkProblem.OFFSET_BROKEN));
        readModels.given(orphan);

        JsonNode carols = read("/api/v1/conflicts/conflict-link", "carol");
        assertThat(carols.get("entries")).extracting(entry -> entry.get("entry_id").asString()).containsExactly("item-visit");
        assertThat(carols.has("link")).as("its ids name the hidden side (ADR 0086)").isFalse();
        assertThat(carols.toString()).doesNotContain("Secret", "item-escort", "cal-closed");
        assertThat(conflictIds(read("/api/v1/conflicts?calendar_id=cal-open", "carol"))).containsExactly("conflict-link");
        assertThat(read("/api/v1/conflicts/conflict-link", "alice").get("entries").size()).isEqualTo(2);
    }

    /**
     * Sixteen conflicts, two a day at the same start, on the calendars this pattern gives (C closed, O open): for carol
     * most pages' first days hold none she sees, so a page is filled from the days after.
     */
    @Test
    void pagingSkipsTheHiddenConflictsWithoutSkippingOrRepeatingAShownOneAndFillsEveryPageButTheLast() {
        String pattern = "CCCCOCCOOCCCCCOC";
        List<String> shownToCarol = new ArrayList<>();
        List<String> every = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            boolean open = pattern.charAt(i) == 'O';
            String id = "conflict-" + (i / 2 + 1) + "-" + (char) ('a' + i % 2);
            readModels.given(new ConflictDetected(ConflictId.of(id), open ? OPEN : CLOSED, ConflictType.TIME_OVERLAP, ConflictLevel.MINOR,
                    at(i / 2 + 1, "10:00"), at(i / 2 + 1, "11:00"), 1, 2,
                    List.of(item(id + "-x", "Meeting", "10:00", "11:00"), item(id + "-y", "Meeting", "10:00", "11:00"))));
            every.add(id);
            if (open) {
                shownToCarol.add(id);
            }
        }

        for (int limit = 1; limit <= 5; limit++) {
            assertThat(conflictPages(limit, "carol")).as("carol, limit %d", limit).containsExactlyElementsOf(shownToCarol);
            assertThat(conflictPages(limit, "alice")).as("alice, limit %d", limit).containsExactlyElementsOf(every);
            assertThat(conflictPages(limit, ADMIN)).as("admin, limit %d", limit).containsExactlyElementsOf(every);
        }
    }

    @Test
    void aRuleIsListedOnlyToThoseWhoReadItsQueueAndTotalCountsOnlyThose() {
        readModels.given(rule("rule-a", OPEN), rule("rule-b", CLOSED), rule("rule-c", OPEN), rule("rule-d", CLOSED));

        JsonNode carols = read("/api/v1/schedules/rules", "carol");
        assertThat(ruleIds(carols)).containsExactly("rule-a", "rule-c");
        assertThat(carols.get("total").asInt()).isEqualTo(2);
        for (String reader : List.of("alice", ADMIN)) {
            JsonNode all = read("/api/v1/schedules/rules", reader);
            assertThat(ruleIds(all)).as(reader).containsExactly("rule-a", "rule-b", "rule-c", "rule-d");
            assertThat(all.get("total").asInt()).as(reader).isEqualTo(4);
        }

        assertThat(ruleIds(read("/api/v1/schedules/rules?queue=cal-closed", "carol"))).isEmpty();
        assertThat(ruleIds(read("/api/v1/schedules/rules?queue=cal-closed", "alice"))).containsExactly("rule-b", "rule-d");
        assertThat(ruleIds(read("/api/v1/schedules/rules?queue=cal-open", "carol"))).containsExactly("rule-a", "rule-c");
        // Another filter than the queue still leaves the closed queue's rules out.
        assertThat(ruleIds(read("/api/v1/schedules/rules?owner=ops", "carol"))).containsExactly("rule-a", "rule-c");
    }

    @Test
    void rulePagesSkipTheHiddenRulesWithoutSkippingOrRepeatingAShownOne() {
        String pattern = "CCOCOOCCCO";
        List<String> shownToCarol = new ArrayList<>();
        List<String> every = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            String id = "rule-%02d".formatted(i);
            boolean open = pattern.charAt(i) == 'O';
            readModels.given(rule(id, open ? OPEN : CLOSED));
            every.add(id);
            if (open) {
                shownToCarol.add(id);
            }
        }

        for (int limit = 1; limit <= 4; limit++) {
            assertThat(rulePages(limit, "carol")).as("carol, limit %d", limit).containsExactlyElementsOf(shownToCarol);
            assertThat(rulePages(limit, "alice")).as("alice, limit %d", limit).containsExactlyElementsOf(every);
            assertThat(rulePages(limit, ADMIN)).as("admin, limit %d", limit).containsExactlyElementsOf(every);
        }
    }

    @Test
    void aRulesChangeRequestsNeedARoleOnItsQueue() {
        readModels.given(rule("rule-closed", CLOSED), rule("rule-open", OPEN), proposal("chg-closed", "rule-closed"),
                proposal("chg-open", "rule-open"));

        hidden("/api/v1/schedules/rules/rule-closed/change-requests", "carol", "id");
        hidden("/api/v1/schedules/rules/rule-closed/change-requests/chg-closed", "carol", "id");
        for (String reader : List.of("alice", ADMIN)) {
            assertThat(read("/api/v1/schedules/rules/rule-closed/change-requests", reader).get("change_requests").size()).as(reader)
                    .isEqualTo(1);
            assertThat(read("/api/v1/schedules/rules/rule-closed/change-requests/chg-closed", reader).get("id").asString()).as(reader)
                    .isEqualTo("chg-closed");
        }
        assertThat(read("/api/v1/schedules/rules/rule-open/change-requests", "carol").get("change_requests").size()).isEqualTo(1);
        assertThat(read("/api/v1/schedules/rules/rule-open/change-requests/chg-open", "carol").get("id").asString()).isEqualTo("chg-open");
    }

    /** Every conflict over all calendars {@code user} is shown, page by page; every page but the last is full. */
    private List<String> conflictPages(int limit, String user) {
        return pages("/api/v1/conflicts?limit=" + limit, limit, user, "conflicts");
    }

    private List<String> rulePages(int limit, String user) {
        return pages("/api/v1/schedules/rules?limit=" + limit, limit, user, "rules");
    }

    private List<String> pages(String first, int limit, String user, String items) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            JsonNode read = read(cursor == null ? first : first + "&cursor=" + cursor, user);
            read.get(items).forEach(item -> ids.add(item.get("id").asString()));
            if (!read.has("next_cursor")) {
                return ids;
            }
            assertThat(read.get(items).size()).as("%s page %d as %s, followed by more", first, page, user).isEqualTo(limit);
            cursor = read.get("next_cursor").asString();
        }
        throw new AssertionError(first + " as " + user + " did not end");
    }

    /** {@code user}'s GET of {@code uri} (as the development admin when blank), answered 200; its body. */
    private JsonNode read(String uri, String user) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (!user.isEmpty()) {
            request = request.header("X-Almanac-User", user);
        }
        byte[] body = request.exchange()
                .expectStatus().value(status -> assertThat(status).as("%s as %s", uri, user).isEqualTo(200))
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    /** {@code user}'s GET of {@code uri} is the 404 of something that does not exist, with {@code field} (ADR 0086). */
    private WebTestClient.BodyContentSpec hidden(String uri, String user, String field) {
        return RoleRefusals.expectHidden(client.get().uri(uri).header("X-Almanac-User", user), field);
    }

    static List<String> conflictIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("conflicts").forEach(conflict -> ids.add(conflict.get("id").asString()));
        return ids;
    }

    private static List<String> ruleIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("rules").forEach(rule -> ids.add(rule.get("id").asString()));
        return ids;
    }

    static CalendarCreated calendar(CalendarId id) {
        return new CalendarCreated(id, "Calendar " + id.value(), CalendarType.DEPARTMENT, ZoneOffset.UTC, 1, OverbookingPolicy.ALLOW);
    }

    /** Two items of one calendar at once on 1 December 2026, over its capacity of 1. */
    private static ConflictDetected capacityConflict(String id, CalendarId calendar, String title, String start, String end) {
        return new ConflictDetected(ConflictId.of(id), calendar, ConflictType.TIME_OVERLAP, ConflictLevel.MINOR, at(1, start), at(1, end),
                1, 2, List.of(item(id + "-x", title, start, end), item(id + "-y", title + " too", start, end)));
    }

    /** An item taking part in a conflict, from {@code start} to {@code end} on 1 December 2026. */
    private static ConflictingEntry item(String id, String title, String start, String end) {
        return new ConflictingEntry(ConflictEntryKind.ITEM, id, title, at(1, start), at(1, end));
    }

    private static ItemScheduled booking(String id, CalendarId calendar, String title, String start, String end) {
        return new ItemScheduled(ItemId.of(id), calendar, title, "meeting", at(1, start), at(1, end), ZoneOffset.UTC, Priority.NORMAL,
                List.of(), null, List.of(new ResourceBooking(HALL, ResourceRole.PRIMARY)), Map.of(), ItemSource.MANUAL);
    }

    /** {@code time} on {@code day} December 2026, UTC. */
    private static Instant at(int day, String time) {
        return Instant.parse("2026-12-%02dT%s:00Z".formatted(day, time));
    }

    private static RuleCreated rule(String id, CalendarId queue) {
        RuleCreated sample = EventSamples.ruleCreated();
        return new RuleCreated(RuleId.of(id), sample.name() + " " + id, sample.cron(), sample.timezone(), queue, sample.durationSeconds(),
                sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(), new RuleMetadata("ops", null, List.of()),
                null, null);
    }

    /** A proposal against the rule's version 0, open for an hour from now. */
    private static RuleChangeProposed proposal(String id, String ruleId) {
        RuleChangeProposed sample = EventSamples.ruleChangeProposed();
        return new RuleChangeProposed(ChangeRequestId.of(id), RuleId.of(ruleId), 0, NOW, NOW.plus(Duration.ofHours(1)), sample.instruction(),
                sample.change(), "Afternoons suit the team", sample.description(), sample.before(), sample.after(), List.of());
    }
}

package dev.almanac.query.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.EntryKind;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarOwner;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.events.calendar.OwnerType;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.calendar.ResourceType;
import dev.almanac.events.conflict.ConflictBooking;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictDismissed;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictEscalated;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictResolved;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.conflict.ResolutionMethod;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/**
 * Each conflict carries the lifecycle commands its status takes, offered only to whoever manages it, as conflict-detector
 * decides: {@code cal-closed} has grants (alice views it, mia manages it); {@code cal-open} has none and is owned by the
 * staff member olga, its manager, while carol, like every other user, only schedules on it; the development identity (no
 * header) is an admin.
 */
@QueryApiTest
class ConflictActionsApiTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CalendarId CLOSED = CalendarId.of("cal-closed");
    private static final CalendarId OPEN = CalendarId.of("cal-open");
    private static final String ADMIN = "";
    private static final Instant DECIDED = Instant.parse("2026-11-20T09:00:00Z");
    private static final List<String> DETECTED = List.of("resolve", "escalate", "dismiss");
    private static final List<String> ESCALATED = List.of("resolve", "dismiss");

    @BeforeEach
    void conflictsInEveryStatusOnTwoCalendars() {
        readModels.given(calendar(CLOSED, null), calendar(OPEN, new CalendarOwner("olga", OwnerType.STAFF)),
                new CalendarAccessGranted(CLOSED, UserId.of("alice"), CalendarRole.VIEWER, null),
                new CalendarAccessGranted(CLOSED, UserId.of("mia"), CalendarRole.MANAGER, null),
                detected("c-detected", CLOSED, 1),
                detected("c-escalated", CLOSED, 2),
                new ConflictEscalated(ConflictId.of("c-escalated"), CLOSED, "board", "needs the board", "mia", DECIDED, false),
                detected("c-resolved", CLOSED, 3),
                new ConflictResolved(ConflictId.of("c-resolved"), CLOSED, ResolutionMethod.RESCHEDULED, "mia", null, DECIDED),
                detected("c-dismissed", CLOSED, 4),
                new ConflictDismissed(ConflictId.of("c-dismissed"), CLOSED, "mia", "on purpose", DECIDED),
                detected("c-cleared", CLOSED, 5),
                new ConflictCleared(ConflictId.of("c-cleared"), CLOSED, "entries no longer overlap"),
                detected("c-open", OPEN, 6),
                hall());
    }

    @Test
    void anAdminIsOfferedWhatEachStatusTakes() {
        assertThat(actionsBy(ADMIN)).containsExactly(
                Map.entry("c-cleared", List.of()),
                Map.entry("c-detected", DETECTED),
                Map.entry("c-dismissed", List.of()),
                Map.entry("c-escalated", ESCALATED),
                Map.entry("c-hall", DETECTED),
                Map.entry("c-open", DETECTED),
                Map.entry("c-resolved", List.of()));
    }

    @Test
    void aManagerIsOfferedTheirCalendarsConflictsAndAResourceConflictTheirBookingTakesPartIn() {
        Map<String, List<String>> mias = actionsBy("mia");

        assertThat(mias).containsEntry("c-detected", DETECTED).containsEntry("c-escalated", ESCALATED).containsEntry("c-hall", DETECTED)
                .containsEntry("c-resolved", List.of()).containsEntry("c-cleared", List.of());
        assertThat(mias.get("c-open")).as("mia only schedules on the open calendar").isEmpty();
    }

    @Test
    void aViewerAndASchedulerAreOfferedNothing() {
        assertThat(actionsBy("alice")).isNotEmpty().allSatisfy((id, names) -> assertThat(names).as(id).isEmpty());
        // The hall's conflict is keyed by cal-closed, on which carol has no role: it is not listed to her (ADR 0086).
        assertThat(actionsBy("carol")).containsOnlyKeys("c-open")
                .allSatisfy((id, names) -> assertThat(names).as(id).isEmpty());
    }

    @Test
    void theStaffOwnerOfACalendarWithoutGrantsManagesItsConflicts() {
        // olga may not read cal-closed, which keys the hall's conflict: its ids are that calendar's, so it is not listed to
        // her (ADR 0086), though conflict-detector still lets her move it on as a manager of a calendar booking the hall.
        assertThat(actionsBy("olga")).containsExactly(Map.entry("c-open", DETECTED));
    }

    @Test
    void aConflictReadByIdCarriesItsActionsWithTheirRequests() {
        JsonNode mias = read("/api/v1/conflicts/c-escalated", "mia");

        assertThat(mias.get("id").asString()).isEqualTo("c-escalated");
        assertThat(mias.get("status").asString()).isEqualTo("escalated");
        assertThat(mias.get("actions")).hasSize(2);
        assertThat(mias.get("actions").get(0).get("name").asString()).isEqualTo("resolve");
        assertThat(mias.get("actions").get(0).get("method").asString()).isEqualTo("POST");
        assertThat(mias.get("actions").get(0).get("path").asString()).isEqualTo("/api/v1/conflicts/c-escalated/resolve");
        assertThat(mias.get("actions").get(1).get("path").asString()).isEqualTo("/api/v1/conflicts/c-escalated/dismiss");
        assertThat(read("/api/v1/conflicts/c-escalated", "alice").get("actions")).isEmpty();
    }

    /** Each listed conflict's action names, by conflict id, as {@code caller} reads the list. */
    private Map<String, List<String>> actionsBy(String caller) {
        Map<String, List<String>> byConflict = new TreeMap<>();
        read("/api/v1/conflicts", caller).get("conflicts").forEach(conflict -> {
            List<String> names = new ArrayList<>();
            conflict.get("actions").forEach(action -> names.add(action.get("name").asString()));
            byConflict.put(conflict.get("id").asString(), names);
        });
        return byConflict;
    }

    private JsonNode read(String uri, String caller) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(uri);
        if (!caller.isEmpty()) {
            request = request.header("X-Almanac-User", caller);
        }
        byte[] body = request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(new String(body, StandardCharsets.UTF_8));
    }

    private static CalendarCreated calendar(CalendarId id, @Nullable CalendarOwner owner) {
        return new CalendarCreated(id, "Calendar " + id.value(), CalendarType.DEPARTMENT, ZoneOffset.UTC, 1, OverbookingPolicy.ALLOW,
                null, owner, null);
    }

    /** Two items over the calendar's capacity of 1, on the {@code day}th of December 2026. */
    private static ConflictDetected detected(String id, CalendarId calendar, int day) {
        return new ConflictDetected(ConflictId.of(id), calendar, ConflictType.TIME_OVERLAP, ConflictLevel.MINOR, at(day, 10), at(day, 11),
                1, 2, List.of(entry(id + "-x", day), entry(id + "-y", day)));
    }

    /** The hall booked twice at once, from each calendar, keyed by the closed one's. */
    private static ConflictDetected hall() {
        return new ConflictDetected(ConflictId.of("c-hall"), CLOSED, ConflictType.VENUE_CONFLICT, ConflictLevel.CRITICAL, at(7, 10),
                at(7, 11), 1, 2, List.of(entry("item-board", 7), entry("item-talk", 7)), ResourceId.of("res-hall"), ResourceType.VENUE,
                List.of(new ConflictBooking(EntryKind.ITEM, "item-board", CLOSED, ResourceRole.PRIMARY),
                        new ConflictBooking(EntryKind.ITEM, "item-talk", OPEN, ResourceRole.PRIMARY)));
    }

    private static ConflictingEntry entry(String id, int day) {
        return new ConflictingEntry(ConflictEntryKind.ITEM, id, "Meeting " + id, at(day, 10), at(day, 11));
    }

    private static Instant at(int day, int hour) {
        return Instant.parse("2026-12-%02dT%02d:00:00Z".formatted(day, hour));
    }
}

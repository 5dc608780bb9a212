package dev.almanac.query.access;

import static dev.almanac.query.access.CrossCalendarConflictsAndRulesTest.calendar;
import static dev.almanac.query.access.CrossCalendarConflictsAndRulesTest.conflictIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEntryKind;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.query.conflict.ConflictCursor;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;

/**
 * A caller who sees few of many conflicts pages through the list without any page reading more than the examined
 * budget (here 3 conflicts): pages answer short with a cursor at the first day not read, and together they are the
 * shown list once. Carol has no role on {@code cal-closed}; the development identity is an admin.
 */
@QueryApiTest
@TestPropertySource(properties = "almanac.query.conflicts.examined-per-page=3")
class ConflictPagesWithinTheirBudgetTest extends ReadModelApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CalendarId OPEN = CalendarId.of("cal-open");
    private static final CalendarId CLOSED = CalendarId.of("cal-closed");

    @BeforeEach
    void twoCalendarsOneWithAGrant() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        readModels.given(calendar(OPEN), calendar(CLOSED),
                new CalendarAccessGranted(CLOSED, UserId.of("alice"), CalendarRole.VIEWER, null));
    }

    @Test
    void aSparseListIsPagedShortWithinTheBudgetAndTogetherThePagesAreTheShownListOnce() {
        // One conflict a day for twenty days, those on days 3, 11 and 18 on the open calendar.
        List<String> shownToCarol = new ArrayList<>();
        List<String> every = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            boolean open = day == 3 || day == 11 || day == 18;
            String id = "conflict-%02d".formatted(day);
            Instant start = Instant.parse("2026-12-%02dT10:00:00Z".formatted(day));
            readModels.given(new ConflictDetected(ConflictId.of(id), open ? OPEN : CLOSED, ConflictType.TIME_OVERLAP, ConflictLevel.MINOR,
                    start, start.plusSeconds(3600), 1, 2, List.of(entry(id + "-x", start), entry(id + "-y", start))));
            every.add(id);
            if (open) {
                shownToCarol.add(id);
            }
        }

        List<JsonNode> carols = pages("carol", 2);
        assertThat(carols.stream().flatMap(page -> conflictIds(page).stream())).containsExactlyElementsOf(shownToCarol);
        assertThat(carols).as("more pages than two a page would need: the budget cut some short").hasSizeGreaterThan(2);
        for (JsonNode page : carols) {
            if (page.has("next_cursor")) {
                String named = ConflictCursor.decode(page.get("next_cursor").asString()).orElseThrow().id();
                assertThat(named).as("a cursor names a conflict carol sees, or none")
                        .satisfiesAnyOf(id -> assertThat(id).isEmpty(), id -> assertThat(shownToCarol).contains(id));
            }
        }
        // Nothing is hidden from the admin: every page is full but the last, however small the budget.
        List<JsonNode> admins = pages("", 4);
        assertThat(admins.stream().flatMap(page -> conflictIds(page).stream())).containsExactlyElementsOf(every);
        assertThat(admins).hasSize(5);
    }

    /** Every page of the conflict list, {@code limit} a page, as {@code user} (the admin when blank), following next_cursor. */
    private List<JsonNode> pages(String user, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            String uri = "/api/v1/conflicts?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            var request = client.get().uri(uri);
            if (!user.isEmpty()) {
                request = request.header("X-Almanac-User", user);
            }
            byte[] body = request.exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            JsonNode read = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            assertThat(read.get("conflicts").size()).isLessThanOrEqualTo(limit);
            pages.add(read);
            if (!read.has("next_cursor")) {
                return pages;
            }
            cursor = read.get("next_cursor").asString();
        }
        throw new AssertionError("the conflict list as " + user + " did not end");
    }

    private static ConflictingEntry entry(String id, Instant start) {
        return new ConflictingEntry(ConflictEntryKind.ITEM, id, "Meeting", start, start.plusSeconds(3600));
    }
}

package dev.almanac.query.schedulelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemCancelled;
import dev.almanac.events.schedule.ItemConfirmed;
import dev.almanac.events.schedule.ItemDeleted;
import dev.almanac.events.schedule.ItemFields;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.events.schedule.ItemUpdated;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.query.support.RoleRefusals;

/** Seed 003's list, GET /api/v1/schedules (issue 72): across calendars, filtered, by cursor, with rule occurrences at any distance. */
@QueryApiTest
@SuppressWarnings("unchecked")
class ScheduleListApiTest extends ReadModelApiTest {

    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NINE_UTC = Instant.parse("2026-12-01T09:00:00Z");

    private static ItemScheduled item(String id, String calendar, String type, Instant start, Priority priority, List<String> tags) {
        ItemScheduled sample = ReadModelFixture.item(id, calendar, type, start, Duration.ofHours(1));
        return new ItemScheduled(sample.itemId(), sample.calendarId(), sample.title(), type, start, sample.end(), sample.timezone(),
                priority, tags);
    }

    private static ItemFields fields(ItemScheduled item, ScheduleStatus status) {
        return new ItemFields(item.title(), item.type(), item.priority(), item.tags(), status);
    }

    @Test
    void listsItemsOfEveryCalendarByStartWithEachOnItsCalendarsClockAndStatus() {
        ItemScheduled review = item("item-review", "cal-a", "meeting", NINE_UTC.plus(Duration.ofHours(2)), Priority.HIGH, List.of("finance"));
        ItemScheduled standup = item("item-standup", "cal-b", "meeting", NINE_UTC, Priority.NORMAL, List.of());
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), ReadModelFixture.calendar("cal-b", NEW_YORK), review, standup,
                new ItemConfirmed(review.itemId(), review.calendarId(), review.start(), review.end()));

        client.get().uri("/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.from").isEqualTo("2026-12-01T00:00:00Z")
                .jsonPath("$.entries.length()").isEqualTo(2)
                .jsonPath("$.next_cursor").doesNotExist()
                .jsonPath("$.entries[0].id").isEqualTo("item-standup")
                .jsonPath("$.entries[0].calendar_id").isEqualTo("cal-b")
                .jsonPath("$.entries[0].local_start").isEqualTo("2026-12-01T04:00:00-05:00")
                .jsonPath("$.entries[0].status").isEqualTo("scheduled")
                .jsonPath("$.entries[1].id").isEqualTo("item-review")
                .jsonPath("$.entries[1].local_start").isEqualTo("2026-12-01T16:30:00+05:30")
                .jsonPath("$.entries[1].status").isEqualTo("confirmed")
                .jsonPath("$.entries[1].priority").isEqualTo("high");
    }

    @Test
    void filtersByCalendarStatusTypePriorityAndTagTogether() {
        ItemScheduled review = item("item-review", "cal-a", "meeting", NINE_UTC, Priority.HIGH, List.of("finance", "board"));
        ItemScheduled gala = item("item-gala", "cal-a", "event", NINE_UTC.plus(Duration.ofHours(1)), Priority.HIGH, List.of("board"));
        ItemScheduled lunch = item("item-lunch", "cal-b", "meeting", NINE_UTC.plus(Duration.ofHours(3)), Priority.LOW, List.of("finance"));
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), ReadModelFixture.calendar("cal-b", KOLKATA), review, gala, lunch,
                new ItemUpdated(review.itemId(), review.calendarId(), review.start(), review.end(),
                        fields(review, ScheduleStatus.SCHEDULED), fields(review, ScheduleStatus.TENTATIVE)));

        assertThat(ids(page(Map.of("status", "tentative")))).containsExactly("item-review");
        assertThat(ids(page(Map.of("type", "meeting")))).containsExactly("item-review", "item-lunch");
        assertThat(ids(page(Map.of("priority", "high", "tag", "board")))).containsExactly("item-review", "item-gala");
        assertThat(ids(page(Map.of("tag", "finance", "calendar_id", "cal-b")))).containsExactly("item-lunch");
        assertThat(ids(page(Map.of("status", "scheduled", "priority", "high")))).containsExactly("item-gala");
    }

    /** A type filter computes only the rules of that type; a filter no occurrence can pass (a priority, a tag) none. */
    @Test
    void aTypeFilterListsTheOccurrencesOfTheRulesOfThatTypeAlone() {
        Instant november = Instant.parse("2026-11-01T00:00:00Z");
        RuleCreated backups = RecurringRules.ofType(RecurringRules.rule("rule-backup", "cal-a", "0 9 * * *", ZoneId.of("UTC"), november, 0),
                "backup");
        RuleCreated reports = RecurringRules.ofType(RecurringRules.rule("rule-report", "cal-b", "0 10 * * *", ZoneId.of("UTC"), november, 0),
                "report");
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), ReadModelFixture.calendar("cal-b", KOLKATA), backups, reports,
                item("item-backup", "cal-b", "backup", NINE_UTC.plus(Duration.ofHours(2)), Priority.LOW, List.of("ops")));
        String backup = OccurrenceId.of(backups.ruleId(), NINE_UTC).value();
        String report = OccurrenceId.of(reports.ruleId(), NINE_UTC.plus(Duration.ofHours(1))).value();

        assertThat(ids(page(Map.of()))).containsExactly(backup, report, "item-backup");
        assertThat(ids(page(Map.of("type", "backup")))).containsExactly(backup, "item-backup");
        assertThat(ids(page(Map.of("type", "report", "status", "scheduled")))).containsExactly(report);
        assertThat(ids(page(Map.of("type", "backup", "calendar_id", "cal-b")))).containsExactly("item-backup");
        assertThat(ids(page(Map.of("type", "backup", "priority", "low")))).containsExactly("item-backup");
        assertThat(ids(page(Map.of("tag", "ops")))).containsExactly("item-backup");
        assertThat(ids(page(Map.of("status", "tentative")))).isEmpty();
    }

    /** Four months ahead, beyond rule-expander's 90-day horizon: the occurrences are computed from the rule (ADR 0068). */
    @Test
    void aRulesOccurrencesFourMonthsAheadAreListedAndInTheCalendarsEntries() {
        RuleCreated rule = RecurringRules.rule("rule-daily", "cal-a", "0 9 * * *", ZoneId.of("UTC"), Instant.parse("2026-11-01T00:00:00Z"), 0);
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), rule);
        Instant april = Instant.parse("2027-04-01T00:00:00Z");
        String occurrence = OccurrenceId.of(rule.ruleId(), Instant.parse("2027-04-01T09:00:00Z")).value();

        List<String> listed = ids(page(Map.of("from", april.toString(), "till", april.plus(Duration.ofDays(2)).toString())));
        assertThat(listed).hasSize(2).first().isEqualTo(occurrence);
        client.get().uri("/api/v1/calendars/cal-a/entries?from={from}&till={till}", april, april.plus(Duration.ofDays(1))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.entries.length()").isEqualTo(1)
                .jsonPath("$.entries[0].id").isEqualTo(occurrence)
                .jsonPath("$.entries[0].status").isEqualTo("scheduled");
        assertThat(ids(page(Map.of("from", april.toString(), "till", april.plus(Duration.ofDays(2)).toString(), "priority", "low"))))
                .as("an occurrence has no priority").isEmpty();
    }

    @Test
    void pagesByCursorThroughItemsAndOccurrencesOfSeveralCalendars() {
        RuleCreated rule = RecurringRules.rule("rule-quarter", "cal-a", "*/15 9-10 * * *", ZoneId.of("UTC"),
                Instant.parse("2026-11-01T00:00:00Z"), 0);
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), ReadModelFixture.calendar("cal-b", NEW_YORK), rule,
                item("item-b1", "cal-b", "job", NINE_UTC.plus(Duration.ofMinutes(30)), Priority.NORMAL, List.of()),
                item("item-b2", "cal-b", "job", NINE_UTC.plus(Duration.ofMinutes(50)), Priority.NORMAL, List.of()));
        Map<String, String> range = Map.of("from", NINE_UTC.toString(), "till", NINE_UTC.plus(Duration.ofDays(1)).toString());
        List<String> whole = ids(page(range));
        assertThat(whole).hasSize(10).contains("item-b1", "item-b2");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new java.util.HashMap<>(range);
            query.put("limit", "3");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Map<String, Object> page = page(query);
            seen.addAll(ids(page));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(whole);
    }

    @Test
    void cancelledAndDeletedItemsAreOnNoListAndADeletedItemIsNotFound() {
        ItemScheduled kept = item("item-kept", "cal-a", "job", NINE_UTC, Priority.NORMAL, List.of());
        ItemScheduled cancelled = item("item-cancelled", "cal-a", "job", NINE_UTC, Priority.NORMAL, List.of());
        ItemScheduled deleted = item("item-deleted", "cal-a", "job", NINE_UTC, Priority.NORMAL, List.of());
        readModels.given(ReadModelFixture.calendar("cal-a", KOLKATA), kept, cancelled, deleted,
                new ItemCancelled(cancelled.itemId(), cancelled.calendarId(), cancelled.start(), cancelled.end(), null, null, List.of()),
                new ItemDeleted(deleted.itemId(), deleted.calendarId(), deleted.start(), deleted.end(), "Entered twice"));

        assertThat(ids(page(Map.of()))).containsExactly("item-kept");
        client.get().uri("/api/v1/calendars/cal-a/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.entries.length()").isEqualTo(1);
        client.get().uri("/api/v1/schedules/item-deleted").exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        client.get().uri("/api/v1/schedules/item-cancelled").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("cancelled");
    }

    @Test
    void aDeletedCalendarIsInNoListAndEveryReadOfItIsNotFound() {
        RuleCreated rule = RecurringRules.rule("rule-daily", "cal-gone", "0 9 * * *", ZoneId.of("UTC"), Instant.parse("2026-11-01T00:00:00Z"), 0);
        readModels.given(ReadModelFixture.calendar("cal-gone", KOLKATA), ReadModelFixture.calendar("cal-kept", KOLKATA), rule,
                new CalendarDeleted(CalendarId.of("cal-gone"), "The venue closed"));

        client.get().uri("/api/v1/calendars/cal-gone").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars/cal-gone/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z").exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$..id").value(found -> assertThat((List<Object>) found).contains("cal-kept").doesNotContain("cal-gone"));
        assertThat(ids(page(Map.of()))).as("the occurrences of a rule whose calendar is gone").isEmpty();
        client.get().uri("/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&calendar_id=cal-gone").exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.errors[0].field").isEqualTo("calendar_id");
    }

    /** The window of one calendar remembers that it exists, for a second: it too answers 404 once the calendar is deleted. */
    @Test
    void aCalendarDeletedAfterItsWindowWasReadAnswersNotFoundThereAsEverywhere() {
        readModels.given(ReadModelFixture.calendar("cal-closing", KOLKATA),
                item("item-last", "cal-closing", "job", NINE_UTC, Priority.NORMAL, List.of()));
        String window = "/api/v1/schedules/window?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&queue=cal-closing";
        client.get().uri(window).exchange().expectStatus().isOk();

        readModels.given(new ItemDeleted(ItemId.of("item-last"), CalendarId.of("cal-closing"), NINE_UTC, NINE_UTC.plus(Duration.ofHours(1)),
                "Closing"), new CalendarDeleted(CalendarId.of("cal-closing"), "The venue closed"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.get().uri(window).exchange()
                .expectStatus().isNotFound().expectBody().jsonPath("$.errors[0].field").isEqualTo("queue"));
        client.get().uri("/api/v1/calendars/cal-closing/view?view=day&date=2026-12-01").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/calendars/cal-closing/entries?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z").exchange()
                .expectStatus().isNotFound();
        client.get().uri("/api/v1/schedules/detailed?date=2026-12-01&queue=cal-closing").exchange().expectStatus().isNotFound();
    }

    @Test
    void aCalendarWithGrantsIsListedOnlyToThoseWithARoleOnIt() {
        readModels.given(ReadModelFixture.calendar("cal-closed", KOLKATA), ReadModelFixture.calendar("cal-open", KOLKATA),
                new CalendarAccessGranted(CalendarId.of("cal-closed"), UserId.of("alice"), CalendarRole.VIEWER, null),
                item("item-closed", "cal-closed", "job", NINE_UTC, Priority.NORMAL, List.of()),
                item("item-open", "cal-open", "job", NINE_UTC, Priority.NORMAL, List.of()));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ids(pageAs("carol", Map.of()))).containsExactly("item-open"));
        assertThat(ids(pageAs("alice", Map.of()))).containsExactly("item-closed", "item-open");
        RoleRefusals.expectHidden(client.get().uri("/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z"
                + "&calendar_id=cal-closed").header("X-Almanac-User", "carol"), "calendar_id");
    }

    @Test
    void aRangeOverTheLimitsAndBadFiltersAreRefusedNamingEachField() {
        client.get().uri("/api/v1/schedules?from=2026-01-01T00:00:00Z&till=2027-01-02T00:00:00Z").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("till")
                .jsonPath("$.errors[0].rule").isEqualTo("max_window_days");
        client.get().uri("/api/v1/schedules?from=2026-12-02T00:00:00Z&till=2026-12-01T00:00:00Z").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].rule").isEqualTo("after_from");
        client.get().uri("/api/v1/schedules?from=2026-12-01T00:00:00Z&till=2026-12-02T00:00:00Z&status=cancelled&priority=urgent"
                        + "&limit=1001&cursor=nonsense&calendar_id=no%20such")
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields)
                        .containsExactlyInAnyOrder("calendar_id", "status", "priority", "limit", "cursor"))
                .jsonPath("$.errors[?(@.field == 'status')].rule").isEqualTo("one_of");
        client.get().uri("/api/v1/schedules?till=2026-12-02T00:00:00Z").exchange().expectStatus().isBadRequest();
    }

    private Map<String, Object> page(Map<String, String> query) {
        return pageAs(null, query);
    }

    private Map<String, Object> pageAs(String user, Map<String, String> query) {
        return client.get().uri(builder -> {
                    builder.path("/api/v1/schedules")
                            .queryParam("from", query.getOrDefault("from", "2026-12-01T00:00:00Z"))
                            .queryParam("till", query.getOrDefault("till", "2026-12-02T00:00:00Z"));
                    query.forEach((name, value) -> {
                        if (!name.equals("from") && !name.equals("till")) {
                            builder.queryParam(name, value);
                        }
                    });
                    return builder.build();
                })
                .headers(headers -> Optional.ofNullable(user).ifPresent(name -> headers.set("X-Almanac-User", name)))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("entries")).stream().map(entry -> (String) entry.get("id")).toList();
    }
}

package dev.almanac.query.opsfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.query.action.Action;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;

/**
 * The ops feed offers each caller only the actions their role allows (ADR 0027, ADR 0062, SCH-005), so that a client
 * shows what the API gives: the ballroom has grants (alice views it, sam and tester schedule on it, mia manages it);
 * tester created the nightly rule; cal-a has none; the development identity (no header) is an admin.
 */
@QueryApiTest
class OpsFeedActionsApiTest extends ReadModelApiTest {

    private static final String DECEMBER = "/api/v1/ops/calendar/events?start=2026-12-01T00:00:00Z&end=2026-12-03T00:00:00Z";
    private static final String ADMIN = "";
    private static final String ITEM = "item-ballroom";
    private static final Instant ITEM_START = Instant.parse("2026-12-01T12:00:00Z");
    private static final List<String> EVERY_ITEM_ACTION = List.of("reschedule", "confirm", "cancel");
    private static final List<String> EVERY_RULE_ACTION = List.of("run_now", "skip_next", "pause", "disable", "request_change");
    private static final List<String> EVERY_MISSED_RUN_ACTION = List.of("run_now", "skip_next", "pause", "disable", "request_change",
            "approve_backfill_run", "reschedule", "delete_missed");

    private String missedRun;

    @BeforeEach
    void theBallroomWithGrantsItsRuleAndAnItem() {
        clock.pin(Instant.parse("2026-11-25T12:00:00Z"));
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(EventSamples.calendarCreated(), grant("alice", CalendarRole.VIEWER), grant("sam", CalendarRole.SCHEDULER),
                grant("tester", CalendarRole.SCHEDULER), grant("mia", CalendarRole.MANAGER), rule,
                ReadModelFixture.item(ITEM, EventSamples.BALLROOM.value(), "meeting", ITEM_START, Duration.ofHours(1)),
                ReadModelFixture.calendar("cal-a", ZoneOffset.UTC),
                ReadModelFixture.item("item-open", "cal-a", "meeting", ITEM_START, Duration.ofHours(1)));
        materialise(rule, 0, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        projections.apply(Received.of(missed, 2)).block(Duration.ofSeconds(5));
        missedRun = missed.occurrenceId().value();
    }

    @Test
    void aViewerIsOfferedNoChangeOnlyAChangeRequestOfARule() {
        Map<String, List<String>> alices = actionsBy("alice");

        assertThat(alices.get(ITEM)).isEmpty();
        assertThat(alices.get(missedRun)).containsExactly("request_change");
        assertThat(alices).as("every occurrence of the rule").allSatisfy((id, names) -> {
            if (!id.startsWith("item-")) {
                assertThat(names).containsExactly("request_change");
            }
        });
    }

    @Test
    void aSchedulerMovesItemsButChangesOnlyTheRulesTheyCreated() {
        Map<String, List<String>> sams = actionsBy("sam");
        assertThat(sams.get(ITEM)).isEqualTo(EVERY_ITEM_ACTION);
        assertThat(sams.get(missedRun)).containsExactly("request_change");

        Map<String, List<String>> testers = actionsBy("tester");
        assertThat(testers.get(ITEM)).isEqualTo(EVERY_ITEM_ACTION);
        assertThat(testers.get(missedRun)).isEqualTo(EVERY_MISSED_RUN_ACTION);
    }

    @Test
    void aManagerAndAnAdminAreOfferedEverything() {
        for (String caller : List.of("mia", ADMIN)) {
            Map<String, List<String>> offered = actionsBy(caller);
            assertThat(offered.get(ITEM)).as(caller).isEqualTo(EVERY_ITEM_ACTION);
            assertThat(offered.get("item-open")).as(caller).isEqualTo(EVERY_ITEM_ACTION);
            assertThat(offered.get(missedRun)).as(caller).isEqualTo(EVERY_MISSED_RUN_ACTION);
        }
    }

    @Test
    void onACalendarWithoutGrantsEveryUserSchedules() {
        assertThat(actionsBy("carol").get("item-open")).isEqualTo(EVERY_ITEM_ACTION);
        assertThat(actionsBy("carol")).doesNotContainKey(ITEM);
    }

    @Test
    void fromTwoHoursBeforeAnItemsStartOnlyAManagerMovesOrCancelsIt() {
        clock.pin(ITEM_START.minus(Duration.ofMinutes(90)));

        assertThat(actionsBy("sam").get(ITEM)).containsExactly("confirm");
        assertThat(actionsBy("mia").get(ITEM)).isEqualTo(EVERY_ITEM_ACTION);
    }

    @Test
    void anActionCarriesTheRequestThatTakesIt() {
        OpsEvent item = events("tester").stream().filter(event -> event.eventId().equals(ITEM)).findFirst().orElseThrow();

        assertThat(item.actions()).containsExactly(Action.post("reschedule", "/api/v1/schedules/" + ITEM + "/reschedule"),
                Action.post("confirm", "/api/v1/schedules/" + ITEM + "/confirm"),
                Action.post("cancel", "/api/v1/schedules/" + ITEM + "/cancel"));
    }

    /** Each event's action names, by event id, as {@code caller} reads the feed. */
    private Map<String, List<String>> actionsBy(String caller) {
        Map<String, List<String>> byEvent = new TreeMap<>();
        events(caller).forEach(event -> byEvent.put(event.eventId(), event.actions().stream().map(Action::name).toList()));
        return byEvent;
    }

    private List<OpsEvent> events(String caller) {
        WebTestClient.RequestHeadersSpec<?> request = client.get().uri(DECEMBER);
        if (!caller.isEmpty()) {
            request = request.header("X-Almanac-User", caller);
        }
        OpsFeedPage page = request.exchange().expectStatus().isOk().expectBody(OpsFeedPage.class).returnResult().getResponseBody();
        assertThat(page).isNotNull();
        return page.events();
    }

    private static CalendarAccessGranted grant(String user, CalendarRole role) {
        return new CalendarAccessGranted(EventSamples.BALLROOM, UserId.of(user), role, null);
    }
}

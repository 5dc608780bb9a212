package dev.almanac.query.opsfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.occurrence.MissedReason;
import dev.almanac.events.occurrence.OccurrenceMissed;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.run.RunId;
import dev.almanac.events.run.RunSucceeded;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;

/**
 * The ops calendar feed over read models written through the projections (OPS-FEED): ordering,
 * filters, the range's half-open edges and the default window, paging, rule occurrences computed from the rules,
 * the run-state overlay with its actions, and the ETag.
 */
@QueryApiTest
class OpsFeedApiTest extends ReadModelApiTest {

    private static final String FEED = "/api/v1/ops/calendar/events";
    private static final String DECEMBER = "start=2026-12-01T00:00:00Z&end=2026-12-04T00:00:00Z";
    private static final String OCC_DEC_1 = OccurrenceId.of(EventSamples.NIGHTLY, Instant.parse("2026-12-01T07:30:00Z")).value();

    /** The nightly rule on the ballroom (07:30Z daily, materialised on 1 and 2 December), and three items on cal-a. */
    private void givenTheNightlyRuleAndThreeItems() {
        RuleCreated rule = EventSamples.ruleCreated();
        readModels.given(EventSamples.calendarCreated(), rule, ReadModelFixture.calendar("cal-a", ZoneOffset.UTC),
                ReadModelFixture.item("item-b", "cal-a", "meeting", Instant.parse("2026-12-01T07:30:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-a", "cal-a", "meeting", Instant.parse("2026-12-01T07:30:00Z"), Duration.ofHours(1)),
                ReadModelFixture.item("item-c", "cal-a", "job", Instant.parse("2026-12-02T12:00:00Z"), Duration.ofMinutes(30)));
        materialise(rule, 0, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z"));
    }

    @Test
    void everyEventOfEveryCalendarComesByTimeThenIdWithItsCard() {
        givenTheNightlyRuleAndThreeItems();

        List<String> ids = ids(FEED + "?" + DECEMBER);

        // Three events at 07:30 on 1 December, by id; then the 2 December occurrence and item, then the 3 December occurrence.
        assertThat(ids).hasSize(6);
        assertThat(ids.subList(0, 3)).isSorted().containsExactlyInAnyOrder("item-a", "item-b", OCC_DEC_1);
        assertThat(ids.get(4)).isEqualTo("item-c");
        String occurrence = "$.events[" + ids.indexOf(OCC_DEC_1) + "].";
        String item = "$.events[" + ids.indexOf("item-a") + "].";
        get(FEED + "?" + DECEMBER + "&timezone=America/Chicago")
                .jsonPath("$.start").isEqualTo("2026-12-01T00:00:00Z")
                .jsonPath("$.end").isEqualTo("2026-12-04T00:00:00Z")
                .jsonPath("$.timezone").isEqualTo("America/Chicago")
                .jsonPath("$.view").isEqualTo("week")
                .jsonPath("$.next_cursor").doesNotExist()
                .jsonPath(occurrence + "source").isEqualTo("cron")
                .jsonPath(occurrence + "source_ref").isEqualTo("rule-nightly")
                .jsonPath(occurrence + "owner_id").isEqualTo("platform-team")
                .jsonPath(occurrence + "calendar_id").isEqualTo("cal-ballroom")
                .jsonPath(occurrence + "title").isEqualTo("Nightly cleanup")
                .jsonPath(occurrence + "description").isEqualTo("Nightly system cleanup")
                .jsonPath(occurrence + "category").isEqualTo("normal")
                .jsonPath(occurrence + "color_key").isEqualTo("cron.normal")
                .jsonPath(occurrence + "status").isEqualTo("scheduled")
                .jsonPath(occurrence + "scheduled_at_utc").isEqualTo("2026-12-01T07:30:00Z")
                .jsonPath(occurrence + "scheduled_at_local").isEqualTo("2026-12-01T01:30:00-06:00")
                .jsonPath(occurrence + "timezone_display").isEqualTo("America/Chicago (UTC-06:00)")
                .jsonPath(occurrence + "duration_hint_seconds").isEqualTo(900)
                .jsonPath(occurrence + "actions[*].name").isEqualTo(List.of("run_now", "skip_next", "pause", "disable", "request_change"))
                .jsonPath(occurrence + "actions[2].method").isEqualTo("POST")
                .jsonPath(occurrence + "actions[2].path").isEqualTo("/api/v1/schedules/rules/rule-nightly/pause")
                .jsonPath(item + "source").isEqualTo("item")
                .jsonPath(item + "source_ref").isEqualTo("item-a")
                .jsonPath(item + "category").isEqualTo("normal")
                .jsonPath(item + "actions[*].name").isEqualTo(List.of("reschedule", "confirm", "cancel"))
                .jsonPath(item + "version").isNumber();
    }

    @Test
    void theRangeIsHalfOpenOnStart() {
        givenTheNightlyRuleAndThreeItems();

        assertThat(ids(FEED + "?start=2026-12-01T07:30:00Z&end=2026-12-02T12:00:00Z"))
                .contains("item-a", "item-b").doesNotContain("item-c").hasSize(4);
        assertThat(ids(FEED + "?start=2026-12-01T07:30:01Z&end=2026-12-02T12:00:01Z"))
                .doesNotContain("item-a", "item-b", OCC_DEC_1).contains("item-c").hasSize(2);
    }

    @Test
    void filtersBySourceCalendarOwnerAndStatus() {
        givenTheNightlyRuleAndThreeItems();
        apply(new RunSucceeded(RunId.of("run-1"), EventSamples.BALLROOM, EntryKind.OCCURRENCE, OCC_DEC_1, 1,
                Instant.parse("2026-12-01T07:45:00Z"), "worker-1", null), 0);

        assertThat(ids(FEED + "?" + DECEMBER + "&source=item")).containsExactly("item-a", "item-b", "item-c");
        assertThat(ids(FEED + "?" + DECEMBER + "&source=cron")).hasSize(3).contains(OCC_DEC_1);
        assertThat(ids(FEED + "?" + DECEMBER + "&source=rrule")).isEmpty();
        assertThat(ids(FEED + "?" + DECEMBER + "&source=rrule,item")).hasSize(3);
        assertThat(ids(FEED + "?" + DECEMBER + "&source=rrule&source=cron")).hasSize(3);
        assertThat(ids(FEED + "?" + DECEMBER + "&calendar_id=cal-a")).containsExactly("item-a", "item-b", "item-c");
        assertThat(ids(FEED + "?" + DECEMBER + "&calendar_id=cal-a&calendar_id=cal-ballroom")).hasSize(6);
        assertThat(ids(FEED + "?" + DECEMBER + "&owner=platform-team")).hasSize(3).contains(OCC_DEC_1).doesNotContain("item-a");
        assertThat(ids(FEED + "?" + DECEMBER + "&owner=nobody")).isEmpty();
        assertThat(ids(FEED + "?" + DECEMBER + "&status=success")).containsExactly(OCC_DEC_1);
        assertThat(ids(FEED + "?" + DECEMBER + "&status=scheduled")).hasSize(5);
    }

    @Test
    void ruleOccurrencesShowAsRuleExpanderGivesThem() {
        givenTheNightlyRuleAndThreeItems();

        get(FEED + "?start=2026-12-03T00:00:00Z&end=2026-12-04T00:00:00Z")
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].scheduled_at_utc").isEqualTo("2026-12-03T07:30:00Z")
                .jsonPath("$.events[0].source_ref").isEqualTo("rule-nightly")
                .jsonPath("$.events[0].status").isEqualTo("scheduled");
    }

    @Test
    void aMissedRunShowsMissedWithTheOpsMissedDecisions() {
        givenTheNightlyRuleAndThreeItems();
        OccurrenceMissed missed = EventSamples.occurrenceMissed();
        apply(missed, 2);

        get(FEED + "?start=2026-12-02T00:00:00Z&end=2026-12-03T00:00:00Z&source=cron")
                .jsonPath("$.events[0].event_id").isEqualTo(missed.occurrenceId().value())
                .jsonPath("$.events[0].status").isEqualTo("missed")
                .jsonPath("$.events[0].actions[*].name")
                .isEqualTo(List.of("run_now", "skip_next", "pause", "disable", "request_change", "approve_backfill_run", "reschedule",
                        "delete_missed"))
                .jsonPath("$.events[0].actions[5].path").isEqualTo("/api/v1/schedules/rules/rule-nightly/occurrences/"
                        + missed.occurrenceId().value() + "/missed")
                .jsonPath("$.events[0].actions[5].body.action").isEqualTo("approve_backfill_run");
    }

    /** OPS-HEARTBEAT and OPS-LANES (ADR 0073). */
    @Test
    void aHeartbeatsBeatsShowAsHeartbeatInTheAlwaysRunningLaneAsDoAFrequentRulesButNotADailyRules() {
        RuleCreated heartbeat = RecurringRules.heartbeat("rule-billing-sync", EventSamples.BALLROOM.value(), ZoneOffset.UTC,
                Instant.parse("2026-11-30T00:00:00Z"), 300);
        RuleCreated frequent = RecurringRules.rule("rule-poll", EventSamples.BALLROOM.value(), "*/15 * * * *", ZoneOffset.UTC,
                Instant.parse("2026-11-30T00:00:00Z"), 0);
        readModels.given(EventSamples.calendarCreated(), EventSamples.ruleCreated(), heartbeat, frequent);
        String range = FEED + "?start=2026-12-01T07:00:00Z&end=2026-12-01T08:00:00Z";
        String beat = OccurrenceId.of(heartbeat.ruleId(), Instant.parse("2026-12-01T07:05:00Z")).value();

        assertThat(ids(range + "&source=heartbeat")).hasSize(12).contains(beat);
        assertThat(ids(range + "&source=cron")).hasSize(5).contains(OCC_DEC_1).doesNotContain(beat);
        get(range + "&source=heartbeat")
                .jsonPath("$.events[1].event_id").isEqualTo(beat)
                .jsonPath("$.events[1].source").isEqualTo("heartbeat")
                .jsonPath("$.events[1].source_ref").isEqualTo("rule-billing-sync")
                .jsonPath("$.events[1].lane").isEqualTo("always_running")
                .jsonPath("$.events[1].color_key").isEqualTo("heartbeat.normal")
                .jsonPath("$.events[1].duration_hint_seconds").isEqualTo(300)
                .jsonPath("$.events[1].actions[*].name").isEqualTo(List.of("skip_next", "pause", "disable", "request_change"));
        get(range + "&source=cron")
                .jsonPath("$.events[?(@.source_ref == 'rule-poll')].lane").isEqualTo(List.of("always_running", "always_running",
                        "always_running", "always_running"))
                .jsonPath("$.events[?(@.source_ref == 'rule-nightly')].lane").isEqualTo(List.of("calendar"));
    }

    @Test
    void aMissedBeatShowsMissedAndOffersNoBackfillRun() {
        RuleCreated heartbeat = RecurringRules.heartbeat("rule-billing-sync", EventSamples.BALLROOM.value(), ZoneOffset.UTC,
                Instant.parse("2026-11-30T00:00:00Z"), 300);
        readModels.given(EventSamples.calendarCreated(), heartbeat);
        Instant at = Instant.parse("2026-12-01T07:05:00Z");
        OccurrenceId beat = OccurrenceId.of(heartbeat.ruleId(), at);
        apply(new OccurrenceMissed(beat, heartbeat.ruleId(), 0, EventSamples.BALLROOM, at, at, at.plusSeconds(300), at.plusSeconds(61),
                null, MissedReason.NO_HEARTBEAT), 2);
        // The system's report of the rule itself is taken in without harm: it names no beat.
        apply(new RunSucceeded(RunId.of("run-beat"), EventSamples.BALLROOM, EntryKind.RULE, heartbeat.ruleId().value(), 1,
                at.plusSeconds(400), "billing-sync", null), 0);

        get(FEED + "?start=2026-12-01T07:05:00Z&end=2026-12-01T07:10:00Z&source=heartbeat")
                .jsonPath("$.events.length()").isEqualTo(1)
                .jsonPath("$.events[0].status").isEqualTo("missed")
                .jsonPath("$.events[0].actions[*].name")
                .isEqualTo(List.of("skip_next", "pause", "disable", "request_change", "reschedule", "delete_missed"));
    }

    @Test
    void aPausedRulesOccurrencesShowPausedAndOfferResume() {
        givenTheNightlyRuleAndThreeItems();
        apply(new RulePaused(EventSamples.NIGHTLY, Instant.parse("2026-11-30T00:00:00Z"), null, "maintenance"), 1);

        get(FEED + "?" + DECEMBER + "&source=cron")
                .jsonPath("$.events.length()").isEqualTo(3)
                .jsonPath("$.events[*].status").isEqualTo(List.of("paused", "paused", "paused"))
                .jsonPath("$.events[0].actions[*].name").isEqualTo(List.of("run_now", "resume", "disable", "request_change"));
    }

    @Test
    void pagesFollowOneAnotherByCursorWithoutLossOrRepeat() {
        givenTheNightlyRuleAndThreeItems();
        List<String> all = ids(FEED + "?" + DECEMBER);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = FEED + "?" + DECEMBER + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor);
            OpsFeedPage page = client.get().uri(uri).exchange().expectStatus().isOk().expectBody(OpsFeedPage.class).returnResult()
                    .getResponseBody();
            assertThat(page).isNotNull();
            assertThat(page.events()).hasSizeLessThanOrEqualTo(2);
            page.events().forEach(event -> paged.add(event.eventId()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(paged).isEqualTo(all);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void withoutStartAndEndTheListViewIsTheRolling30DaysAndCutsOffAtItsEdges() {
        // Pinned: "today" is the service's, even if midnight passes during the test.
        clock.pin(Instant.parse("2026-11-25T23:59:59.999Z"));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant first = today.minusDays(7).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = today.plusDays(23).atStartOfDay(ZoneOffset.UTC).toInstant();
        readModels.given(ReadModelFixture.calendar("cal-a", ZoneOffset.UTC),
                ReadModelFixture.item("too-old", "cal-a", "job", first.minusSeconds(60), Duration.ofMinutes(30)),
                ReadModelFixture.item("oldest", "cal-a", "job", first, Duration.ofMinutes(30)),
                ReadModelFixture.item("latest", "cal-a", "job", end.minusSeconds(60), Duration.ofMinutes(30)),
                ReadModelFixture.item("too-late", "cal-a", "job", end, Duration.ofMinutes(30)));

        get(FEED + "?view=list")
                .jsonPath("$.start").isEqualTo(first.toString())
                .jsonPath("$.end").isEqualTo(end.toString())
                .jsonPath("$.view").isEqualTo("list")
                .jsonPath("$.events[*].event_id").isEqualTo(List.of("oldest", "latest"));
        // start alone spans the view's length from it
        assertThat(ids(FEED + "?view=day&start=" + first.minusSeconds(60))).containsExactly("too-old", "oldest");
        assertThat(ids(FEED + "?view=list&end=" + end)).containsExactly("oldest", "latest");
    }

    @Test
    void anUnchangedFeedIsNotSentAgainAndAChangedOneIs() {
        givenTheNightlyRuleAndThreeItems();
        String uri = FEED + "?" + DECEMBER;
        String etag = client.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        assertThat(etag).isNotBlank();

        client.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified().expectBody().isEmpty();

        readModels.given(ReadModelFixture.item("item-d", "cal-a", "job", Instant.parse("2026-12-02T09:00:00Z"), Duration.ofHours(1)));
        client.get().uri(uri).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isOk();
    }

    private List<String> ids(String uri) {
        OpsFeedPage page = client.get().uri(uri).exchange().expectStatus().isOk().expectBody(OpsFeedPage.class).returnResult().getResponseBody();
        assertThat(page).isNotNull();
        return page.events().stream().map(OpsEvent::eventId).toList();
    }

    private WebTestClient.BodyContentSpec get(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody();
    }

    private void apply(AlmanacEvent event, long version) {
        projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
    }
}

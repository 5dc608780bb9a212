package dev.almanac.query.opsfeed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.almanac.events.EntryKind;
import dev.almanac.events.EventSamples;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarRole;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleDisabled;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.schedule.Priority;
import dev.almanac.query.access.CallerRoles;
import dev.almanac.query.action.Action;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.PlacedCopy;
import dev.almanac.query.entry.RelationSummary;
import dev.almanac.query.rule.Rule;
import dev.almanac.query.run.MissedRun;
import dev.almanac.query.run.RunOverlay;
import dev.almanac.query.support.Received;

/** The mapping of one entry to OPS-EVENT's event: status, category, colour, actions and the local time, without Spring. */
class OpsEventTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T07:30:00Z");
    private static final String RULE_PATH = "/api/v1/schedules/rules/rule-nightly/";
    private static final String MISSED_PATH = RULE_PATH + "occurrences/occ-1/missed";
    private static final CallerRoles ADMIN = CallerRoles.admin();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"SCHEDULED, SCHEDULED", "RUNNING, RUNNING", "SUCCEEDED, SUCCESS", "FAILED, FAILED", "MISSED, MISSED",
            "PAUSED, PAUSED", "DISABLED, DISABLED", "DISPATCHED, DISPATCHED", "BUFFERED, BUFFERED", "SKIPPED, SKIPPED",
            "TIMED_OUT, TIMED_OUT", "RETRY_SCHEDULED, RETRY_SCHEDULED", "RETRIES_EXHAUSTED, RETRIES_EXHAUSTED"})
    void theStatusIsTheRunOverlayInOpsStatusNames(RunOverlay overlay, OpsStatus status) {
        assertThat(OpsEvent.of(occurrence(START), active(), null, overlay, null, UTC, NOW, ADMIN).status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "item priority {0} -> {1}")
    @CsvSource({"CRITICAL, CRITICAL", "HIGH, CRITICAL", "NORMAL, NORMAL", "LOW, LOW", ", NORMAL"})
    void anItemsCategoryComesFromItsPriority(@Nullable Priority priority, OpsCategory category) {
        OpsEvent event = OpsEvent.of(item(priority), null, null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN);

        assertThat(event.category()).isEqualTo(category);
        assertThat(event.colorKey()).isEqualTo("item." + category.name().toLowerCase());
    }

    @ParameterizedTest(name = "job priority {0} -> {1}")
    @CsvSource({"10, CRITICAL", "8, CRITICAL", "7, NORMAL", "4, NORMAL", "3, LOW", "1, LOW", ", NORMAL"})
    void aRuleOccurrencesCategoryComesFromItsJobTemplatesPriority(@Nullable Integer priority, OpsCategory category) {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated created = new RuleCreated(sample.ruleId(), sample.name(), sample.cron(), sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(),
                new JobTemplate("maintenance_job", Map.of(), priority, 600), sample.options(), sample.metadata());

        OpsEvent event = OpsEvent.of(occurrence(START), Rule.created(created, Received.metadata(created, 0, Received.TIME)), null,
                RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN);

        assertThat(event.category()).isEqualTo(category);
        assertThat(event.colorKey()).isEqualTo("cron." + category.name().toLowerCase());
    }

    @Test
    void aRuleOccurrenceCarriesItsRulesOwnerDescriptionAndReference() {
        OpsEvent event = OpsEvent.of(occurrence(START), active(), null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN);

        assertThat(event.source()).isEqualTo(OpsSource.CRON);
        assertThat(event.sourceRef()).isEqualTo("rule-nightly");
        assertThat(event.ownerId()).isEqualTo("platform-team");
        assertThat(event.description()).isEqualTo("Nightly system cleanup");
        assertThat(event.title()).isEqualTo("Nightly cleanup");
        assertThat(event.durationHintSeconds()).isEqualTo(900);
        assertThat(event.calendarId()).isEqualTo("cal-ballroom");
    }

    @Test
    void anRruleRulesOccurrenceHasTheSourceRrule() {
        RuleCreated sample = EventSamples.ruleCreated();
        RuleCreated created = new RuleCreated(RuleId.of("rule-last-friday"), sample.name(), "", sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T10:00:00"),
                List.of(), List.of()));

        OpsEvent event = OpsEvent.of(occurrence(START), Rule.created(created, Received.metadata(created, 0, Received.TIME)), null,
                RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN);

        assertThat(event.source()).isEqualTo(OpsSource.RRULE);
        assertThat(event.colorKey()).isEqualTo("rrule.normal");
    }

    @Test
    void anActiveRulesOccurrenceOffersRunNowSkipNextPauseDisableAndAChangeRequest() {
        assertThat(actions(active(), null)).containsExactly(
                Action.post("run_now", RULE_PATH + "run-now"), Action.post("skip_next", RULE_PATH + "skip-next"),
                Action.post("pause", RULE_PATH + "pause"), Action.post("disable", RULE_PATH + "disable"),
                Action.post("request_change", RULE_PATH + "change-requests"));
    }

    @Test
    void aPausedRulesOccurrenceOffersResumeInsteadOfPauseAndNoSkipSinceItHasNoNextRun() {
        assertThat(names(actions(paused(null), null))).containsExactly("run_now", "resume", "disable", "request_change");
    }

    @Test
    void aPauseThatHasLapsedOffersPauseAgain() {
        assertThat(names(actions(paused(NOW.minus(Duration.ofHours(1))), null)))
                .containsExactly("run_now", "skip_next", "pause", "disable", "request_change");
    }

    @Test
    void aPauseWithAnEndOffersSkippingTheFirstRunAfterIt() {
        assertThat(names(actions(paused(NOW.plus(Duration.ofDays(1))), null)))
                .containsExactly("run_now", "skip_next", "resume", "disable", "request_change");
    }

    @Test
    void aDisabledRulesOccurrenceOffersOnlyEnable() {
        Rule disabled = Rule.disabled(active(), new RuleDisabled(EventSamples.NIGHTLY, Instant.parse("2026-11-25T00:00:00Z"), null),
                Received.metadata(EventSamples.ruleCreated(), 1, Received.TIME));

        assertThat(actions(disabled, null)).containsExactly(Action.post("enable", RULE_PATH + "enable"));
    }

    @Test
    void aDeletedRulesOccurrenceOffersNothing() {
        Rule deleted = Rule.deleted(active(), new RuleDeleted(EventSamples.NIGHTLY, Instant.parse("2026-11-25T00:00:00Z")),
                Received.metadata(EventSamples.ruleCreated(), 1, Received.TIME));

        assertThat(actions(deleted, missed(null))).isEmpty();
    }

    @Test
    void anUndecidedMissedRunOffersTheThreeOpsMissedDecisionsWithTheirBodies() {
        assertThat(actions(active(), missed(null))).containsSubsequence(
                Action.post("approve_backfill_run", MISSED_PATH, Map.of("action", "approve_backfill_run")),
                Action.post("reschedule", MISSED_PATH, Map.of("action", "reschedule")),
                Action.post("delete_missed", MISSED_PATH, Map.of("action", "delete_missed")));
    }

    @Test
    void aMissedRunOfAPausedRuleCanOnlyBeDeleted() {
        assertThat(names(actions(paused(null), missed(null))))
                .containsExactly("run_now", "resume", "disable", "request_change", "delete_missed");
    }

    @Test
    void aMissedRunDecidedAlreadyOffersNoDecisionAgain() {
        assertThat(names(actions(active(), missed("approve_backfill_run"))))
                .containsExactly("run_now", "skip_next", "pause", "disable", "request_change");
    }

    @Test
    void anItemOffersRescheduleConfirmAndCancelAndAFollowerNoReschedule() {
        assertThat(OpsEvent.of(item(Priority.NORMAL), null, null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN).actions()).containsExactly(
                Action.post("reschedule", "/api/v1/schedules/item-1/reschedule"),
                Action.post("confirm", "/api/v1/schedules/item-1/confirm"),
                Action.post("cancel", "/api/v1/schedules/item-1/cancel"));
        EntryCopy follower = copy("item-1", EntryKind.ITEM, START, Priority.NORMAL, null,
                new RelationSummary(List.of(), "item-primary", List.of(), 0));
        assertThat(names(OpsEvent.of(new PlacedCopy("cal-a", follower), null, null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN).actions()))
                .containsExactly("confirm", "cancel");
    }

    /** An item's actions send If-Match with the version the feed read (UI-ACTIONS). */
    @Test
    void anEventCarriesItsEntrysVersion() {
        PlacedCopy placed = item(Priority.NORMAL);

        assertThat(OpsEvent.of(placed, null, null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN).version()).isEqualTo(placed.copy().version());
    }

    @Test
    void anIdThatNeedsEncodingIsEncodedInThePath() {
        EntryCopy copy = copy("item 1/a", EntryKind.ITEM, START, Priority.NORMAL, null, RelationSummary.NONE);

        assertThat(OpsEvent.of(new PlacedCopy("cal-a", copy), null, null, RunOverlay.SCHEDULED, null, UTC, NOW, ADMIN).actions().get(0).path())
                .isEqualTo("/api/v1/schedules/item%201%2Fa/reschedule");
    }

    @Test
    void aViewerIsOfferedNoChangeToAnItem() {
        CallerRoles viewer = granted("cal-a", "alice", CalendarRole.VIEWER);

        assertThat(OpsEvent.of(item(Priority.NORMAL), null, null, RunOverlay.SCHEDULED, null, UTC, NOW, viewer).actions()).isEmpty();
    }

    @Test
    void aSchedulerIsOfferedAnItemsActionsUntilTwoHoursBeforeItsStartAndThenOnlyItsConfirmation() {
        CallerRoles scheduler = granted("cal-a", "alice", CalendarRole.SCHEDULER);
        PlacedCopy item = item(Priority.NORMAL);

        assertThat(names(OpsEvent.of(item, null, null, RunOverlay.SCHEDULED, null, UTC, START.minus(Duration.ofHours(3)), scheduler)
                .actions())).containsExactly("reschedule", "confirm", "cancel");
        // SCH-005: from 2 hours before the start on, moving or cancelling the item needs the manager role.
        assertThat(names(OpsEvent.of(item, null, null, RunOverlay.SCHEDULED, null, UTC, START.minus(Duration.ofHours(2)), scheduler)
                .actions())).containsExactly("confirm");
    }

    @Test
    void aManagerIsOfferedAnItemsActionsCloseToItsStartToo() {
        CallerRoles manager = granted("cal-a", "alice", CalendarRole.MANAGER);

        assertThat(names(OpsEvent.of(item(Priority.NORMAL), null, null, RunOverlay.SCHEDULED, null, UTC, START.minus(Duration.ofMinutes(5)),
                manager).actions())).containsExactly("reschedule", "confirm", "cancel");
    }

    @Test
    void anItemsChangesAreOfferedToItsOwnerAndTheCalendarsManagersButNotToAnotherScheduler() {
        EntryCopy plain = item(Priority.NORMAL).copy();
        PlacedCopy carls = new PlacedCopy("cal-a", new EntryCopy(plain.id(), plain.kind(), plain.title(), plain.type(), plain.start(),
                plain.end(), plain.timezone(), plain.priority(), plain.tags(), plain.ruleId(), plain.rescheduleCount(), plain.version(),
                plain.resources(), plain.source(), plain.relations(), plain.status(), "carl"));
        Instant early = START.minus(Duration.ofHours(3));
        CallerRoles carl = granted("cal-a", "carl", CalendarRole.SCHEDULER);
        CallerRoles cora = granted("cal-a", "cora", CalendarRole.SCHEDULER);
        CallerRoles manager = granted("cal-a", "mia", CalendarRole.MANAGER);

        assertThat(names(OpsEvent.of(carls, null, null, RunOverlay.SCHEDULED, null, UTC, early, carl).actions()))
                .containsExactly("reschedule", "confirm", "cancel");
        assertThat(OpsEvent.of(carls, null, null, RunOverlay.SCHEDULED, null, UTC, early, cora).actions())
                .as("ADR 0090: command-service refuses her with 403 owner").isEmpty();
        assertThat(names(OpsEvent.of(carls, null, null, RunOverlay.SCHEDULED, null, UTC, early, manager).actions()))
                .containsExactly("reschedule", "confirm", "cancel");
        assertThat(names(OpsEvent.of(carls, null, null, RunOverlay.SCHEDULED, null, UTC, early, CallerRoles.of(UserId.of("cora"), Map.of()))
                .actions())).as("a calendar without grants is every scheduler's").containsExactly("reschedule", "confirm", "cancel");
    }

    @Test
    void onACalendarWithoutGrantsEveryUserIsOfferedAnItemsActionsAsItsScheduler() {
        CallerRoles anyone = CallerRoles.of(UserId.of("alice"), Map.of());

        assertThat(names(OpsEvent.of(item(Priority.NORMAL), null, null, RunOverlay.SCHEDULED, null, UTC, START.minus(Duration.ofHours(3)),
                anyone).actions())).containsExactly("reschedule", "confirm", "cancel");
    }

    @Test
    void aViewerIsOfferedOnlyAChangeRequestOfARuleAndNoMissedRunDecision() {
        CallerRoles viewer = granted("cal-ballroom", "alice", CalendarRole.VIEWER);

        assertThat(names(actions(active(), missed(null), viewer))).containsExactly("request_change");
    }

    @Test
    void aSchedulerChangesOnlyTheRulesTheyCreatedOnAQueueWithGrants() {
        // EventSamples' rule was created by "tester" (Received's actor).
        assertThat(names(actions(active(), missed(null), granted("cal-ballroom", "tester", CalendarRole.SCHEDULER))))
                .containsExactly("run_now", "skip_next", "pause", "disable", "request_change", "approve_backfill_run", "reschedule",
                        "delete_missed");
        assertThat(names(actions(active(), missed(null), granted("cal-ballroom", "alice", CalendarRole.SCHEDULER))))
                .containsExactly("request_change");
    }

    @Test
    void aManagerOfTheQueueChangesAnyonesRule() {
        assertThat(names(actions(active(), missed(null), granted("cal-ballroom", "alice", CalendarRole.MANAGER))))
                .containsExactly("run_now", "skip_next", "pause", "disable", "request_change", "approve_backfill_run", "reschedule",
                        "delete_missed");
    }

    @Test
    void onAQueueWithoutGrantsEveryUserChangesEveryRule() {
        assertThat(names(actions(active(), null, CallerRoles.of(UserId.of("alice"), Map.of()))))
                .containsExactly("run_now", "skip_next", "pause", "disable", "request_change");
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            // Chicago springs forward on 2026-03-08 at 02:00 CST: 07:30Z is 01:30 CST, 08:30Z already 03:30 CDT.
            "2026-03-08T07:30:00Z, America/Chicago, 2026-03-08T01:30-06:00, America/Chicago (UTC-06:00)",
            "2026-03-08T08:30:00Z, America/Chicago, 2026-03-08T03:30-05:00, America/Chicago (UTC-05:00)",
            // and falls back on 2026-11-01: the two 01:30s are told apart by their offsets.
            "2026-11-01T06:30:00Z, America/Chicago, 2026-11-01T01:30-05:00, America/Chicago (UTC-05:00)",
            "2026-11-01T07:30:00Z, America/Chicago, 2026-11-01T01:30-06:00, America/Chicago (UTC-06:00)",
            // Kathmandu keeps +05:45 all year.
            "2026-03-08T07:30:00Z, Asia/Kathmandu, 2026-03-08T13:15+05:45, Asia/Kathmandu (UTC+05:45)",
            "2026-11-01T18:15:00Z, Asia/Kathmandu, 2026-11-02T00:00+05:45, Asia/Kathmandu (UTC+05:45)",
            "2026-11-01T18:15:00Z, UTC, 2026-11-01T18:15Z, UTC (UTC+00:00)"})
    void theLocalTimeIsTheUtcInstantOnTheRequestedWallClockWithItsOffset(Instant start, ZoneId zone, String local, String display) {
        OpsEvent event = OpsEvent.of(occurrence(start), active(), null, RunOverlay.SCHEDULED, null, zone, NOW, ADMIN);

        assertThat(event.scheduledAtUtc()).isEqualTo(start);
        assertThat(event.scheduledAtLocal().toString()).isEqualTo(local);
        assertThat(event.scheduledAtLocal().toInstant()).isEqualTo(start);
        assertThat(event.timezoneDisplay()).isEqualTo(display);
    }

    @Test
    void aLocalMeanTimeOffsetShowsItsSeconds() {
        assertThat(OpsEvent.timezoneDisplay(ZoneId.of("Africa/Monrovia"), ZoneOffset.ofHoursMinutesSeconds(0, -44, -30)))
                .isEqualTo("Africa/Monrovia (UTC-00:44:30)");
    }

    private static List<Action> actions(Rule rule, @Nullable MissedRun missed) {
        return actions(rule, missed, ADMIN);
    }

    private static List<Action> actions(Rule rule, @Nullable MissedRun missed, CallerRoles roles) {
        return OpsEvent.of(occurrence(START), rule, null, missed == null ? RunOverlay.SCHEDULED : RunOverlay.MISSED, missed, UTC, NOW, roles)
                .actions();
    }

    /** {@code user}'s roles, granted {@code role} on {@code calendarId}, which thereby has grants. */
    private static CallerRoles granted(String calendarId, String user, CalendarRole role) {
        return CallerRoles.of(UserId.of(user), Map.of(calendarId, new CalendarAccess(null, Map.of(UserId.of(user), role))));
    }

    private static List<String> names(List<Action> actions) {
        return actions.stream().map(Action::name).toList();
    }

    private static Rule active() {
        RuleCreated created = EventSamples.ruleCreated();
        return Rule.created(created, Received.metadata(created, 0, Received.TIME));
    }

    private static Rule paused(@Nullable Instant resumeAfter) {
        return Rule.paused(active(), new RulePaused(EventSamples.NIGHTLY, Instant.parse("2026-11-25T00:00:00Z"), resumeAfter, null),
                Received.metadata(EventSamples.ruleCreated(), 1, Received.TIME));
    }

    private static MissedRun missed(@Nullable String decision) {
        return new MissedRun("occ-1", "rule-nightly", "cal-ballroom", START, START.plus(Duration.ofMinutes(20)), null, decision,
                decision == null ? null : NOW, decision == null ? null : "tester", null, null, 2);
    }

    private static PlacedCopy occurrence(Instant start) {
        return new PlacedCopy("cal-ballroom", copy("occ-1", EntryKind.OCCURRENCE, start, null, "rule-nightly", RelationSummary.NONE));
    }

    private static PlacedCopy item(@Nullable Priority priority) {
        return new PlacedCopy("cal-a", copy("item-1", EntryKind.ITEM, START, priority, null, RelationSummary.NONE));
    }

    private static EntryCopy copy(String id, EntryKind kind, Instant start, @Nullable Priority priority, @Nullable String ruleId,
                                  RelationSummary relations) {
        return new EntryCopy(id, kind, kind == EntryKind.ITEM ? "Item " + id : "Nightly cleanup", "job", start,
                start.plus(Duration.ofMinutes(15)), "UTC", priority, List.of(), ruleId, 0, 1, relations);
    }
}

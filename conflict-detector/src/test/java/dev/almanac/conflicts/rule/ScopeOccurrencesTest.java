package dev.almanac.conflicts.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.testing.Rules;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleEvent;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/** A rule's occurrences on a scope, as arrays, against the timeline they come from, in zones off the hour and across DST. */
class ScopeOccurrencesTest {

    private static final CalendarId QUEUE = CalendarId.of("cal-queue");
    private static final CalendarId OTHER = CalendarId.of("cal-other");
    private static final ResourceId HALL = ResourceId.of("res-hall");
    private static final Instant ACTIVE_FROM = Instant.parse("2027-02-20T00:00:00Z");
    private static final Instant FROM = Instant.parse("2027-03-01T00:00:00Z");
    private static final Instant TILL = Instant.parse("2027-04-15T00:00:00Z");
    private static final List<String> ZONES = List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/Berlin",
            "Australia/Lord_Howe");

    @Test
    void theArraysHoldWhatTheTimelineGivesOnTheScopeIdForIdInStartOrder() {
        for (String zone : ZONES) {
            RuleTimeline timeline = timeline(RuleId.of("rule-" + zone.replace('/', '-')), "30 1,9 * * *", zone, Duration.ofMinutes(90));
            RuleScope calendar = RuleScope.of(QUEUE);

            ScopeOccurrences held = ScopeOccurrences.expand(timeline, calendar, FROM.toEpochMilli(), TILL.toEpochMilli());

            List<Entry> expected = timeline.startingIn(FROM, TILL).stream().map(ScopeOccurrencesTest::entry).toList();
            List<Entry> found = new ArrayList<>();
            for (int index = 0; index < held.size(); index++) {
                found.add(held.entry(index));
            }
            assertThat(found).as(zone).isEqualTo(expected).hasSizeGreaterThan(80);
            assertThat(held.longestMillis()).isEqualTo(Duration.ofMinutes(90).toMillis());
            assertThat(held.maxConcurrency()).as("the 01:30 and 09:30 runs never overlap").isEqualTo(1);
            assertThat(ScopeOccurrences.expand(timeline, RuleScope.of(OTHER), FROM.toEpochMilli(), TILL.toEpochMilli()).size())
                    .as("none land on another calendar").isZero();
        }
    }

    @Test
    void arraysExtendedAndCutEqualThoseExpandedOverTheSameRange() {
        RuleTimeline timeline = timeline(RuleId.of("rule-berlin"), "0 * * * *", "Europe/Berlin", Duration.ofMinutes(75));
        RuleScope calendar = RuleScope.of(QUEUE);
        long from = FROM.toEpochMilli();
        long middle = Instant.parse("2027-03-28T00:30:00Z").toEpochMilli();
        long till = TILL.toEpochMilli();

        ScopeOccurrences extended = ScopeOccurrences.expand(timeline, calendar, from, middle).extendedTo(timeline, till);
        ScopeOccurrences whole = ScopeOccurrences.expand(timeline, calendar, from, till);

        List<TimeRange> differences = new ArrayList<>();
        ScopeOccurrences.differences(extended, whole, differences);
        assertThat(differences).isEmpty();
        assertThat(extended.size()).isEqualTo(whole.size());
        assertThat(whole.maxConcurrency()).as("hourly runs of 75 minutes overlap two at a time").isEqualTo(2);
        ScopeOccurrences cut = whole.between(middle, till);
        ScopeOccurrences.differences(cut, ScopeOccurrences.expand(timeline, calendar, middle, till), differences);
        assertThat(differences).isEmpty();
    }

    @Test
    void aPauseChangesExactlyTheOccurrencesItWithdraws() {
        RuleId ruleId = RuleId.of("rule-kathmandu");
        RuleTimeline before = timeline(ruleId, "15 9 * * *", "Asia/Kathmandu", Duration.ofMinutes(30));
        Instant pausedAt = Instant.parse("2027-03-20T00:00:00Z");
        Instant resumeAfter = Instant.parse("2027-03-25T00:00:00Z");
        RuleTimeline after = before.apply(new RulePaused(ruleId, pausedAt, resumeAfter, "closed"), metadata(new RulePaused(ruleId, pausedAt,
                resumeAfter, "closed"), 1));
        RuleScope calendar = RuleScope.of(QUEUE);

        List<TimeRange> changed = new ArrayList<>();
        ScopeOccurrences.differences(ScopeOccurrences.expand(before, calendar, FROM.toEpochMilli(), TILL.toEpochMilli()),
                ScopeOccurrences.expand(after, calendar, FROM.toEpochMilli(), TILL.toEpochMilli()), changed);

        assertThat(changed).isEqualTo(before.startingIn(pausedAt, resumeAfter).stream()
                .map(occurrence -> new TimeRange(occurrence.start(), occurrence.end())).toList()).hasSize(5);
    }

    @Test
    void aResourceHoldsTheOccurrencesOfTheRuleThatBookItWithTheirRoleAndCalendar() {
        RuleId ruleId = RuleId.of("rule-kolkata");
        RuleCreated created = Rules.created(ruleId, "Setup", "0 15 * * *", ZoneId.of("Asia/Kolkata"), QUEUE, Duration.ofHours(1),
                ACTIVE_FROM, List.of(new ResourceBooking(HALL, ResourceRole.SECONDARY)));
        RuleTimeline timeline = RuleTimeline.start(created, metadata(created, 0)).orElseThrow();

        ScopeOccurrences held = ScopeOccurrences.expand(timeline, RuleScope.of(HALL), FROM.toEpochMilli(), TILL.toEpochMilli());

        assertThat(held.size()).isEqualTo(45);
        assertThat(held.booking(0).role()).isEqualTo(ResourceRole.SECONDARY);
        assertThat(held.booking(0).calendarId()).isEqualTo(QUEUE);
        assertThat(held.booking(0).entry().time().start()).isEqualTo(Instant.parse("2027-03-01T09:30:00Z"));
    }

    @Test
    void theOccurrencesMeetingAClosedRangeAreThoseThatOverlapOrTouchIt() {
        RuleTimeline timeline = timeline(RuleId.of("rule-utc"), "0 9 * * *", "UTC", Duration.ofHours(1));
        ScopeOccurrences held = ScopeOccurrences.expand(timeline, RuleScope.of(QUEUE), FROM.toEpochMilli(), TILL.toEpochMilli());
        List<Long> met = new ArrayList<>();

        held.forEachMeeting(Instant.parse("2027-03-02T10:00:00Z").toEpochMilli(), Instant.parse("2027-03-04T09:00:00Z").toEpochMilli(),
                index -> met.add(held.start(index)));

        assertThat(met).as("the run ending at the range's start and the one starting at its end both touch it").containsExactly(
                Instant.parse("2027-03-02T09:00:00Z").toEpochMilli(), Instant.parse("2027-03-03T09:00:00Z").toEpochMilli(),
                Instant.parse("2027-03-04T09:00:00Z").toEpochMilli());
    }

    private static RuleTimeline timeline(RuleId ruleId, String cron, String zone, Duration duration) {
        RuleCreated created = Rules.created(ruleId, "Rule in " + zone, cron, ZoneId.of(zone), QUEUE, duration, ACTIVE_FROM);
        return RuleTimeline.start(created, metadata(created, 0)).orElseThrow();
    }

    private static EventMetadata metadata(RuleEvent event, long version) {
        return new EventMetadata("evt-" + event.subject() + "-" + version, "dev.almanac.rules." + event.getClass().getSimpleName() + ".v1",
                "/almanac/command-service", Instant.parse("2027-02-19T00:00:00Z"), event.subject(), version, "planner@example.com",
                "corr", null);
    }

    private static Entry entry(TimelineOccurrence occurrence) {
        return Entry.occurrence(occurrence.id().value(), occurrence.occurrence().ruleId().value(), occurrence.definition().title(),
                new TimeRange(occurrence.start(), occurrence.end()));
    }
}

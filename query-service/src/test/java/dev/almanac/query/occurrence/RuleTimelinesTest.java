package dev.almanac.query.occurrence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Tenant;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.ResourceId;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleDeleted;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.rule.RulePaused;
import dev.almanac.events.rule.RuleUpdated;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.events.schedule.ResourceRole;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.rule.Rules;
import dev.almanac.query.support.Received;
import dev.almanac.query.support.RecurringRules;
import dev.almanac.recurrence.timeline.RuleTimeline;
import dev.almanac.recurrence.timeline.TimelineOccurrence;

/**
 * Every rule's occurrences as reads see them, from the rules read model alone: the snapshot's lists and pre-counted days
 * agree with the rules' timelines, and a snapshot brought up to date by the rules that changed counts what one made afresh
 * counts.
 */
class RuleTimelinesTest {

    private static final Instant ACTIVE_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MongoDatabase database;
    private Projections projections;
    private RuleTimelines timelines;
    private final Map<String, Long> versions = new HashMap<>();

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("rule_timelines");
        projections = new Projections(database, TIMEOUT);
        timelines = new RuleTimelines(new RuleIndexes(database), new Rules(database));
    }

    /** The occurrences listed for a calendar are the timeline's, id for id, with their definition's title, type and version. */
    @Test
    void listsWhatTheTimelinesGive() {
        RuleCreated kolkata = RecurringRules.rule("rule-kolkata", "cal-a", "*/30 9-17 * * 1-5", ZoneId.of("Asia/Kolkata"), ACTIVE_FROM, 0);
        RuleCreated kathmandu = RecurringRules.rule("rule-kathmandu", "cal-a", "15 * * * *", ZoneId.of("Asia/Kathmandu"), ACTIVE_FROM, 120);
        RuleUpdated retimed = RuleOccurrencesTest.updated(kolkata, "0 10 * * *", "cal-a", Instant.parse("2026-03-04T06:00:00Z"));
        given(kolkata, kathmandu, retimed);
        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant till = Instant.parse("2026-03-08T00:00:00Z");

        List<String> expected = new ArrayList<>();
        for (RuleTimeline timeline : List.of(RuleOccurrencesTest.timeline(kolkata, retimed), RuleOccurrencesTest.timeline(kathmandu))) {
            for (TimelineOccurrence occurrence : timeline.startingIn(from, till)) {
                expected.add(occurrence.id() + "@" + occurrence.start() + "-" + occurrence.end() + " v" + occurrence.definition().version());
            }
        }
        List<String> listed = snapshot().copiesStartingIn(from, till, "cal-a").stream()
                .map(Map.Entry::getValue)
                .map(copy -> copy.id() + "@" + copy.start() + "-" + copy.end() + " v" + copy.version())
                .toList();

        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected).hasSizeGreaterThan(100);
        assertThat(snapshot().copiesStartingIn(from, till, "cal-b")).isEmpty();
    }

    /** Each pre-counted day holds, per calendar, what the lists hold starting that day. */
    @Test
    void theCountedDaysHoldWhatTheListsHold() {
        given(RecurringRules.rule("rule-a", "cal-a", "*/10 * * * *", ZoneId.of("America/New_York"), ACTIVE_FROM, 300),
                RecurringRules.rule("rule-b", "cal-b", "0 9 * * *", ZoneId.of("Australia/Lord_Howe"), ACTIVE_FROM, 0));
        RuleTimelines.Snapshot snapshot = snapshot();
        for (LocalDate day = LocalDate.parse("2026-03-06"); day.isBefore(LocalDate.parse("2026-03-11")); day = day.plusDays(1)) {
            OccurrenceDay counted = snapshot.day(day);
            Map<String, Integer> listed = new HashMap<>();
            snapshot.copiesStartingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1)), null)
                    .forEach(copy -> listed.merge(copy.getKey(), 1, Integer::sum));
            assertThat(counted.count(0, UtcSlots.PER_DAY)).as("%s", day).isEqualTo(listed.values().stream().mapToInt(Integer::intValue).sum());
            for (int calendar = 0; calendar < counted.calendars().length; calendar++) {
                assertThat(counted.calendarCount(calendar, 0, UtcSlots.PER_DAY)).as("%s on %s", counted.calendars()[calendar], day)
                        .isEqualTo(listed.get(counted.calendars()[calendar]));
            }
        }
    }

    /**
     * Days counted under one snapshot and brought up to date by the rules that changed (an update, a pause, a move, a new
     * rule, a deletion) count exactly what days counted afresh count.
     */
    @Test
    void daysBroughtUpToDateByTheRulesThatChangedCountWhatAFreshCountCounts() {
        RuleCreated a = RecurringRules.rule("rule-a", "cal-a", "0 * * * *", ZoneId.of("Europe/Berlin"), ACTIVE_FROM, 0);
        RuleCreated b = RecurringRules.rule("rule-b", "cal-b", "*/15 8-18 * * *", ZoneId.of("Asia/Kolkata"), ACTIVE_FROM, 60);
        RuleCreated c = RecurringRules.rule("rule-c", "cal-a", "30 6 * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        RuleCreated d = RecurringRules.rule("rule-d", "cal-c", "0 12 * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        given(a, b, c, d);
        RuleTimelines.Snapshot before = snapshot();
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2026-03-25"); day.isBefore(LocalDate.parse("2026-04-08")); day = day.plusDays(1)) {
            days.add(day);
            assertThat(before.day(day).isEmpty()).isFalse();
        }
        Instant moved = Instant.parse("2026-03-31T06:30:00Z");
        given(RuleOccurrencesTest.updated(a, "0 */3 * * *", "cal-b", Instant.parse("2026-03-28T12:00:00Z")),
                new RulePaused(b.ruleId(), Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-03T00:00:00Z"), "audit"),
                new RuleOccurrenceMoved(c.ruleId(), OccurrenceId.of(c.ruleId(), moved), moved, Instant.parse("2026-04-02T21:00:00Z"),
                        Instant.parse("2026-03-20T00:00:00Z"), "later"),
                RecurringRules.rule("rule-e", "cal-c", "*/20 * * * *", ZoneId.of("Asia/Kathmandu"), ACTIVE_FROM, 0),
                new RuleDeleted(d.ruleId(), Instant.parse("2026-03-30T00:00:00Z")));

        RuleTimelines.Snapshot updated = snapshot();
        List<String> carried = describe(updated, days);
        timelines.forget();
        List<String> fresh = describe(snapshot(), days);

        assertThat(carried).containsExactlyElementsOf(fresh);
        assertThat(describe(before, days)).as("the changes changed the counts").isNotEqualTo(fresh);
    }

    /**
     * In multi-tenant mode a tenant's counted day holds its own calendars' occurrences only, as the lists hold them, and a
     * day brought up to date by the rules that changed counts what one counted afresh counts (ADR 0102).
     */
    @Test
    void aTenantsCountedDayHoldsItsOwnCalendarsOnly() {
        List<AlmanacEvent> rules = new ArrayList<>();
        RuleCreated hourly = RecurringRules.rule("acme:rule-hourly", "acme:cal-a", "0 * * * *", ZoneId.of("Europe/Berlin"), ACTIVE_FROM, 0);
        RuleCreated nightly = RecurringRules.rule("beta:rule-nightly", "beta:cal-a", "15 2 * * *", ZoneId.of("Australia/Adelaide"),
                ACTIVE_FROM, 0);
        rules.add(hourly);
        rules.add(nightly);
        for (int rule = 0; rule < 6; rule++) {
            rules.add(RecurringRules.rule("acme:rule-" + rule, "acme:cal-" + (rule % 2 == 0 ? "a" : "b"), (rule * 7) + " 9 * * *",
                    ZoneId.of("Asia/Kathmandu"), ACTIVE_FROM, 900));
        }
        rules.add(RecurringRules.rule("beta:rule-standup", "beta:cal-b", "30 9 * * 1-5", ZoneId.of("America/St_Johns"), ACTIVE_FROM, 0));
        given(rules.toArray(AlmanacEvent[]::new));
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2026-03-25"); day.isBefore(LocalDate.parse("2026-04-08")); day = day.plusDays(1)) {
            days.add(day);
        }
        RuleTimelines.Snapshot snapshot = snapshot();
        for (Tenant tenant : List.of(Tenant.of("acme"), Tenant.of("beta"))) {
            for (LocalDate day : days) {
                OccurrenceDay counted = snapshot.day(tenant, day);
                Map<String, Integer> listed = new HashMap<>();
                snapshot.copiesStartingIn(UtcSlots.startOf(day), UtcSlots.startOf(day.plusDays(1)), null).stream()
                        .filter(copy -> tenant.owns(copy.getKey()))
                        .forEach(copy -> listed.merge(copy.getKey(), 1, Integer::sum));
                assertThat(counted.calendars()).as("%s on %s", tenant, day).allMatch(tenant::owns).hasSize(listed.size());
                assertThat(counted.count(0, UtcSlots.PER_DAY)).as("%s on %s", tenant, day)
                        .isEqualTo(listed.values().stream().mapToInt(Integer::intValue).sum()).isPositive();
            }
        }

        given(RuleOccurrencesTest.updated(hourly, "0 */2 * * *", "acme:cal-a", Instant.parse("2026-03-28T12:00:00Z")),
                new RuleDeleted(nightly.ruleId(), Instant.parse("2026-03-30T00:00:00Z")));
        List<String> carried = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        RuleTimelines.Snapshot updated = snapshot();
        List.of(Tenant.of("acme"), Tenant.of("beta")).forEach(tenant -> carried.addAll(describe(updated, days, tenant)));
        timelines.forget();
        RuleTimelines.Snapshot counted = snapshot();
        List.of(Tenant.of("acme"), Tenant.of("beta")).forEach(tenant -> fresh.addAll(describe(counted, days, tenant)));

        assertThat(carried).containsExactlyElementsOf(fresh);
        assertThat(describe(snapshot, days, Tenant.of("beta"))).as("the changes changed beta's counts")
                .isNotEqualTo(describe(counted, days, Tenant.of("beta")));
    }

    /** A page of a calendar's occurrences from a cursor is the same slice of the whole list, however long the window. */
    @Test
    void aPageIsTheSliceOfTheWholeListAfterItsCursor() {
        RuleCreated created = RecurringRules.rule("rule-a", "cal-a", "*/7 * * * *", ZoneId.of("America/New_York"), ACTIVE_FROM, 240);
        given(created);
        Instant from = Instant.parse("2026-03-07T23:58:00Z");
        Instant till = Instant.parse("2026-06-01T00:00:00Z");
        RuleTimelines.Snapshot snapshot = snapshot();
        List<EntryCopy> whole = snapshot.copiesOverlapping(from, till, "cal-a");

        List<EntryCopy> paged = new ArrayList<>();
        Instant afterStart = null;
        String afterId = null;
        for (int page = 0; page < 12; page++) {
            List<EntryCopy> next = snapshot.copiesOverlapping(from, till, "cal-a", afterStart, afterId, 1000);
            paged.addAll(next);
            afterStart = next.get(next.size() - 1).start();
            afterId = next.get(next.size() - 1).id();
        }

        assertThat(paged).containsExactlyElementsOf(whole.subList(0, paged.size()));
        assertThat(whole.get(0).start()).as("one that starts before the window and runs into it").isBefore(from);
    }

    /** A rule books what its definition names where each occurrence runs; an update that stops booking it frees the resource. */
    @Test
    void occurrencesBookTheResourcesTheirDefinitionNames() {
        RuleCreated sample = RecurringRules.rule("rule-a", "cal-a", "0 9 * * *", ZoneId.of("UTC"), ACTIVE_FROM, 0);
        List<ResourceBooking> room = List.of(new ResourceBooking(ResourceId.of("res-room"), ResourceRole.PRIMARY));
        RuleCreated booking = new RuleCreated(sample.ruleId(), sample.name(), sample.cron(), sample.timezone(), sample.calendarId(),
                sample.durationSeconds(), sample.activeFrom(), sample.dstPolicy(), sample.jobTemplate(), sample.options(),
                sample.metadata(), null, null, room);
        RuleUpdated unbooked = new RuleUpdated(sample.ruleId(), Instant.parse("2026-03-05T00:00:00Z"), sample.name(), sample.cron(), null,
                null, sample.timezone(), CalendarId.of("cal-a"), sample.durationSeconds(), sample.dstPolicy(), sample.jobTemplate(),
                sample.options(), sample.metadata(), List.of());
        given(booking, unbooked);

        Map<String, List<TimeRange>> booked = snapshot().bookingsOverlapping(List.of("res-room", "res-other"),
                new TimeRange(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-10T00:00:00Z")));

        assertThat(booked.get("res-room")).extracting(TimeRange::start).containsExactly(Instant.parse("2026-03-01T09:00:00Z"),
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-03T09:00:00Z"), Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(booked.get("res-other")).isEmpty();
    }

    private static List<String> describe(RuleTimelines.Snapshot snapshot, List<LocalDate> days) {
        return describe(snapshot, days, null);
    }

    private static List<String> describe(RuleTimelines.Snapshot snapshot, List<LocalDate> days, @Nullable Tenant tenant) {
        List<String> described = new ArrayList<>();
        for (LocalDate day : days) {
            OccurrenceDay counted = snapshot.day(tenant, day);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (counted.count(slot, slot + 1) == 0) {
                    continue;
                }
                StringBuilder line = new StringBuilder(day + " " + slot + ": " + counted.count(slot, slot + 1) + " "
                        + counted.seconds(slot, slot + 1) + "s");
                for (int calendar = 0; calendar < counted.calendars().length; calendar++) {
                    int count = counted.calendarCount(calendar, slot, slot + 1);
                    if (count != 0) {
                        line.append(' ').append(counted.calendars()[calendar]).append('=').append(count);
                    }
                }
                for (int type = 0; type < counted.types().length; type++) {
                    int count = counted.typeCount(type, slot, slot + 1);
                    if (count != 0) {
                        line.append(' ').append(counted.types()[type]).append('=').append(count);
                    }
                }
                described.add(line.toString());
            }
        }
        return described;
    }

    private RuleTimelines.Snapshot snapshot() {
        return timelines.snapshot().block(TIMEOUT);
    }

    private void given(AlmanacEvent... events) {
        for (AlmanacEvent event : events) {
            long version = versions.merge(event.subject(), 1L, Long::sum) - 1;
            projections.apply(Received.of(event, version)).block(TIMEOUT);
        }
    }
}

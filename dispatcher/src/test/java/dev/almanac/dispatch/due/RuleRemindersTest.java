package dev.almanac.dispatch.due;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.almanac.dispatch.testing.RecordingSink;
import dev.almanac.dispatch.testing.RuleStory;
import dev.almanac.events.ReminderId;
import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.dispatch.OccurrenceDue;
import dev.almanac.events.dispatch.ReminderDue;
import dev.almanac.events.rule.JobTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reminders of rules (seed 004, ADR 0079): before each occurrence, at its start instant less the reminder's minutes,
 * exact across DST changes, moved with the rule and withdrawn with an occurrence or the reminder.
 */
class RuleRemindersTest {

    private static final CalendarId OPS = CalendarId.of("cal-ops");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JobTemplate UNTIMED = new JobTemplate("http", Map.of("url", "http://127.0.0.1:1/hook"), null, null);

    private final RecordingSink sink = new RecordingSink();

    private static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
        return ZonedDateTime.of(date, time, zone).toInstant();
    }

    /**
     * A daily 09:00 rule over a week with a DST change in it (none in Kolkata and Kathmandu, whose offsets are odd): the
     * reminder comes 30 minutes before each occurrence's instant, never a millisecond earlier, and once.
     */
    @ParameterizedTest
    @CsvSource({"America/New_York, 2027-03-11", "Europe/London, 2027-03-25", "Asia/Kolkata, 2027-03-25", "Asia/Kathmandu, 2027-03-25",
            "Australia/Lord_Howe, 2027-04-01", "Australia/Lord_Howe, 2026-10-01"})
    void aDailyNineOClockRulesReminderComesThirtyMinutesBeforeEachOccurrenceAcrossItsZonesDstChange(String zoneId, LocalDate from) {
        ZoneId zone = ZoneId.of(zoneId);
        Instant began = at(from, LocalTime.of(7, 0), zone);
        PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, began, began);
        // A job without a timeout: the partition follows no run, so its next wake is the next reminder or start.
        RuleStory rule = RuleStory.of("0 9 * * *", zone, OPS).job(UNTIMED);
        apply(partition, rule.created(began));
        apply(partition, rule.reminderSet(began, "rem-sam", "sam@example.com", 30, zone));

        for (int day = 0; day < 7; day++) {
            Instant start = at(from.plusDays(day), LocalTime.of(9, 0), zone);
            Instant due = start.minus(Duration.ofMinutes(30));
            assertThat(partition.nextWake()).as("day %d in %s", day, zone).contains(due);
            partition.due(due.minusMillis(1), due.minusMillis(1), sink);
            assertThat(sink.publishedOf(ReminderDue.class)).as("day %d: not before its instant", day).hasSize(day);
            partition.due(due, due, sink);
            partition.due(due.plusMillis(200), due.plusMillis(200), sink);
            List<ReminderDue> sent = sink.publishedOf(ReminderDue.class);
            assertThat(sent).as("day %d: once", day).hasSize(day + 1);
            ReminderDue last = sent.get(day);
            assertThat(last.start()).isEqualTo(start);
            assertThat(last.dueAt()).isEqualTo(due);
            assertThat(last.firedAt()).isEqualTo(due);
            assertThat(last.start().atZone(last.timezone()).toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            assertThat(last.ruleId()).isEqualTo(rule.ruleId());
            assertThat(last.occurrenceId()).isEqualTo(rule.occurrenceAt(start));
            assertThat(last.userId()).isEqualTo(UserId.of("sam@example.com"));
            // The occurrence itself is dispatched at its start, as without a reminder.
            partition.due(start, start, sink);
            assertThat(sink.publishedOf(OccurrenceDue.class)).last().extracting(OccurrenceDue::occurrenceStart).isEqualTo(start);
        }
    }

    /** 02:30 on the night New York springs forward does not exist: the reminder follows the instant the rule's DST policy gives. */
    @Test
    void aLocalTimeInTheSpringGapIsRemindedBeforeTheInstantTheRulesPolicyGivesIt() {
        LocalDate springForward = LocalDate.of(2027, 3, 14);
        Instant began = at(springForward.minusDays(1), LocalTime.of(12, 0), NEW_YORK);
        PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, began, began);
        RuleStory rule = RuleStory.of("30 2 * * *", NEW_YORK, OPS);
        apply(partition, rule.created(began));
        apply(partition, rule.reminderSet(began, "rem-sam", "sam@example.com", 30, NEW_YORK));

        Instant due = partition.nextWake().orElseThrow();
        partition.due(due, due, sink);
        ReminderDue reminder = sink.publishedOf(ReminderDue.class).get(0);
        assertThat(reminder.start().atZone(NEW_YORK).toLocalDate()).isEqualTo(springForward);
        assertThat(reminder.dueAt()).isEqualTo(reminder.start().minus(Duration.ofMinutes(30)));
        partition.due(reminder.start(), reminder.start(), sink);
        assertThat(sink.publishedOf(OccurrenceDue.class)).singleElement().extracting(OccurrenceDue::occurrenceStart)
                .as("the occurrence dispatched is the one reminded of").isEqualTo(reminder.start());
    }

    @Test
    void aRuleChangeMovesItsRemindersACancelledOccurrenceSendsNoneAndARemovedReminderNoMore() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        Instant began = at(day, LocalTime.of(6, 0), NEW_YORK);
        PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, began, began);
        RuleStory rule = RuleStory.of("0 9 * * *", NEW_YORK, OPS);
        apply(partition, rule.created(began));
        apply(partition, rule.reminderSet(began, "rem-sam", "sam@example.com", 30, NEW_YORK));
        apply(partition, rule.reminderSet(began, "rem-ana", "ana@example.com", 10, NEW_YORK));
        apply(partition, rule.updated(began.plusSeconds(60), "0 10 * * *", OPS));
        assertThat(partition.nextWake()).contains(at(day, LocalTime.of(9, 30), NEW_YORK));

        Instant tomorrowAtTen = at(day.plusDays(1), LocalTime.of(10, 0), NEW_YORK);
        apply(partition, rule.cancelled(began.plusSeconds(120), tomorrowAtTen));
        apply(partition, rule.reminderRemoved(began.plusSeconds(180), "rem-ana", "ana@example.com"));
        for (Instant tick = began; tick.isBefore(at(day.plusDays(3), LocalTime.of(0, 0), NEW_YORK)); tick = tick.plus(Duration.ofMinutes(5))) {
            partition.due(tick, tick, sink);
        }

        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::reminderId).containsOnly(ReminderId.of("rem-sam"));
        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::start)
                .containsExactly(at(day, LocalTime.of(10, 0), NEW_YORK), at(day.plusDays(2), LocalTime.of(10, 0), NEW_YORK));
    }

    @Test
    void aRestoredPartitionFoldsItsRulesRemindersAgainAndSendsNoneTwice() {
        LocalDate day = LocalDate.of(2026, 12, 7);
        Instant began = at(day, LocalTime.of(6, 0), NEW_YORK);
        PartitionDispatch partition = new PartitionDispatch(DispatchSettings.DEFAULT, began, began);
        RuleStory rule = RuleStory.of("0 9 * * *", NEW_YORK, OPS);
        RuleStory.Step created = rule.created(began);
        RuleStory.Step reminded = rule.reminderSet(began, "rem-sam", "sam@example.com", 30, NEW_YORK);
        apply(partition, created);
        apply(partition, reminded);
        Instant due = at(day, LocalTime.of(8, 30), NEW_YORK);
        partition.due(due, due, sink);

        PartitionDispatch restored = new PartitionDispatch(DispatchSettings.DEFAULT, sink.watermark, began);
        restored.restoreRule(OPS, created.event(), created.envelope());
        restored.restoreRule(OPS, reminded.event(), reminded.envelope());
        sink.done.forEach(restored::restoreDone);
        restored.restored();
        assertThat(restored.nextWake()).contains(at(day, LocalTime.of(9, 0), NEW_YORK));
        Instant next = at(day.plusDays(1), LocalTime.of(8, 30), NEW_YORK);
        restored.due(next, next, sink);
        assertThat(sink.publishedOf(ReminderDue.class)).extracting(ReminderDue::dueAt).containsExactly(due, next);
    }

    private void apply(PartitionDispatch partition, RuleStory.Step step) {
        partition.onRuleEvent(OPS, step.event(), step.envelope(), step.envelope().time(), sink);
    }
}

package dev.almanac.commands.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.JobTemplate;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RetryPolicy;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.RuleMetadata;
import dev.almanac.events.rule.RuleOptions;

/** A new rule's next occurrences and warnings before it is created (UI-RULE-PREVIEW), on DST days and in a +5:45 zone. */
class RulePreviewTest {

    private static final RuleId RULE = RuleId.of("rule-preview");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    /** Thursday 25 March 2027, 13:00 in Berlin; its clocks skip from 02:00 to 03:00 on Sunday the 28th. */
    private static final Instant BEFORE_SPRING_FORWARD = Instant.parse("2027-03-25T12:00:00Z");

    @Test
    void aNightlyBerlinCronShowsTheSpringForwardNightShiftedByTheGapAndWarnsOfBothTransitions() {
        RulePreview preview = RulePreview.of(RULE, definition(cron("30 2 * * *"), BERLIN, DstPolicy.DEFAULT, BEFORE_SPRING_FORWARD),
                BEFORE_SPRING_FORWARD, 5);

        assertThat(preview.occurrences()).extracting(OccurrencePreview::start).containsExactly(
                Instant.parse("2027-03-26T01:30:00Z"),
                Instant.parse("2027-03-27T01:30:00Z"),
                // 02:30 does not exist on the 28th; shift_forward runs it an hour later on the wall clock, 03:30 CEST.
                Instant.parse("2027-03-28T01:30:00Z"),
                Instant.parse("2027-03-29T00:30:00Z"),
                Instant.parse("2027-03-30T00:30:00Z"));
        assertThat(preview.occurrences()).extracting(OccurrencePreview::dstResolution).containsExactly(
                DstResolution.EXACT, DstResolution.EXACT, DstResolution.GAP_SHIFTED, DstResolution.EXACT, DstResolution.EXACT);
        assertThat(preview.occurrences()).allSatisfy(occurrence -> {
            assertThat(occurrence.end()).isEqualTo(occurrence.start().plusSeconds(300));
            assertThat(occurrence.occurrenceId()).isEqualTo(OccurrenceId.of(RULE, occurrence.start()));
        });
        assertThat(preview.timezone()).isEqualTo(BERLIN);
        assertThat(preview.description()).contains("02:30");
        assertThat(preview.warnings()).extracting(RuleChangeWarning::code).containsExactly("dst_gap", "dst_overlap");
        assertThat(preview.warnings().get(0).message()).contains("02:30 on Sunday 28 March 2027", "shift_forward runs it at 03:30");
        assertThat(preview.warnings().get(1).message()).contains("02:30 on Sunday 31 October 2027", "happens twice");
    }

    @Test
    void aSkipGapPolicyLeavesTheSpringForwardNightOut() {
        RulePreview preview = RulePreview.of(RULE, definition(cron("30 2 * * *"), BERLIN,
                new DstPolicy(GapPolicy.SKIP, OverlapPolicy.EARLIER), BEFORE_SPRING_FORWARD), BEFORE_SPRING_FORWARD, 3);

        assertThat(preview.occurrences()).extracting(OccurrencePreview::start).containsExactly(
                Instant.parse("2027-03-26T01:30:00Z"), Instant.parse("2027-03-27T01:30:00Z"), Instant.parse("2027-03-29T00:30:00Z"));
        assertThat(preview.warnings().get(0).message()).contains("the gap policy skip leaves that run out");
    }

    @Test
    void aKathmanduMorningRuleRunsAtQuarterPastThreeUtcAndShowsAsManyAsAsked() {
        Instant now = Instant.parse("2026-11-29T17:00:00Z");

        RulePreview preview = RulePreview.of(RULE, definition(cron("0 9 * * *"), KATHMANDU, DstPolicy.DEFAULT, now), now, 12);

        assertThat(preview.occurrences()).hasSize(12)
                .allSatisfy(occurrence -> assertThat(occurrence.start().atZone(KATHMANDU).toLocalTime()).hasToString("09:00"))
                .allSatisfy(occurrence -> assertThat(occurrence.start().toString()).endsWith("T03:15:00Z"));
        assertThat(preview.occurrences().get(0).start()).isEqualTo(Instant.parse("2026-11-30T03:15:00Z"));
        assertThat(preview.warnings()).isEmpty();
    }

    @Test
    void anRruleWhoseFirstStartIsAheadStartsThereAndOneThatHasEndedWarnsItWouldBeExpired() {
        Instant now = Instant.parse("2026-11-29T17:00:00Z");
        RuleSchedule monthly = new RuleSchedule("", null, new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR",
                LocalDateTime.parse("2027-02-01T10:00:00"), List.of(), List.of()));

        RulePreview ahead = RulePreview.of(RULE, definition(monthly, KATHMANDU, DstPolicy.DEFAULT, now), now, 3);

        assertThat(ahead.occurrences()).extracting(OccurrencePreview::start).containsExactly(
                Instant.parse("2027-02-26T04:15:00Z"), Instant.parse("2027-03-26T04:15:00Z"), Instant.parse("2027-04-30T04:15:00Z"));

        RuleSchedule spent = new RuleSchedule("", null, new RecurrenceRule("FREQ=DAILY;COUNT=3",
                LocalDateTime.parse("2020-01-01T10:00:00"), List.of(), List.of()));
        RulePreview expired = RulePreview.of(RULE, definition(spent, BERLIN, DstPolicy.DEFAULT, now), now, 10);

        assertThat(expired.occurrences()).isEmpty();
        assertThat(expired.warnings()).extracting(RuleChangeWarning::code).contains("expired");
    }

    @Test
    void aScheduleFiringMoreThan24TimesADayIsFlagged() {
        Instant now = Instant.parse("2026-11-29T17:00:00Z");

        RulePreview preview = RulePreview.of(RULE, definition(cron("*/30 * * * *"), KATHMANDU, DstPolicy.DEFAULT, now), now, 10);

        assertThat(preview.occurrences()).hasSize(10);
        assertThat(preview.warnings()).extracting(RuleChangeWarning::code).containsExactly("frequent");
    }

    private static RuleSchedule cron(String cron) {
        return new RuleSchedule(cron, null, null);
    }

    private static RuleDefinition definition(RuleSchedule schedule, ZoneId zone, DstPolicy dstPolicy, Instant requestedAt) {
        return new RuleDefinition("Preview", schedule, zone, CalendarId.of("cal-ops"), 300, dstPolicy,
                new JobTemplate("report", Map.of(), null, null), new RuleOptions(null, 0, RetryPolicy.NONE, false, null, null),
                RuleMetadata.NONE, List.of(), requestedAt);
    }
}

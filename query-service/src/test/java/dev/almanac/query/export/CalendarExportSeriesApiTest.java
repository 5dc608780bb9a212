package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrenceId;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.rule.RuleOccurrenceCancelled;
import dev.almanac.events.rule.RuleOccurrenceMoved;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.export.IndependentExpansion.Shown;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/**
 * export.ics as series (ADR 0082): expanded by an independent parser (biweekly), the document gives exactly the
 * occurrences Almanac lists (export.ics?rules=instances, one VEVENT per entry), across DST edges in New York (a skipped
 * and a repeated hour, with every DST policy), Lord Howe (a half-hour DST), and the fixed 30- and 45-minute offsets of
 * Kolkata and Kathmandu; with cancelled and moved occurrences, an RRULE rule, a cron no RRULE says and a rule with jitter.
 */
@QueryApiTest
@TestPropertySource(properties = "almanac.query.export-max-events=20000")
class CalendarExportSeriesApiTest extends ReadModelApiTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final Instant ACTIVE_FROM = Instant.parse("2026-09-01T00:00:00Z");
    /** Over New York's fall-back (1 Nov) and spring-forward (14 Mar), and Lord Howe's return to standard time (4 Apr). */
    private static final Instant FROM = Instant.parse("2026-10-20T00:00:00Z");
    private static final Instant TILL = Instant.parse("2027-04-10T00:00:00Z");
    private static final String EXPORT = "/api/v1/calendars/cal-a/export.ics?from=" + FROM + "&till=" + TILL;

    private final RuleCreated gapShifted = RecurringRules.rule("rule-ny-0230", "cal-a", "30 2 * * *", NEW_YORK, ACTIVE_FROM, 0);
    private final RuleCreated gapSkippedTwice = withPolicy(RecurringRules.rule("rule-ny-skip-twice", "cal-a", "30 1,2 * * *", NEW_YORK,
            ACTIVE_FROM, 0), new DstPolicy(GapPolicy.SKIP, OverlapPolicy.TWICE));
    private final RuleCreated overlapLater = withPolicy(RecurringRules.rule("rule-ny-later", "cal-a", "15 1 * * *", NEW_YORK,
            ACTIVE_FROM, 0), new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.LATER));
    private final RuleCreated lordHoweHourly = RecurringRules.rule("rule-lh-hourly", "cal-a", "0 * * * *", LORD_HOWE, ACTIVE_FROM, 0);
    private final RuleCreated lordHoweNight = RecurringRules.rule("rule-lh-0145", "cal-a", "45 1 * * *", LORD_HOWE, ACTIVE_FROM, 0);
    private final RuleCreated kolkataWeekdays = RecurringRules.rule("rule-in-weekdays", "cal-a", "0 9 * * 1-5", KOLKATA, ACTIVE_FROM, 0);
    private final RuleCreated kathmanduMonthly = rrule(RecurringRules.rule("rule-np-monthly", "cal-a", "", KATHMANDU, ACTIVE_FROM, 0),
            new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-09-25T17:45:00"), List.of(), List.of()));
    private final RuleCreated eitherDayField = RecurringRules.rule("rule-ny-either", "cal-a", "0 8 1-7 * 1", NEW_YORK, ACTIVE_FROM, 0);
    private final RuleCreated jittered = RecurringRules.rule("rule-ny-jitter", "cal-a", "0 12 * * *", NEW_YORK, ACTIVE_FROM, 300);

    @Test
    void expandedByAnIndependentParserTheSeriesGiveExactlyTheOccurrencesAlmanacLists() {
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK), gapShifted, gapSkippedTwice, overlapLater, lordHoweHourly,
                lordHoweNight, kolkataWeekdays, kathmanduMonthly, eitherDayField, jittered,
                ReadModelFixture.item("item-review", "cal-a", "meeting", Instant.parse("2026-11-01T05:30:00Z"), Duration.ofHours(1)),
                titled(ReadModelFixture.item("item-formula", "cal-a", "meeting", Instant.parse("2027-03-14T06:00:00Z"), Duration.ofMinutes(30)),
                        "=HYPERLINK(\"x\")"));
        Instant cancelled = Instant.parse("2026-12-01T03:30:00Z");
        Instant movedFrom = Instant.parse("2026-12-02T03:30:00Z");
        readModels.given(
                new RuleOccurrenceCancelled(kolkataWeekdays.ruleId(), OccurrenceId.of(kolkataWeekdays.ruleId(), cancelled), cancelled,
                        ACTIVE_FROM, "holiday"),
                new RuleOccurrenceMoved(kolkataWeekdays.ruleId(), OccurrenceId.of(kolkataWeekdays.ruleId(), movedFrom), movedFrom,
                        Instant.parse("2026-12-02T06:00:00Z"), ACTIVE_FROM, "moved to the afternoon"));
        Instant lordHoweCancelled = Instant.parse("2027-01-10T13:00:00Z");
        readModels.given(new RuleOccurrenceCancelled(lordHoweHourly.ruleId(), OccurrenceId.of(lordHoweHourly.ruleId(), lordHoweCancelled),
                lordHoweCancelled, ACTIVE_FROM, null));

        String series = export(EXPORT);
        String instances = export(EXPORT + "&rules=instances");
        List<Shown> listed = IndependentExpansion.expand(instances, TILL);
        List<Shown> expanded = IndependentExpansion.expand(series, TILL);

        assertThat(listed).hasSizeGreaterThan(4_000);
        assertThat(without(expanded, listed)).as("expanded from the series, but not listed").isEmpty();
        assertThat(without(listed, expanded)).as("listed, but not expanded from the series").isEmpty();
        assertThat(expanded).containsExactlyElementsOf(listed);
        assertThat(IndependentExpansion.observanceMismatches(series)).as("each VTIMEZONE onset as the tz data has it").isEmpty();
        assertThat(lines(series, "RRULE:")).as("a series for each rule but the cron no RRULE says, the one with jitter, and the one "
                + "that skips a time in the spring-forward gap").hasSize(6);
        assertThat(series).contains("UID:rule-in-weekdays@rules.almanac", "RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0",
                "RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270409T235959Z", "EXDATE;TZID=Asia/Kolkata:20261201T090000",
                "RECURRENCE-ID;TZID=Asia/Kolkata:20261202T090000", "DTSTART;TZID=Asia/Kathmandu:", "TZOFFSETTO:+0545",
                "TZOFFSETTO:+0530", "TZOFFSETFROM:+1030", "TZOFFSETTO:+1100", "BEGIN:VTIMEZONE", "TZID:Australia/Lord_Howe");
        assertThat(lines(series, "BEGIN:VEVENT").size()).as("far fewer events than occurrences").isLessThan(listed.size() / 5);
    }

    @Test
    void aSeriesStartsAndEndsWithTheWindowAndTheItemsStaySingle() {
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK), kolkataWeekdays,
                ReadModelFixture.item("item-review", "cal-a", "meeting", Instant.parse("2026-11-03T15:00:00Z"), Duration.ofHours(1)));
        String window = "/api/v1/calendars/cal-a/export.ics?from=2026-11-02T00:00:00Z&till=2026-11-09T00:00:00Z";

        String series = export(window);

        assertThat(lines(series, "RRULE:")).containsExactly("RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;BYSECOND=0;"
                + "UNTIL=20261108T235959Z");
        assertThat(series).contains("DTSTART;TZID=Asia/Kolkata:20261102T090000", "DURATION:PT5M", "UID:item-review@almanac");
        assertThat(IndependentExpansion.expand(series, Instant.parse("2026-11-09T00:00:00Z")))
                .containsExactlyElementsOf(IndependentExpansion.expand(export(window + "&rules=instances"), Instant.parse("2026-11-09T00:00:00Z")));
    }

    @Test
    void anUnknownRulesFormIsAProblemNamingIt() {
        readModels.given(ReadModelFixture.calendar("cal-a", NEW_YORK));

        client.get().uri(EXPORT + "&rules=expanded").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("rules")
                .jsonPath("$.errors[0].rule").isEqualTo("one_of");
    }

    /** What {@code these} hold beyond {@code those}, each element as often as it is left over. */
    private static List<Shown> without(List<Shown> these, List<Shown> those) {
        List<Shown> left = new java.util.ArrayList<>(these);
        those.forEach(left::remove);
        return left;
    }

    private static List<String> lines(String document, String prefix) {
        return Arrays.stream(document.replace("\r\n ", "").split("\r\n")).filter(line -> line.startsWith(prefix)).toList();
    }

    private String export(String uri) {
        return Objects.requireNonNull(client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build()
                .get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
    }

    private static RuleCreated withPolicy(RuleCreated rule, DstPolicy policy) {
        return new RuleCreated(rule.ruleId(), rule.name(), rule.cron(), rule.timezone(), rule.calendarId(), rule.durationSeconds(),
                rule.activeFrom(), policy, rule.jobTemplate(), rule.options(), rule.metadata(), rule.cronDialect(), rule.rrule(),
                rule.resources());
    }

    private static RuleCreated rrule(RuleCreated rule, RecurrenceRule recurrence) {
        return new RuleCreated(rule.ruleId(), rule.name(), "", rule.timezone(), CalendarId.of("cal-a"), Duration.ofMinutes(45).toSeconds(),
                rule.activeFrom(), rule.dstPolicy(), rule.jobTemplate(), rule.options(), rule.metadata(), null, recurrence,
                rule.resources());
    }

    /** The item under another title. */
    static ItemScheduled titled(ItemScheduled item, String title) {
        return new ItemScheduled(item.itemId(), item.calendarId(), title, item.type(), item.start(), item.end(), item.timezone(),
                item.priority(), item.tags());
    }
}

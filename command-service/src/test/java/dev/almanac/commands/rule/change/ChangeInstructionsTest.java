package dev.almanac.commands.rule.change;

import static dev.almanac.commands.rule.change.RuleSnapshots.NEW_YORK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleChange;

/** The instruction grammar, case by case: what each instruction means, and why each refused one is refused. */
class ChangeInstructionsTest {

    /** A Tuesday, 10:00 in New York. */
    private static final Instant TUESDAY = Instant.parse("2027-01-05T15:00:00Z");
    private static final RuleSnapshot NIGHTLY = RuleSnapshots.cron("30 2 * * *");

    static Stream<Arguments> readings() {
        return Stream.of(
                arguments("every weekday at 9:30", NIGHTLY, TUESDAY, RuleChange.cron("30 9 * * 1-5", null, null)),
                arguments("Every Monday at 8am", NIGHTLY, TUESDAY, RuleChange.cron("0 8 * * 1", null, null)),
                arguments("every monday and thursday at 8:15 pm", NIGHTLY, TUESDAY, RuleChange.cron("15 20 * * 1,4", null, null)),
                arguments("every mon, wed, and fri at noon", NIGHTLY, TUESDAY, RuleChange.cron("0 12 * * 1,3,5", null, null)),
                arguments("every sunday at midnight", NIGHTLY, TUESDAY, RuleChange.cron("0 0 * * 0", null, null)),
                arguments("every weekend at 10:00", NIGHTLY, TUESDAY, RuleChange.cron("0 10 * * 0,6", null, null)),
                arguments("every weekend day at 12am", NIGHTLY, TUESDAY, RuleChange.cron("0 0 * * 0,6", null, null)),
                arguments("every day at 14:05 in Europe/London", NIGHTLY, TUESDAY,
                        RuleChange.cron("5 14 * * *", null, ZoneId.of("Europe/London"))),
                arguments("  every   day at 09:30  ", NIGHTLY, TUESDAY, RuleChange.cron("30 9 * * *", null, null)),
                arguments("every 15 minutes", NIGHTLY, TUESDAY, RuleChange.cron("*/15 * * * *", null, null)),
                arguments("every minute", NIGHTLY, TUESDAY, RuleChange.cron("* * * * *", null, null)),
                arguments("every 1 minute", NIGHTLY, TUESDAY, RuleChange.cron("* * * * *", null, null)),
                arguments("every hour", NIGHTLY, TUESDAY, RuleChange.cron("0 * * * *", null, null)),
                arguments("every 2 hours at minute 15", NIGHTLY, TUESDAY, RuleChange.cron("15 */2 * * *", null, null)),
                arguments("every 30 minutes in Asia/Kathmandu", NIGHTLY, TUESDAY,
                        RuleChange.cron("*/30 * * * *", null, ZoneId.of("Asia/Kathmandu"))),
                // move to: the one time of day changes, the rest of the schedule stays, in its dialect.
                arguments("move to 14:00", NIGHTLY, TUESDAY, RuleChange.cron("0 14 * * *", null, null)),
                arguments("move to 9:30pm", RuleSnapshots.cron("0 0 10 ? * 6L", CronSyntax.QUARTZ), TUESDAY,
                        RuleChange.cron("0 30 21 ? * 6L", CronSyntax.QUARTZ, null)),
                arguments("move to 7:45", RuleSnapshots.cron("0 0 8 1-7 * MON", CronSyntax.SPRING), TUESDAY,
                        RuleChange.cron("0 45 7 1-7 * MON", CronSyntax.SPRING, null)),
                arguments("move to 14:00 in Europe/Paris", RuleSnapshots.cron("0 9 * * 1-5"), TUESDAY,
                        RuleChange.cron("0 14 * * 1-5", null, ZoneId.of("Europe/Paris"))),
                arguments("move to 14:00", RuleSnapshots.rrule("FREQ=MONTHLY;BYDAY=-1FR", "2026-12-01T10:00:00",
                        List.of("2026-12-25T10:00:00"), List.of()), TUESDAY,
                        RuleChange.rrule(new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR", LocalDateTime.parse("2026-12-01T14:00:00"),
                                List.of(LocalDateTime.parse("2026-12-25T14:00:00")), List.of()), null)),
                arguments("move to 7:45", RuleSnapshots.rrule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "2026-12-07T09:00:00",
                        List.of(), List.of()), TUESDAY,
                        RuleChange.rrule(new RecurrenceRule("FREQ=WEEKLY;BYDAY=MO;BYHOUR=7;BYMINUTE=45",
                                LocalDateTime.parse("2026-12-07T07:45:00"), List.of(), List.of()), null)),
                // Pauses resolve in the rule's zone against the clock.
                arguments("pause", NIGHTLY, TUESDAY, RuleChange.pause(null)),
                arguments("pause until Monday", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-01-11T05:00:00Z"))),
                arguments("pause until 2027-02-01", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-02-01T05:00:00Z"))),
                arguments("pause until tomorrow at 9am", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-01-06T14:00:00Z"))),
                arguments("pause for 3 days", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-01-08T15:00:00Z"))),
                arguments("pause for 2 hours", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-01-05T17:00:00Z"))),
                arguments("pause for 1 week", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-01-12T15:00:00Z"))),
                arguments("resume", NIGHTLY, TUESDAY, RuleChange.resume()),
                arguments("RESUME", NIGHTLY, TUESDAY, RuleChange.resume()),
                // DST zones: midnight swallowed by a gap, days that are 23 hours long, a wall time in a gap or an overlap.
                arguments("pause until sunday", RuleSnapshots.cron("0 9 * * *", ZoneId.of("Asia/Beirut")),
                        Instant.parse("2027-03-24T12:00:00Z"), RuleChange.pause(Instant.parse("2027-03-27T22:00:00Z"))),
                arguments("pause until tomorrow", RuleSnapshots.cron("0 9 * * *", ZoneId.of("America/Havana")),
                        Instant.parse("2027-03-13T12:00:00Z"), RuleChange.pause(Instant.parse("2027-03-14T05:00:00Z"))),
                arguments("pause for 2 days", NIGHTLY, Instant.parse("2027-03-13T15:00:00Z"),
                        RuleChange.pause(Instant.parse("2027-03-15T14:00:00Z"))),
                arguments("pause until 2027-03-14 at 2:30", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-03-14T07:30:00Z"))),
                arguments("pause until 2027-11-07 at 1:30", NIGHTLY, TUESDAY, RuleChange.pause(Instant.parse("2027-11-07T05:30:00Z"))),
                arguments("pause until 2027-10-03 at 2:15", RuleSnapshots.cron("0 9 * * *", ZoneId.of("Australia/Lord_Howe")), TUESDAY,
                        RuleChange.pause(Instant.parse("2027-10-02T15:45:00Z"))),
                arguments("every day at 2:30", NIGHTLY, TUESDAY, RuleChange.cron("30 2 * * *", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void readsTheInstructionAsThePatchItMeans(String instruction, RuleSnapshot rule, Instant now, RuleChange expected) {
        assertThat(ChangeInstructions.read(instruction, rule, now).change()).isEqualTo(expected);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments(" ", NIGHTLY, TUESDAY, "instruction_grammar", "ends where"),
                arguments("make it faster", NIGHTLY, TUESDAY, "instruction_grammar", "Almanac read nothing it knows, but not 'faster'"),
                arguments("every weekday at 9:30 and then some", NIGHTLY, TUESDAY, "instruction_grammar",
                        "Almanac read 'every weekday', 'at 9:30', but not 'then some'"),
                arguments("every 15 minutes during business hours", NIGHTLY, TUESDAY, "business_hours", "keeps no business hours"),
                arguments("every monday at 9:00 and every friday at 10:00", NIGHTLY, TUESDAY, "ambiguous", "two schedules"),
                arguments("biweekly on monday at 9", NIGHTLY, TUESDAY, "ambiguous", "every other week"),
                arguments("every 7 minutes between 9 and 17", NIGHTLY, TUESDAY, "uneven_interval", "FREQ=MINUTELY;INTERVAL=7"),
                arguments("every 15 minutes between 9:30 and 17", NIGHTLY, TUESDAY, "window", "on the hour"),
                arguments("twice a day", NIGHTLY, TUESDAY, "instruction_grammar", "needs the times"),
                arguments("an hour later", RuleSnapshots.cron("30 23 * * 1-5"), TUESDAY, "ambiguous", "crosses midnight"),
                arguments("skip friday", NIGHTLY, TUESDAY, "ambiguous", "skips only the next runs"),
                arguments("pause for ever", NIGHTLY, TUESDAY, "range", "whole number"),
                arguments("every day at 25:00", NIGHTLY, TUESDAY, "instruction_grammar", "hours run from 0 to 23"),
                arguments("every day at 13pm", NIGHTLY, TUESDAY, "instruction_grammar", "from 1 to 12"),
                arguments("every day at 9:75", NIGHTLY, TUESDAY, "instruction_grammar", "minutes run"),
                arguments("every 0 minutes", NIGHTLY, TUESDAY, "range", "never fires"),
                arguments("every hour at minute 60", NIGHTLY, TUESDAY, "instruction_grammar", "0 to 59"),
                arguments("every day at 9:30 in Mars/Olympus_Mons", NIGHTLY, TUESDAY, "iana_zone", "Mars/Olympus_Mons"),
                arguments("every day at 9:30 in europe/london", NIGHTLY, TUESDAY, "iana_zone", "as the tz database"),
                arguments("move to 14:00", RuleSnapshots.cron("*/15 * * * *"), TUESDAY, "ambiguous", "more than one time of day"),
                arguments("move to 14:00", RuleSnapshots.cron("0 9,17 * * *"), TUESDAY, "ambiguous", "more than one time of day"),
                arguments("move to 14:00", RuleSnapshots.cron("*/10 0 8 * * *", CronSyntax.QUARTZ), TUESDAY, "ambiguous",
                        "more than one time of day"),
                arguments("move to 14:00", RuleSnapshots.rrule("FREQ=HOURLY;INTERVAL=3", "2026-12-01T10:00:00", List.of(), List.of()),
                        TUESDAY, "ambiguous", "FREQ=HOURLY"),
                arguments("move to 14:00", RuleSnapshots.rrule("FREQ=DAILY;BYHOUR=9,17", "2026-12-01T09:00:00", List.of(), List.of()),
                        TUESDAY, "ambiguous", "BYHOUR=9,17"),
                arguments("move to 14:00", RuleSnapshots.rrule("FREQ=DAILY", "2026-12-01T09:00:00", List.of(),
                        List.of("2026-12-24T16:00:00")), TUESDAY, "ambiguous", "RDATE 2026-12-24T16:00"),
                arguments("pause until next monday", NIGHTLY, TUESDAY, "ambiguous", "a week later"),
                arguments("pause until 01/04/2027", NIGHTLY, TUESDAY, "ambiguous", "YYYY-MM-DD"),
                arguments("pause until tuesday", NIGHTLY, TUESDAY, "ambiguous", "today is Tuesday in America/New_York"),
                arguments("pause until today", NIGHTLY, TUESDAY, "ambiguous", "already begun"),
                arguments("pause until 2027-01-04", NIGHTLY, TUESDAY, "future", "not in the future"),
                arguments("pause until 2027-02-30", NIGHTLY, TUESDAY, "instruction_grammar", "not a date in the calendar"),
                arguments("pause until soon", NIGHTLY, TUESDAY, "instruction_grammar", "not a date"),
                arguments("pause for 3 fortnights", NIGHTLY, TUESDAY, "instruction_grammar", "minutes, hours, days or weeks"),
                arguments("pause whenever", NIGHTLY, TUESDAY, "instruction_grammar", "after 'pause'"),
                arguments("resume at once", NIGHTLY, TUESDAY, "instruction_grammar", "Almanac read 'resume', but not 'at once'"),
                // On the Sunday whose midnight Beirut's DST gap swallowed, "until sunday" is still today or next week.
                arguments("pause until sunday", RuleSnapshots.cron("0 9 * * *", ZoneId.of("Asia/Beirut")),
                        Instant.parse("2027-03-28T09:00:00Z"), "ambiguous", "today is Sunday in Asia/Beirut"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusals")
    void refusesWhatItCannotReadExactlyAndSaysWhyWithExamples(String instruction, RuleSnapshot rule, Instant now, String ruleBroken,
                                                                String why) {
        assertThatThrownBy(() -> ChangeInstructions.read(instruction, rule, now))
                .isInstanceOfSatisfying(CommandRejectedException.class, rejected -> {
                    assertThat(rejected.reason()).isEqualTo(CommandRejectedException.Reason.INVALID);
                    assertThat(rejected.violations()).singleElement().satisfies(violation -> {
                        assertThat(violation.field()).isEqualTo("instruction");
                        assertThat(violation.rule()).isEqualTo(ruleBroken);
                        assertThat(violation.message()).contains(why).contains("every weekday at 9:30", "pause until Monday");
                    });
                });
    }

    @Test
    void aBareHourIsReadOneWayWithADoubtNamedAndTheOtherReadingAsAnInstruction() {
        Reading reading = ChangeInstructions.read("every weekday at 6", NIGHTLY, TUESDAY);

        assertThat(reading.change()).isEqualTo(RuleChange.cron("0 6 * * 1-5", null, null));
        assertThat(reading.confidence()).isLessThan(1.0);
        assertThat(reading.notes()).anySatisfy(note -> {
            assertThat(note.code()).isEqualTo("ambiguous_time");
            assertThat(note.message()).contains("'6' can be 06:00 or 18:00");
        });
        String alternative = reading.notes().stream().filter(note -> note.code().equals(Reading.ALTERNATIVE)).findFirst()
                .orElseThrow().message();
        Reading other = ChangeInstructions.read(alternative, NIGHTLY, TUESDAY);
        assertThat(other.change()).isEqualTo(RuleChange.cron("0 18 * * 1-5", null, null));
        assertThat(other.confidence()).isEqualTo(1.0);
    }

    @Test
    void aTwentyFourHourTimeBesideABareHourSettlesIt() {
        Reading reading = ChangeInstructions.read("twice a day at 6 and 18", NIGHTLY, TUESDAY);

        assertThat(reading.change()).isEqualTo(RuleChange.cron("0 6,18 * * *", null, null));
        assertThat(reading.confidence()).isEqualTo(1.0);
        assertThat(reading.notes()).isEmpty();
    }

    @Test
    void whatCronCannotSayIsWrittenAsAnRrule() {
        assertThat(ChangeInstructions.read("every first monday of the month at 8am", NIGHTLY, TUESDAY).change())
                .isEqualTo(RuleChange.rrule(new RecurrenceRule("FREQ=MONTHLY;BYDAY=1MO;BYHOUR=8;BYMINUTE=0;BYSECOND=0",
                        LocalDateTime.parse("2027-01-05T00:00"), List.of(), List.of()), null));
        assertThat(ChangeInstructions.read("on the last day of the month at 23:00", NIGHTLY, TUESDAY).change().rrule().rrule())
                .isEqualTo("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=23;BYMINUTE=0;BYSECOND=0");
    }

    @Test
    void skippingTheNextRunIsAPauseThatEndsJustAfterIt() {
        Reading reading = ChangeInstructions.read("skip the next run", NIGHTLY, TUESDAY);

        // The next run is Wednesday 02:30 in New York, 07:30 UTC.
        assertThat(reading.change()).isEqualTo(RuleChange.pause(Instant.parse("2027-01-06T07:30:00.001Z")));
        assertThat(reading.notes()).singleElement().satisfies(note -> assertThat(note.code()).isEqualTo("skip_as_pause"));
        assertThat(reading.confidence()).isEqualTo(1.0);
    }

    @Test
    void relativeDatesResolveInTheRulesZoneNotUtc() {
        // 03:00 UTC on Tuesday is still Monday evening in New York: "until tuesday" is tomorrow there, not today.
        RuleChange change = ChangeInstructions.read("pause until tuesday", NIGHTLY, Instant.parse("2027-01-05T03:00:00Z")).change();

        assertThat(change.resumeAfter()).isEqualTo(Instant.parse("2027-01-05T05:00:00Z"));
        assertThat(change.resumeAfter().atZone(NEW_YORK).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2027-01-05T00:00:00"));
    }
}

package dev.almanac.tui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import dev.almanac.tui.api.OpsEvent;

/** Each view rendered to a virtual screen (its lines as plain text) and compared with what a person would read. */
class ViewRenderingTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 18);

    @Test
    void monthShowsEachDaysCountTypesAndConflictsAt80x24() {
        assertThat(screen(Models.month(WEDNESDAY), 80, 24)).isEqualTo("""
                Operations · November 2026 · America/New_York (UTC-05:00)                   live
                Mon        Tue        Wed        Thu        Fri        Sat        Sun
                                                                                   1


                 2          3       2  4          5          6       2  7          8
                            meeting 1                        meeting 1
                            report 1                         report 1
                 9       2  10      8  11         12      2  13         14         15      2
                 meeting 1  !2 confl…             meeting 1                        meeting 1
                 report 1   maintena…             report 1                         report 1
                 16         17      5 [*18]    2  19         20         21      2  22
                            report 5   meeting 1                        meeting 1
                                       report 1                         report 1
                 23         24      2  25         26         27      2  28         29
                            meeting 1                        meeting 1
                            report 1                         report 1
                 30      2
                 meeting 1
                 report 1
                33 entries this month · density: low medium high critical


                hjkl move  t today  m/w/d  Enter info  r reschedule  p pause  ? help  q quit
                """);
    }

    @Test
    void monthCellsTakeTheHeatmapColoursOfTheConfiguration() {
        List<AttributedString> frame = Screen.render(Models.month(WEDNESDAY), 80, 24);
        AttributedString week = frame.get(8);
        int tenth = week.toString().indexOf("10");
        // critical is #dc2626 in the configuration; high (#fb923c) the 17th; a day without entries has no colour.
        assertThat(week.styleAt(tenth).toAnsi()).isNotNull();
        assertThat(ansi(week.subSequence(tenth, tenth + 2))).contains("48;2;220;38;38");
        AttributedString third = frame.get(11);
        int seventeenth = third.toString().indexOf("17");
        assertThat(ansi(third.subSequence(seventeenth, seventeenth + 2))).contains("48;2;251;146;60");
        int nineteenth = third.toString().indexOf("19");
        assertThat(ansi(third.subSequence(nineteenth, nineteenth + 2))).doesNotContain("48;");
    }

    @Test
    void withoutColourNoCellIsColoured() {
        Model month = Models.month(WEDNESDAY);
        Model plain = new Model(month.mode(), month.cursor(), month.today(), month.zone(), month.calendarName(), month.weekStart(),
                month.hour12(), month.month(), month.entries(), month.selectedId(), "", null, "", "", false, month.colors(), false);
        Screen.render(plain, 80, 24).forEach(line -> assertThat(ansi(line)).doesNotContain("48;2"));
    }

    @Test
    void aLargerTerminalShowsMoreOfEachDay() {
        String text = screen(Models.month(WEDNESDAY), 132, 40);
        assertThat(text).contains("!2 conflicts").contains("maintenance 5").contains("report 3");
        assertThat(text.lines()).hasSize(40).allSatisfy(line -> assertThat(Text.width(line)).isLessThanOrEqualTo(132));
    }

    @Test
    void theFilterCountsOnlyTheMatchingJobTypes() {
        String text = screen(Models.filtered(Models.month(WEDNESDAY), "maintenance"), 80, 24);
        assertThat(text).contains(" 10      5").contains("5 entries this month");
        assertThat(text).doesNotContain("meeting");
    }

    @Test
    void weekListsEachDaysEntriesWithTheirRunStatesAt80x24() {
        assertThat(screen(Models.week(WEDNESDAY, "item-b"), 80, 24)).startsWith("""
                Operations · Week of Mon 16 Nov 2026 · America/New_York (UTC-05:00)         live
                Mon 16    │Tue 17    │*Wed 18   │Thu 19    │Fri 20    │Sat 21    │Sun 22    │
                +02:30    │x02:30    │>02:30    │ 02:30    │=02:30    │ —        │ —        │
                 Nightly …│ Nightly …│ Nightly …│ Nightly …│ Nightly …│          │          │
                 10:00    │          │ 09:00    │          │          │          │          │
                 Design r…│          │ Quarterl…│          │          │          │          │
                          │          │          │          │          │          │          │
                """);
    }

    @Test
    void aWideWeekGivesEachEntryOneLine() {
        String text = screen(Models.week(WEDNESDAY, "item-b"), 200, 30);
        assertThat(text).contains("+02:30 Nightly cleanup").contains(" 09:00 Quarterly numbers").contains("=02:30 Nightly cleanup");
    }

    @Test
    void theSelectedEntryIsDrawnInReverse() {
        List<AttributedString> frame = Screen.render(Models.week(WEDNESDAY, "item-b"), 160, 30);
        AttributedString line = frame.get(3);
        int at = line.toString().indexOf("09:00 Quarterly");
        assertThat(ansi(line.subSequence(at, at + 5))).contains("\u001b[7m");
    }

    @Test
    void aFallBackDayHas25HoursAndTellsTheRepeatedHourByItsOffset() {
        List<OpsEvent> events = List.of(
                Models.item("first", "First 1:30", "2026-11-01T05:30:00Z", "scheduled"),
                Models.item("second", "Second 1:30", "2026-11-01T06:30:00Z", "succeeded"));
        assertThat(screen(Models.day(LocalDate.of(2026, 11, 1), events, "second"), 80, 24)).startsWith("""
                Operations · Sun 1 Nov 2026 · America/New_York (UTC-04:00)                  live
                Sun 1 Nov 2026 · 25 hours (clocks change today) · 2 entries
                00:00-04:00 ·
                01:00-04:00   01:30  First 1:30  · scheduled · item · 1 h
                01:00-05:00 + 01:30  Second 1:30  · succeeded · item · 1 h
                02:00-05:00 ·
                """);
    }

    @Test
    void aSpringForwardDayHas23HoursWithoutTwoOClock() {
        String text = screen(Models.day(LocalDate.of(2026, 3, 8), List.of(), null), 80, 30);
        assertThat(text).contains("23 hours (clocks change today)").contains("01:00-05:00 ·\n03:00-04:00 ·").doesNotContain("02:00");
    }

    @Test
    void anOrdinaryDayScrollsToTheSelectedEntry() {
        List<OpsEvent> events = List.of(
                Models.item("early", "Early", "2026-11-18T11:00:00Z", "scheduled"),
                Models.item("late", "Late shift handover", "2026-11-19T03:30:00Z", "scheduled"));
        String text = screen(Models.day(WEDNESDAY, events, "late"), 80, 24);
        assertThat(text).contains("22:00     22:30  Late shift handover  · scheduled · item · 1 h").contains("23:00   ·");
        assertThat(text.lines().count()).isEqualTo(24);
    }

    @Test
    void thePickerShowsTheWallClockTimeItsInstantAndTheFieldInBrackets() {
        Model week = Models.week(WEDNESDAY, "item-b");
        Model picking = Models.with(week, new Dialog.Picker(week.entries().get(4), LocalDateTime.of(2026, 11, 18, 9, 0), Models.NEW_YORK, 1));
        String text = screen(picking, 80, 24);
        assertThat(text).contains("""
                          │  ┌── Reschedule “Quarterly numbers” ─────────────────┐          │
                          │  │ From: Wed 18 Nov 2026 09:00 (UTC-05:00)           │          │
                          │  │ To:   Wed 2026-11-18 [09]:00 in America/New_York  │          │
                          │  │       Wed 18 Nov 2026 09:00 (UTC-05:00)           │          │
                          │  │ ←→ field   ↑↓ change   Enter confirm   Esc cancel │          │
                          │  └───────────────────────────────────────────────────┘          │
                """);
    }

    @Test
    void aTimeInTheSpringForwardGapIsShownAsTheInstantItBecomes() {
        Model day = Models.day(LocalDate.of(2026, 3, 8), List.of(Models.item("a", "Backup", "2026-03-08T06:30:00Z", "scheduled")), "a");
        Model picking = Models.with(day, new Dialog.Picker(day.entries().get(0), LocalDateTime.of(2026, 3, 8, 2, 30), Models.NEW_YORK, 2));
        assertThat(screen(picking, 80, 24)).contains("Sun 8 Mar 2026 03:30 (UTC-04:00) (clocks skip that time)");
    }

    @Test
    void aRefusalShowsTheProblemsMessageAndA412OffersAReload() {
        Model stale = Models.with(Models.week(WEDNESDAY, "item-b"), new Dialog.Message("Changed elsewhere (412)",
                List.of("The item has version 3, not 2", "Someone changed it since it was read."), true));
        assertThat(screen(stale, 80, 24)).contains("Changed elsewhere (412)").contains("The item has version 3, not 2")
                .contains("Enter reloads   Esc closes");
    }

    @Test
    void wideCharactersAndRightToLeftTitlesKeepEveryLineToTheScreensWidth() {
        List<OpsEvent> events = List.of(
                Models.item("cjk", "会議室の予約と📅の確認をする長い題名", "2026-11-18T14:00:00Z", "scheduled"),
                Models.item("rtl", "\u202Eاجتماع الفريق الأسبوعي\u202C", "2026-11-18T15:00:00Z", "scheduled"),
                Models.item("mixed", "Review مراجعة 検討 done", "2026-11-18T16:00:00Z", "failed"));
        for (int[] size : new int[][] {{80, 24}, {81, 24}, {100, 30}, {43, 12}, {160, 50}}) {
            for (Model model : List.of(Models.day(WEDNESDAY, events, "rtl"), weekOf(events, "cjk"),
                    Models.with(weekOf(events, "cjk"), new Dialog.Details(events.get(0))))) {
                List<AttributedString> frame = Screen.render(model, size[0], size[1]);
                assertThat(frame).hasSize(size[1]);
                frame.forEach(line -> {
                    assertThat(Text.width(line.toString())).as("%s at %dx%d", line, size[0], size[1]).isEqualTo(size[0]);
                    assertThat(line.toString()).doesNotContain("\u202E").doesNotContain("\u202C");
                });
            }
        }
        assertThat(screen(Models.day(WEDNESDAY, events, "rtl"), 80, 24)).contains("اجتماع الفريق الأسبوعي").contains("会議室の予約");
    }

    @Test
    void aTerminalTooSmallSaysSo() {
        assertThat(screen(Models.month(WEDNESDAY), 30, 8)).startsWith("needs 40x10, has 30x8");
    }

    @Test
    void thePlainListReadsAsSentencesAndMarksTheSelection() {
        assertThat(String.join("\n", PlainList.render(Models.month(WEDNESDAY)))).startsWith("""
                Operations, November 2026, in America/New_York (UTC-05:00)
                  Tue 3 Nov 2026: 2 entries (1 meeting, 1 report), density low
                """).contains("""
                  Tue 10 Nov 2026: 8 entries (5 maintenance, 3 report), 2 conflicts, density critical
                """).contains("> Wed 18 Nov 2026: 2 entries (1 meeting, 1 report), density low").endsWith("33 entries this month.");
        assertThat(PlainList.render(Models.week(WEDNESDAY, "item-b"))).contains(
                "Wed 18 Nov 2026: 2 entries",
                "  02:30 Nightly cleanup, running, cron rule rule-nightly, 15 min",
                "> 09:00 Quarterly numbers, scheduled, item, 1 h",
                "Sat 21 Nov 2026: nothing scheduled");
    }

    @Test
    void thePlainListPrintsTheOpenDialog() {
        assertThat(PlainList.render(Models.with(Models.week(WEDNESDAY, "item-b"), new Dialog.Confirm("Confirm reschedule",
                List.of("Move “Quarterly numbers”"))))).endsWith("Confirm reschedule:", "Move “Quarterly numbers”",
                "y or Enter: yes   n or Esc: no");
    }

    @Test
    void aWeekCutAtTheWindowLimitSaysSoOnTheStatusLineUntilAMessageTakesItsPlace() {
        Model week = Models.week(WEDNESDAY, "item-b");
        Model cut = new Model(week.mode(), week.cursor(), week.today(), week.zone(), week.calendarName(), week.weekStart(),
                week.hour12(), week.month(), week.entries(), week.selectedId(), "", null, "", "live", false, week.colors(), true, true);
        List<String> lines = screen(cut, 80, 24).lines().toList();
        assertThat(lines).hasSize(24);
        assertThat(lines.get(23)).isEqualTo("Only the first 5,000 entries of this week are shown: d shows one day");
        assertThat(PlainList.render(cut)).contains("Only the first 5,000 entries of this week are shown: d shows one day.");

        Model message = new Model(cut.mode(), cut.cursor(), cut.today(), cut.zone(), cut.calendarName(), cut.weekStart(),
                cut.hour12(), cut.month(), cut.entries(), cut.selectedId(), "", null, "Queue Rooms", "live", false, cut.colors(), true, true);
        assertThat(screen(message, 80, 24).lines().toList().get(23)).isEqualTo("Queue Rooms");
        assertThat(screen(week, 80, 24)).doesNotContain("Only the first");
    }

    private static Model weekOf(List<OpsEvent> events, String selected) {
        return new Model(Mode.WEEK, WEDNESDAY, Models.TODAY, Models.NEW_YORK, "Operations ☎ 運用", java.time.DayOfWeek.MONDAY, false,
                List.of(), events, selected, "", null, "", "live", false, Models.COLORS, true);
    }

    private static String screen(Model model, int width, int height) {
        return Screen.text(Screen.render(model, width, height));
    }

    private static String ansi(AttributedCharSequence text) {
        return text.toAnsi(1 << 24, AttributedCharSequence.ForceMode.ForceTrueColors);
    }
}

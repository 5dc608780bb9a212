package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import dev.almanac.events.rule.RuleCreated;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.support.QueryApiTest;
import dev.almanac.query.support.ReadModelApiTest;
import dev.almanac.query.support.ReadModelFixture;
import dev.almanac.query.support.RecurringRules;

/**
 * export.xlsx and export.pdf (SCH-044, ADR 0083): the day, week and month views and a window, on the calendar's wall
 * clock; the PDF read back by poppler (its text, its page size, its first page rendered to PNG), the workbook by POI.
 */
@QueryApiTest
@TestPropertySource(properties = "almanac.query.export-max-events=20000")
class CalendarExportDocumentsApiTest extends ReadModelApiTest {

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final String BASE = "/api/v1/calendars/cal-np/";

    @TempDir
    Path temp;

    private final RuleCreated standup = RecurringRules.rule("rule-standup", "cal-np", "30 9 * * 1-5", KATHMANDU,
            Instant.parse("2026-11-01T00:00:00Z"), 0);

    private void givenACalendar() {
        readModels.given(ReadModelFixture.calendar("cal-np", KATHMANDU), standup,
                // 10:00-11:30 in Kathmandu (+05:45) on Tuesday 15 December 2026.
                ReadModelFixture.item("item-review", "cal-np", "meeting", Instant.parse("2026-12-15T04:15:00Z"), Duration.ofMinutes(90)),
                titled(ReadModelFixture.item("item-formula", "cal-np", "meeting", Instant.parse("2026-12-16T06:15:00Z"),
                        Duration.ofMinutes(30)), "=HYPERLINK(\"http://x\")"));
    }

    @Test
    void aMonthPdfIsAReadableGridOfTheMonthOnTheCalendarsWallClockThenItsAgenda() throws Exception {
        givenACalendar();
        byte[] pdf = get(BASE + "export.pdf?view=month&date=2026-12-15", MediaType.APPLICATION_PDF);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        PopplerTools.assumeInstalled();
        Path file = Files.write(temp.resolve("month.pdf"), pdf);

        String text = PopplerTools.text(file);
        assertThat(text).contains("December 2026", "Asia/Kathmandu", "Monday", "Sunday", "Agenda",
                "10:00", "11:30", "09:30", "Rule rule-standup");
        // A4 turned to landscape: OpenPDF writes it as a rotated portrait page, which viewers show landscape.
        assertThat(PopplerTools.info(file)).containsPattern("Page size:\\s+595(\\.\\d+)? x 842(\\.\\d+)? pts \\(A4\\)")
                .containsPattern("Page rot:\\s+90");
        BufferedImage page = PopplerTools.firstPage(file, 40);
        assertThat(page.getWidth()).as("landscape").isGreaterThan(page.getHeight());
        assertThat(PopplerTools.inkedShare(page)).as("a grid with text, not a blank page").isBetween(0.02, 0.6);
    }

    @Test
    void aDayPdfListsTheDaysHoursAndAWeekPdfItsSevenDays() throws Exception {
        givenACalendar();
        byte[] day = get(BASE + "export.pdf?view=day&date=2026-12-15", MediaType.APPLICATION_PDF);
        byte[] week = get(BASE + "export.pdf?view=week&date=2026-12-15&week_start=sunday", MediaType.APPLICATION_PDF);
        PopplerTools.assumeInstalled();

        String dayText = PopplerTools.text(Files.write(temp.resolve("day.pdf"), day));
        assertThat(dayText).contains("Tuesday 15 December 2026", "10:00-11:30", "09:30-09:35", "23:00");
        String weekText = PopplerTools.text(Files.write(temp.resolve("week.pdf"), week));
        assertThat(weekText).contains("Week of Sunday 13 December 2026", "Sunday", "Saturday", "=HYPERLINK");
    }

    @Test
    void aWorkbookHoldsTheEntriesAsTextAndLocalDatesAndOneRowPerDay() throws Exception {
        givenACalendar();
        byte[] xlsx = get(BASE + "export.xlsx?view=week&date=2026-12-15", CalendarExportController.XLSX);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet entries = workbook.getSheet(CalendarWorkbook.ENTRIES_SHEET);
            List<String> titles = new ArrayList<>();
            for (Row row : entries) {
                for (Cell cell : row) {
                    assertThat(cell.getCellType()).as("no formula anywhere").isNotEqualTo(CellType.FORMULA);
                }
                if (row.getRowNum() > 0) {
                    titles.add(row.getCell(2).getStringCellValue());
                }
            }
            assertThat(titles).hasSize(7).contains("=HYPERLINK(\"http://x\")");
            Row formula = rowWithTitle(entries, "=HYPERLINK(\"http://x\")");
            assertThat(formula.getCell(2).getCellStyle().getQuotePrefixed()).as("shown as text, never run").isTrue();
            Row review = rowWithTitle(entries, "Quarterly review item-review");
            assertThat(review.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.parse("2026-12-15T10:00:00"));
            assertThat(review.getCell(9).getNumericCellValue()).isEqualTo(90);
            Sheet days = workbook.getSheet(CalendarWorkbook.DAYS_SHEET);
            assertThat(days.getLastRowNum()).isEqualTo(7);
            assertThat(days.getRow(2).getCell(4).getStringCellValue()).contains("09:30-09:35", "10:00-11:30 Quarterly review item-review");
        }
    }

    @Test
    void aWindowOfAYearIsOneWorkbookAndAWindowOverTheLimitIsAProblemNamingTill() {
        givenACalendar();
        get(BASE + "export.xlsx?from=2026-01-01T00:00:00Z&till=2027-01-01T00:00:00Z", CalendarExportController.XLSX);

        problem(BASE + "export.xlsx?from=2026-01-01T00:00:00Z&till=2027-01-02T00:00:00Z", 400, "till", "max_window_days");
        problem(BASE + "export.pdf?from=2026-01-01T00:00:00Z", 400, "till", "required");
        problem(BASE + "export.pdf?view=month&from=2026-01-01T00:00:00Z&till=2026-02-01T00:00:00Z", 400, "view", "exclusive");
        problem(BASE + "export.pdf?view=year", 400, "view", "one_of");
        problem(BASE + "export.pdf?date=2026-13-01", 400, "date", "iso_date");
    }

    @Test
    void theFormatIsPickedByNameAndAnUnknownOneIsAProblemNamingFormat() {
        givenACalendar();
        get(BASE + "export?format=pdf&view=day&date=2026-12-15", MediaType.APPLICATION_PDF);
        get(BASE + "export?format=XLSX", CalendarExportController.XLSX);
        get(BASE + "export?format=ics&rules=instances", CalendarExportController.TEXT_CALENDAR);

        problem(BASE + "export?format=docx", 400, "format", "one_of");
        problem(BASE + "export", 400, "format", "one_of");
        problem("/api/v1/calendars/cal-none/export?format=csv", 404, null, null);
    }

    @Test
    void anotherFormatsParameterIsRefusedNotIgnored() {
        givenACalendar();
        problem(BASE + "export?format=ics&view=bad+id%21", 400, "view", "not_for_format");
        problem(BASE + "export?format=csv&date=2026-12-15", 400, "date", "not_for_format");
        problem(BASE + "export?format=ics&week_start=monday", 400, "week_start", "not_for_format");
        problem(BASE + "export?format=pdf&rules=series", 400, "rules", "not_for_format");
    }

    private static Row rowWithTitle(Sheet sheet, String title) {
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && title.equals(row.getCell(2).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row titled " + title);
    }

    private byte[] get(String uri, MediaType type) {
        return Objects.requireNonNull(large().get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(type)
                .expectBody(byte[].class).returnResult().getResponseBody());
    }

    private void problem(String uri, int status, String field, String rule) {
        var body = client.get().uri(uri).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
        if (field != null) {
            body.jsonPath("$.errors[0].field").isEqualTo(field).jsonPath("$.errors[0].rule").isEqualTo(rule);
        }
    }

    /** The item under another title. */
    static ItemScheduled titled(ItemScheduled item, String title) {
        return new ItemScheduled(item.itemId(), item.calendarId(), title, item.type(), item.start(), item.end(), item.timezone(),
                item.priority(), item.tags());
    }

    /** The client, reading answers of up to 32 MB. */
    private org.springframework.test.web.reactive.server.WebTestClient large() {
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
    }
}

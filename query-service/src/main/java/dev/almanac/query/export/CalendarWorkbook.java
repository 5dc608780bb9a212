package dev.almanac.query.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import dev.almanac.query.entry.EntryView;

/**
 * A calendar's entries as an Office Open XML workbook (SCH-044), on the calendar's wall clock: a sheet "Entries" with the
 * CSV export's columns (local start and end as date cells Excel can sort and filter), and a sheet "Days" with one row per
 * local day of the period: its entries' count, their minutes, and each entry as a line. Written by Apache POI's streaming
 * workbook, which keeps few rows in memory. Every text cell is a string cell, never a formula; one that a spreadsheet would
 * read as a formula once edited (it starts with =, +, -, @, a tab or a carriage return, as {@link CalendarCsv#guarded}
 * has it) is marked quote-prefixed, Excel's own way of keeping text as text, so the cell shows exactly the title as
 * written and is not run (ADR 0083).
 */
final class CalendarWorkbook {

    static final String ENTRIES_SHEET = "Entries";
    static final String DAYS_SHEET = "Days";
    static final List<String> DAY_COLUMNS = List.of("date", "weekday", "entries", "minutes", "schedule");
    /** A cell holds at most 32,767 characters; a day's schedule is cut to this many lines, with a count of the rest. */
    static final int MAX_LINES_PER_DAY = 200;
    private static final int ROWS_IN_MEMORY = 200;

    private CalendarWorkbook() {
    }

    static byte[] render(String calendarName, ExportPeriod period, List<EntryView> entries) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
            Styles styles = new Styles(workbook);
            workbook.getXSSFWorkbook().getProperties().getCoreProperties().setTitle(calendarName + ", " + period.label());
            entriesSheet(workbook.createSheet(ENTRIES_SHEET), styles, period.zone(), entries);
            daysSheet(workbook.createSheet(DAYS_SHEET), styles, period, entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream(16_384 + entries.size() * 96);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a workbook to memory", e);
        }
    }

    private static void entriesSheet(SXSSFSheet sheet, Styles styles, ZoneId zone, List<EntryView> entries) {
        header(sheet, styles, CalendarCsv.COLUMNS);
        int rowIndex = 1;
        for (EntryView entry : entries) {
            Row row = sheet.createRow(rowIndex++);
            int column = 0;
            text(row, column++, entry.id(), styles);
            text(row, column++, entry.kind().name().toLowerCase(Locale.ROOT), styles);
            text(row, column++, entry.title(), styles);
            text(row, column++, entry.type(), styles);
            text(row, column++, entry.start().toString(), styles);
            text(row, column++, entry.end().toString(), styles);
            date(row, column++, LocalDateTime.ofInstant(entry.start(), zone), styles);
            date(row, column++, LocalDateTime.ofInstant(entry.end(), zone), styles);
            text(row, column++, zone.getId(), styles);
            row.createCell(column++).setCellValue(entry.end().isAfter(entry.start()) ? Duration.between(entry.start(), entry.end()).toMinutes() : 0);
            text(row, column++, entry.priority() == null ? "" : entry.priority().name().toLowerCase(Locale.ROOT), styles);
            text(row, column++, String.join(CalendarCsv.TAG_SEPARATOR, entry.tags()), styles);
            text(row, column, entry.ruleId() == null ? "" : entry.ruleId(), styles);
        }
        sheet.createFreezePane(0, 1);
        for (int column = 0; column < CalendarCsv.COLUMNS.size(); column++) {
            sheet.setColumnWidth(column, column == 2 ? 40 * 256 : 20 * 256);
        }
    }

    private static void daysSheet(SXSSFSheet sheet, Styles styles, ExportPeriod period, List<EntryView> entries) {
        header(sheet, styles, DAY_COLUMNS);
        int rowIndex = 1;
        for (Map.Entry<LocalDate, List<EntryView>> day : period.entriesByDay(entries).entrySet()) {
            Row row = sheet.createRow(rowIndex++);
            Cell date = row.createCell(0);
            date.setCellValue(day.getKey());
            date.setCellStyle(styles.day);
            text(row, 1, day.getKey().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), styles);
            row.createCell(2).setCellValue(day.getValue().size());
            row.createCell(3).setCellValue(day.getValue().stream()
                    .mapToLong(entry -> entry.end().isAfter(entry.start()) ? Duration.between(entry.start(), entry.end()).toMinutes() : 0).sum());
            Cell schedule = row.createCell(4);
            String lines = scheduleLines(day.getValue(), period.zone());
            schedule.setCellValue(lines);
            schedule.setCellStyle(isFormula(lines) ? styles.wrappedGuarded : styles.wrapped);
        }
        sheet.createFreezePane(0, 1);
        sheet.setColumnWidth(0, 12 * 256);
        sheet.setColumnWidth(1, 12 * 256);
        sheet.setColumnWidth(4, 80 * 256);
    }

    /** A day's entries, one line each: local start and end, then the title. */
    static String scheduleLines(List<EntryView> entries, ZoneId zone) {
        String lines = entries.stream().limit(MAX_LINES_PER_DAY)
                .map(entry -> CalendarPdf.time(entry.start(), zone) + "-" + CalendarPdf.time(entry.end(), zone) + " " + ICalendarFeed.summary(entry))
                .collect(Collectors.joining("\n"));
        return entries.size() > MAX_LINES_PER_DAY ? lines + "\n+" + (entries.size() - MAX_LINES_PER_DAY) + " more" : lines;
    }

    private static void header(Sheet sheet, Styles styles, List<String> names) {
        Row row = sheet.createRow(0);
        for (int column = 0; column < names.size(); column++) {
            Cell cell = row.createCell(column);
            cell.setCellValue(names.get(column));
            cell.setCellStyle(styles.header);
        }
    }

    /** A string cell; quote-prefixed when a spreadsheet would otherwise take the text for a formula. */
    private static void text(Row row, int column, String value, Styles styles) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (isFormula(value)) {
            cell.setCellStyle(styles.guarded);
        }
    }

    private static void date(Row row, int column, LocalDateTime value, Styles styles) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(styles.dateTime);
    }

    /** Whether a spreadsheet would read the text as a formula: what the CSV export guards. */
    static boolean isFormula(String value) {
        return !CalendarCsv.guarded(value).equals(value);
    }

    /** The few styles a workbook shares (a workbook holds at most 64,000). */
    private static final class Styles {

        final CellStyle header;
        final CellStyle guarded;
        final CellStyle dateTime;
        final CellStyle day;
        final CellStyle wrapped;
        final CellStyle wrappedGuarded;

        Styles(SXSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            guarded = workbook.createCellStyle();
            guarded.setQuotePrefixed(true);
            short dateTimeFormat = workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm");
            dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(dateTimeFormat);
            day = workbook.createCellStyle();
            day.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd"));
            day.setVerticalAlignment(VerticalAlignment.TOP);
            wrapped = workbook.createCellStyle();
            wrapped.setWrapText(true);
            wrapped.setVerticalAlignment(VerticalAlignment.TOP);
            wrappedGuarded = workbook.createCellStyle();
            wrappedGuarded.cloneStyleFrom(wrapped);
            wrappedGuarded.setQuotePrefixed(true);
        }
    }
}

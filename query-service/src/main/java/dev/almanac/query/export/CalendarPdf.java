package dev.almanac.query.export;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;

import dev.almanac.query.entry.EntryView;

/**
 * A calendar's period as a printable PDF (SCH-044), on the calendar's wall clock, A4 landscape: a heading (calendar,
 * period, zone, count), then the grid of the view: a day as its 24 hours, each with the entries that start in it; a week
 * as seven columns; a month (or a window of up to six weeks) as weeks of seven days, each day with its first entries and
 * a count of the rest. After a week's or month's grid comes the agenda: every entry, day by day, with its local start and
 * end, title and type, so nothing a full cell leaves out is missing from the document. Written by OpenPDF with the
 * standard Helvetica font, which needs no font file (ADR 0083).
 */
final class CalendarPdf {

    /** Lines a month cell shows before "+N more". */
    static final int MONTH_CELL_LINES = 6;
    /** Lines a week column shows before "+N more". */
    static final int WEEK_CELL_LINES = 40;
    /** A window of more days than this is written as its agenda only. */
    static final int MAX_GRID_DAYS = 42;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Font TITLE = new Font(Font.HELVETICA, 14, Font.BOLD);
    private static final Font SUBTITLE = new Font(Font.HELVETICA, 9, Font.NORMAL, Color.DARK_GRAY);
    private static final Font HEADER = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font DAY_NUMBER = new Font(Font.HELVETICA, 8, Font.BOLD);
    private static final Font LINE = new Font(Font.HELVETICA, 6.5f);
    private static final Font MORE = new Font(Font.HELVETICA, 6.5f, Font.ITALIC, Color.DARK_GRAY);
    private static final Font AGENDA = new Font(Font.HELVETICA, 7.5f);
    private static final Color HEADER_SHADE = new Color(0xE8, 0xEC, 0xF2);
    private static final Color OUTSIDE_SHADE = new Color(0xF4, 0xF4, 0xF4);

    private CalendarPdf() {
    }

    static byte[] render(String calendarName, ExportPeriod period, List<EntryView> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32_768 + entries.size() * 64);
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter.getInstance(document, out);
        document.addTitle(calendarName + ", " + period.label());
        document.addCreator("Almanac");
        document.open();
        document.add(new Paragraph(calendarName, TITLE));
        document.add(new Paragraph(period.label() + "  |  " + period.zone().getId() + "  |  " + entries.size()
                + (entries.size() == 1 ? " entry" : " entries"), SUBTITLE));
        document.add(new Paragraph(" ", SUBTITLE));
        Map<LocalDate, List<EntryView>> byDay = period.entriesByDay(entries);
        switch (period.layout()) {
            case DAY -> document.add(dayGrid(period, entries));
            case WEEK -> document.add(weeksGrid(period, byDay, WEEK_CELL_LINES));
            case MONTH -> document.add(weeksGrid(period, byDay, MONTH_CELL_LINES));
            case WINDOW -> {
                if (period.days().size() <= MAX_GRID_DAYS) {
                    document.add(weeksGrid(period, byDay, MONTH_CELL_LINES));
                }
            }
        }
        if (period.layout() != ExportPeriod.Layout.DAY && !entries.isEmpty()) {
            document.newPage();
            document.add(new Paragraph("Agenda", HEADER));
            document.add(agenda(period, byDay));
        }
        document.close();
        return out.toByteArray();
    }

    /** The day's 24 local hours, each with the entries that start in it (an entry from the day before in the first). */
    private static PdfPTable dayGrid(ExportPeriod period, List<EntryView> entries) {
        PdfPTable table = new PdfPTable(new float[] {1, 11});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.addCell(headerCell("Hour"));
        table.addCell(headerCell("Entries"));
        LocalDate day = period.days().get(0);
        Instant dayStart = period.startOf(day);
        List<List<EntryView>> hours = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            hours.add(new ArrayList<>());
        }
        for (EntryView entry : entries) {
            Instant shown = entry.start().isBefore(dayStart) ? dayStart : entry.start();
            hours.get(shown.atZone(period.zone()).getHour()).add(entry);
        }
        for (int hour = 0; hour < 24; hour++) {
            table.addCell(new PdfPCell(new Phrase(LocalTime.of(hour, 0).format(TIME), HEADER)));
            Phrase lines = new Phrase();
            for (EntryView entry : hours.get(hour)) {
                if (!lines.isEmpty()) {
                    lines.add(Chunk.NEWLINE);
                }
                lines.add(new Chunk(line(entry, period.zone()), AGENDA));
            }
            PdfPCell cell = new PdfPCell(lines);
            cell.setMinimumHeight(14);
            table.addCell(cell);
        }
        return table;
    }

    /** Weeks of seven days from the period's week start; days outside the period are shaded and empty. */
    private static PdfPTable weeksGrid(ExportPeriod period, Map<LocalDate, List<EntryView>> byDay, int cellLines) {
        PdfPTable table = new PdfPTable(7);
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        DayOfWeek weekStart = period.weekStart();
        for (int i = 0; i < 7; i++) {
            table.addCell(headerCell(weekStart.plus(i).getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
        }
        LocalDate first = period.days().get(0);
        LocalDate last = period.days().get(period.days().size() - 1);
        LocalDate cursor = first;
        while (cursor.getDayOfWeek() != weekStart) {
            cursor = cursor.minusDays(1);
        }
        float height = cellLines > MONTH_CELL_LINES ? 360 : 72;
        while (!cursor.isAfter(last)) {
            for (int i = 0; i < 7; i++, cursor = cursor.plusDays(1)) {
                List<EntryView> day = byDay.get(cursor);
                PdfPCell cell = day == null ? outsideCell(cursor) : dayCell(cursor, day, period.zone(), cellLines);
                cell.setMinimumHeight(height);
                table.addCell(cell);
            }
        }
        return table;
    }

    private static PdfPCell dayCell(LocalDate day, List<EntryView> entries, ZoneId zone, int cellLines) {
        Phrase content = new Phrase(new Chunk(day.getDayOfMonth() == 1 || cellLines > MONTH_CELL_LINES
                ? day.format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)) : String.valueOf(day.getDayOfMonth()), DAY_NUMBER));
        int shown = Math.min(entries.size(), entries.size() > cellLines ? cellLines - 1 : cellLines);
        for (int i = 0; i < shown; i++) {
            content.add(Chunk.NEWLINE);
            content.add(new Chunk(time(entries.get(i).start(), zone) + " " + ICalendarFeed.summary(entries.get(i)), LINE));
        }
        if (shown < entries.size()) {
            content.add(Chunk.NEWLINE);
            content.add(new Chunk("+" + (entries.size() - shown) + " more", MORE));
        }
        PdfPCell cell = new PdfPCell(content);
        cell.setVerticalAlignment(Element.ALIGN_TOP);
        return cell;
    }

    private static PdfPCell outsideCell(LocalDate day) {
        PdfPCell cell = new PdfPCell(new Phrase(String.valueOf(day.getDayOfMonth()), MORE));
        cell.setBackgroundColor(OUTSIDE_SHADE);
        return cell;
    }

    /** Every entry, day by day: an entry spanning days is listed on each. */
    private static PdfPTable agenda(ExportPeriod period, Map<LocalDate, List<EntryView>> byDay) {
        PdfPTable table = new PdfPTable(new float[] {2.2f, 1, 1, 7, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String name : List.of("Day", "Start", "End", "Title", "Type")) {
            table.addCell(headerCell(name));
        }
        DateTimeFormatter dayFormat = DateTimeFormatter.ofPattern("EEE d MMM uuuu", Locale.ENGLISH);
        byDay.forEach((day, entries) -> {
            for (EntryView entry : entries) {
                table.addCell(new Phrase(day.format(dayFormat), AGENDA));
                table.addCell(new Phrase(time(entry.start(), period.zone()), AGENDA));
                table.addCell(new Phrase(time(entry.end(), period.zone()), AGENDA));
                table.addCell(new Phrase(ICalendarFeed.summary(entry), AGENDA));
                table.addCell(new Phrase(entry.type(), AGENDA));
            }
        });
        return table;
    }

    private static PdfPCell headerCell(String text) {
        PdfPCell cell = new PdfPCell(new Phrase(text, HEADER));
        cell.setBackgroundColor(HEADER_SHADE);
        return cell;
    }

    private static String line(EntryView entry, ZoneId zone) {
        return time(entry.start(), zone) + "-" + time(entry.end(), zone) + "  " + ICalendarFeed.summary(entry)
                + (entry.type().isBlank() ? "" : "  (" + entry.type() + ")");
    }

    /** The instant's time on the zone's wall clock, 24-hour: 09:30. */
    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }
}

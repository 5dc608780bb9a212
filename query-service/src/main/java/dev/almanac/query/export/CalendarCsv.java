package dev.almanac.query.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.entry.EntryView;

/**
 * Writes a calendar's entries as an RFC 4180 CSV table for spreadsheets: a header row, then one
 * row per entry in the order given, CRLF line ends. Commons CSV's RFC 4180 format quotes a field
 * that holds a comma, a double quote or a line break (and a few more, which RFC 4180 allows), and
 * doubles its quotes. A text cell that a spreadsheet would run as a formula (CSV injection) is
 * written with a leading single quote (OWASP's advice), so Excel, LibreOffice and Google Sheets
 * show it as text. Like the iCalendar feed, the table depends only on its arguments, so an
 * unchanged calendar exports the same bytes (web/ContentEtags).
 */
final class CalendarCsv {

    /** The header row: snake_case, as the JSON API names the same values. */
    static final List<String> COLUMNS = List.of("id", "kind", "title", "type", "start", "end", "local_start", "local_end", "timezone",
            "duration_minutes", "priority", "tags", "rule_id");
    /** Joins an entry's tags in one cell: a spreadsheet's "split text to columns" takes it as its separator. */
    static final String TAG_SEPARATOR = ";";
    /** What OWASP's CSV injection advice prefixes to a cell that a spreadsheet would read as a formula. */
    static final char FORMULA_GUARD = '\'';

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

    private CalendarCsv() {
    }

    /** The table of a calendar's entries; local times are on the wall clock of {@code calendarZone}. */
    static String render(ZoneId calendarZone, List<EntryView> entries) {
        StringBuilder table = new StringBuilder(256 + entries.size() * 160);
        // The printer writes the header row as it opens.
        try (CSVPrinter printer = new CSVPrinter(table, FORMAT)) {
            for (EntryView entry : entries) {
                printer.printRecord(row(entry, calendarZone));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("appending to a StringBuilder does not fail", e);
        }
        return table.toString();
    }

    /**
     * The cell as written: a value that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab
     * or a carriage return, which Excel would evaluate as a formula (OWASP, CSV injection), gets a
     * leading single quote, so the spreadsheet shows the text.
     */
    static String guarded(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> FORMULA_GUARD + cell;
            default -> cell;
        };
    }

    /** The cells of an entry's row, in the order of {@link #COLUMNS}; null is an empty cell. */
    private static @Nullable Object[] row(EntryView entry, ZoneId calendarZone) {
        long minutes = entry.end().isAfter(entry.start()) ? Duration.between(entry.start(), entry.end()).toMinutes() : 0;
        return new Object[] {
                guarded(entry.id()),
                entry.kind().name().toLowerCase(Locale.ROOT),
                guarded(entry.title()),
                guarded(entry.type()),
                entry.start().toString(),
                entry.end().toString(),
                local(entry.start(), calendarZone),
                local(entry.end(), calendarZone),
                calendarZone.getId(),
                minutes,
                entry.priority() == null ? null : entry.priority().name().toLowerCase(Locale.ROOT),
                entry.tags().stream().map(CalendarCsv::guarded).collect(Collectors.joining(TAG_SEPARATOR)),
                entry.ruleId() == null ? null : guarded(entry.ruleId())};
    }

    /** The instant on the zone's wall clock, without offset: 2026-12-01T20:45:00. */
    private static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atZone(zone).toLocalDateTime());
    }
}

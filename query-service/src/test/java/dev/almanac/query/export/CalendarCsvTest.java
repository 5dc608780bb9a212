package dev.almanac.query.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.almanac.events.EntryKind;
import dev.almanac.events.schedule.Priority;
import dev.almanac.query.entry.EntryCopy;
import dev.almanac.query.entry.EntryView;
import dev.almanac.query.entry.RelationSummary;

class CalendarCsvTest {

    static final String HEADER = "id,kind,title,type,start,end,local_start,local_end,timezone,duration_minutes,priority,tags,rule_id";

    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NINE_UTC = Instant.parse("2026-12-01T09:00:00Z");

    private static EntryView entry(String id, EntryKind kind, @Nullable String title, @Nullable String type, Instant start,
                                   Duration length, @Nullable Priority priority, List<String> tags, @Nullable String ruleId,
                                   ZoneId calendarZone) {
        return new EntryCopy(id, kind, title, type, start, start.plus(length), "Europe/London", priority, tags, ruleId, 0, 3,
                RelationSummary.NONE).view("cal-a", calendarZone);
    }

    private static EntryView item(String id, String title, List<String> tags) {
        return entry(id, EntryKind.ITEM, title, "meeting", NINE_UTC, Duration.ofHours(1), Priority.NORMAL, tags, null, KATHMANDU);
    }

    @Test
    void writesAHeaderRowAndOneRowPerEntryThatReadBackEqual() {
        List<EntryView> entries = List.of(
                entry("item-review", EntryKind.ITEM, "Quarterly review", "meeting", NINE_UTC, Duration.ofMinutes(90), Priority.HIGH,
                        List.of("finance", "board"), null, KATHMANDU),
                entry("occ-nightly-1", EntryKind.OCCURRENCE, null, "maintenance_job", NINE_UTC.plus(Duration.ofHours(2)),
                        Duration.ofMinutes(15), null, List.of(), "rule-nightly", KATHMANDU),
                entry("item-untyped", EntryKind.ITEM, "", null, NINE_UTC.plus(Duration.ofHours(3)), Duration.ZERO, Priority.LOW,
                        List.of(), null, KATHMANDU));

        String table = CalendarCsv.render(KATHMANDU, entries);

        assertThat(table).startsWith(HEADER + "\r\n").endsWith("\r\n");
        assertThat(table.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(table.split("\r\n")).hasSize(4);
        List<Map<String, String>> rows = parse(table);
        assertThat(rows).extracting(row -> row.get("id")).containsExactly("item-review", "occ-nightly-1", "item-untyped");
        assertThat(rows).extracting(row -> row.get("kind")).containsExactly("item", "occurrence", "item");
        assertThat(rows).extracting(row -> row.get("title")).containsExactly("Quarterly review", "", "");
        assertThat(rows).extracting(row -> row.get("type")).containsExactly("meeting", "maintenance_job", "");
        assertThat(rows).extracting(row -> row.get("start"))
                .containsExactly("2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z", "2026-12-01T12:00:00Z");
        assertThat(rows).extracting(row -> row.get("end"))
                .containsExactly("2026-12-01T10:30:00Z", "2026-12-01T11:15:00Z", "2026-12-01T12:00:00Z");
        // Kathmandu is UTC+05:45 all year.
        assertThat(rows).extracting(row -> row.get("local_start"))
                .containsExactly("2026-12-01T14:45:00", "2026-12-01T16:45:00", "2026-12-01T17:45:00");
        assertThat(rows).extracting(row -> row.get("local_end"))
                .containsExactly("2026-12-01T16:15:00", "2026-12-01T17:00:00", "2026-12-01T17:45:00");
        // The calendar's zone, not the zone an entry was scheduled in (Europe/London here): the zone of local_start and local_end.
        assertThat(rows).extracting(row -> row.get("timezone")).containsOnly("Asia/Kathmandu");
        assertThat(rows).extracting(row -> row.get("duration_minutes")).containsExactly("90", "15", "0");
        assertThat(rows).extracting(row -> row.get("priority")).containsExactly("high", "", "low");
        assertThat(rows).extracting(row -> row.get("tags")).containsExactly("finance;board", "", "");
        assertThat(rows).extracting(row -> row.get("rule_id")).containsExactly("", "rule-nightly", "");
    }

    /** New York falls back at 06:00 UTC on 1 November 2026: 01:30 comes twice, once at -04:00 and once at -05:00. */
    @Test
    void writesLocalTimesOnTheCalendarsWallClockAcrossADstEdge() {
        Instant beforeFallBack = Instant.parse("2026-11-01T05:30:00Z");
        List<EntryView> entries = List.of(
                entry("across-fall-back", EntryKind.ITEM, "Night shift", "job", beforeFallBack, Duration.ofHours(2), null, List.of(),
                        null, NEW_YORK),
                entry("after-fall-back", EntryKind.ITEM, "Night shift", "job", beforeFallBack.plus(Duration.ofHours(1)),
                        Duration.ofMinutes(30), null, List.of(), null, NEW_YORK));

        List<Map<String, String>> newYork = parse(CalendarCsv.render(NEW_YORK, entries));
        List<Map<String, String>> kathmandu = parse(CalendarCsv.render(KATHMANDU, entries));

        assertThat(newYork).extracting(row -> row.get("local_start")).containsExactly("2026-11-01T01:30:00", "2026-11-01T01:30:00");
        assertThat(newYork).extracting(row -> row.get("local_end")).containsExactly("2026-11-01T02:30:00", "2026-11-01T02:00:00");
        assertThat(newYork).extracting(row -> row.get("duration_minutes")).containsExactly("120", "30");
        assertThat(newYork).extracting(row -> row.get("timezone")).containsOnly("America/New_York");
        assertThat(kathmandu).extracting(row -> row.get("local_start")).containsExactly("2026-11-01T11:15:00", "2026-11-01T12:15:00");
        assertThat(kathmandu).extracting(row -> row.get("local_end")).containsExactly("2026-11-01T13:15:00", "2026-11-01T12:45:00");
        assertThat(kathmandu).extracting(row -> row.get("start")).containsExactly("2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z");
    }

    @Test
    void quotesFieldsHoldingCommasQuotesAndLineBreaks() {
        String title = "Lunch, \"big\" one\nsecond line";
        List<EntryView> entries = List.of(item("item-a", title, List.of("a,b", "say \"hi\"")), item("item-b", "Plain title", List.of()));

        String table = CalendarCsv.render(KATHMANDU, entries);

        assertThat(table).contains(",\"Lunch, \"\"big\"\" one\nsecond line\",", ",\"a,b;say \"\"hi\"\"\",");
        assertThat(table).contains(",Plain title,");
        List<Map<String, String>> rows = parse(table);
        assertThat(rows).extracting(row -> row.get("title")).containsExactly(title, "Plain title");
        assertThat(rows).extracting(row -> row.get("tags")).containsExactly("a,b;say \"hi\"", "");
    }

    @Test
    void guardsTitlesAndTagsThatASpreadsheetWouldRunAsAFormula() {
        List<EntryView> entries = List.of(
                item("item-1", "=HYPERLINK(\"http://evil.example\",\"Click\")", List.of("=cmd|' /C calc'!A0", "safe", "-2+3")),
                item("item-2", "+1+1", List.of("@SUM(A1:A9)")),
                item("item-3", "-5", List.of("\tindented")),
                item("item-4", "@admin", List.of()),
                item("item-5", "\tTabbed", List.of()),
                item("item-6", "\rReturned", List.of()),
                item("item-7", "a=b, not a formula", List.of("x-y")));

        String table = CalendarCsv.render(KATHMANDU, entries);

        assertThat(table).doesNotContain(",=", ",+", ",-5", ",@", ";-", ";@", ",\t", ",\"=", ",\"\r");
        List<Map<String, String>> rows = parse(table);
        assertThat(rows).extracting(row -> row.get("title")).containsExactly("'=HYPERLINK(\"http://evil.example\",\"Click\")", "'+1+1",
                "'-5", "'@admin", "'\tTabbed", "'\rReturned", "a=b, not a formula");
        assertThat(rows).extracting(row -> row.get("tags"))
                .containsExactly("'=cmd|' /C calc'!A0;safe;'-2+3", "'@SUM(A1:A9)", "'\tindented", "", "", "", "x-y");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1", "+1", "-1", "@1", "\t1", "\r1"})
    void prefixesEachFormulaStartWithASingleQuote(String cell) {
        assertThat(CalendarCsv.guarded(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "Review", " =1", "'quoted", "a-b"})
    void leavesOtherCellsAsTheyAre(String cell) {
        assertThat(CalendarCsv.guarded(cell)).isEqualTo(cell);
    }

    @Test
    void anEmptyWindowIsTheHeaderRowAlone() {
        assertThat(CalendarCsv.render(KATHMANDU, List.of())).isEqualTo(HEADER + "\r\n");
    }

    /** The table read back with Commons CSV's RFC 4180 parser, one map a row keyed by the header. */
    static List<Map<String, String>> parse(String table) {
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(table))) {
            assertThat(parser.getHeaderNames()).isEqualTo(CalendarCsv.COLUMNS);
            return parser.getRecords().stream().map(CSVRecord::toMap).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

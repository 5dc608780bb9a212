package dev.almanac.query.export;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.almanac.query.entry.EntryView;

/**
 * Writes a calendar's entries as one RFC 5545 VCALENDAR with one VEVENT per entry, and its rules' series (ADR 0082),
 * as content lines folded as they are written ({@link ContentLines}). Every single entry's time is written in UTC, so a
 * client places each entry at its exact instant whatever its own zone. The document depends only on its arguments, so an
 * unchanged calendar exports the same bytes and a polling client's {@code If-None-Match} gets 304 (web/ContentEtags).
 * ical4j reads the documents back in the tests; biweekly, an independent parser, expands them.
 */
final class ICalendarFeed {

    static final String PRODUCT_ID = "-//Almanac//Almanac API v1//EN";
    /** Suffix of every UID: an entry id is unique within Almanac, and the suffix makes it unique beyond it. */
    static final String UID_DOMAIN = "@almanac";
    /** The rule an occurrence comes from; RELATED-TO would name a component the feed does not hold. */
    static final String RULE_ID = "X-ALMANAC-RULE-ID";
    /** Suffix of a series' UID: its rule's id, kept apart from the entry ids that single events carry. */
    static final String SERIES_UID_DOMAIN = "@rules.almanac";
    /** The occurrence an override stands for: its id in Almanac, as the JSON and CSV name it. */
    static final String OCCURRENCE_ID = "X-ALMANAC-OCCURRENCE-ID";
    /** Calendar name and zone as Google Calendar, Outlook and Apple Calendar read them when subscribing. */
    static final String CALENDAR_NAME = "X-WR-CALNAME";
    static final String CALENDAR_ZONE = "X-WR-TIMEZONE";
    static final String CRLF = ContentLines.CRLF;
    /** About what one single event takes, to size the document once. */
    private static final int OCTETS_PER_EVENT = 200;

    private ICalendarFeed() {
    }

    /**
     * The document of a calendar's entries.
     *
     * @param stamp the DTSTAMP of every event: when this export was made
     */
    static String render(String calendarName, ZoneId calendarZone, List<EntryView> entries, Instant stamp) {
        return render(calendarName, calendarZone, entries, List.of(), stamp);
    }

    /**
     * The document of a calendar's single entries (items, and occurrences not in a series) and of its rules' series:
     * a VTIMEZONE for each zone a series starts in, the single events, then each series' VEVENT with RRULE and EXDATE and
     * its RECURRENCE-ID overrides (ADR 0082).
     *
     * @param stamp the DTSTAMP of every event: when this export was made
     */
    static String render(String calendarName, ZoneId calendarZone, List<EntryView> entries, List<RuleSeries> series, Instant stamp) {
        ContentLines lines = new ContentLines(OCTETS_PER_EVENT * (entries.size() + 4));
        lines.line("BEGIN", "VCALENDAR");
        lines.line("PRODID", PRODUCT_ID);
        lines.line("VERSION", "2.0");
        lines.line("CALSCALE", "GREGORIAN");
        lines.line("METHOD", "PUBLISH");
        lines.text(CALENDAR_NAME, calendarName);
        lines.text(CALENDAR_ZONE, calendarZone.getId());
        Map<ZoneId, List<RuleSeries.Master>> byZone = new TreeMap<>(Comparator.comparing(ZoneId::getId));
        series.stream().map(RuleSeries::master).filter(Objects::nonNull).forEach(master -> byZone
                .computeIfAbsent(master.zone(), any -> new ArrayList<>()).add(master));
        byZone.forEach((zone, masters) -> TimeZoneComponent.write(lines, zone,
                masters.stream().map(RuleSeries.Master::firstStart).min(Instant::compareTo).orElseThrow(),
                masters.stream().map(RuleSeries.Master::until).max(Instant::compareTo).orElseThrow()));
        String dtStamp = ContentLines.utc(stamp);
        for (EntryView entry : entries) {
            event(lines, entry, dtStamp);
        }
        series.stream().filter(one -> one.master() != null)
                .sorted(Comparator.comparing((RuleSeries one) -> Objects.requireNonNull(one.master()).ruleId()))
                .forEach(one -> seriesEvents(lines, one, dtStamp));
        lines.line("END", "VCALENDAR");
        return lines.toString();
    }

    /** A series' own VEVENT (DTSTART with TZID, DURATION, RRULE bounded by UNTIL, EXDATEs), then its overrides. */
    private static void seriesEvents(ContentLines lines, RuleSeries series, String stamp) {
        RuleSeries.Master master = Objects.requireNonNull(series.master());
        String uid = master.ruleId() + SERIES_UID_DOMAIN;
        String zone = master.zone().getId();
        lines.line("BEGIN", "VEVENT");
        lines.text("UID", uid);
        lines.line("DTSTAMP", stamp);
        lines.line("DTSTART;TZID=" + zone, ContentLines.local(master.start()));
        if (!master.duration().isZero()) {
            lines.line("DURATION", master.duration().toString());
        }
        lines.line("RRULE", master.rrule() + ";UNTIL=" + ContentLines.utc(master.until()));
        List<String> exdates = master.exdates().stream().map(ContentLines::local).toList();
        // One EXDATE line per 50 dates keeps each line readable before folding.
        for (int i = 0; i < exdates.size(); i += 50) {
            lines.line("EXDATE;TZID=" + zone, String.join(",", exdates.subList(i, Math.min(i + 50, exdates.size()))));
        }
        texts(lines, master.sample());
        lines.line("END", "VEVENT");
        for (RuleSeries.Replacement replacement : series.replacements()) {
            EntryView entry = replacement.view();
            lines.line("BEGIN", "VEVENT");
            lines.text("UID", uid);
            lines.line("DTSTAMP", stamp);
            lines.line("RECURRENCE-ID;TZID=" + zone, ContentLines.local(replacement.recurrenceId()));
            lines.utc("DTSTART", entry.start());
            if (entry.end().isAfter(entry.start())) {
                lines.utc("DTEND", entry.end());
            }
            texts(lines, entry);
            lines.text(OCCURRENCE_ID, entry.id());
            lines.line("END", "VEVENT");
        }
    }

    private static void texts(ContentLines lines, EntryView entry) {
        lines.text("SUMMARY", summary(entry));
        if (entry.tags().isEmpty()) {
            // The common case, without building the set.
            if (!entry.type().isBlank()) {
                lines.text("CATEGORIES", entry.type());
            }
        } else {
            Set<String> categories = categories(entry);
            if (!categories.isEmpty()) {
                lines.line("CATEGORIES", categories.stream().map(ContentLines::escaped).collect(Collectors.joining(",")));
            }
        }
        if (entry.ruleId() != null) {
            lines.text(RULE_ID, entry.ruleId());
        }
    }

    /** A single entry's VEVENT: UID, DTSTAMP, DTSTART and DTEND in UTC, SUMMARY, CATEGORIES, the rule of an occurrence. */
    private static void event(ContentLines lines, EntryView entry, String stamp) {
        lines.line("BEGIN", "VEVENT");
        lines.text("UID", entry.id() + UID_DOMAIN);
        lines.line("DTSTAMP", stamp);
        lines.utc("DTSTART", entry.start());
        // A zero-length entry has no DTEND: RFC 5545 then ends it at its start (3.6.1).
        if (entry.end().isAfter(entry.start())) {
            lines.utc("DTEND", entry.end());
        }
        texts(lines, entry);
        lines.line("END", "VEVENT");
    }

    /**
     * Content lines folded as RFC 5545 (3.1) asks: at most 75 octets of UTF-8 a line, each continuation starting with a
     * space, never inside a character; as {@link ContentLines} folds each line it writes.
     */
    static String folded(String unfolded) {
        ContentLines lines = new ContentLines(unfolded.length() + unfolded.length() / 32);
        for (String line : unfolded.split(CRLF)) {
            lines.whole(line);
        }
        return lines.toString();
    }

    /** The title; an entry without one (its scheduling was never projected) by its type, else its id. */
    static String summary(EntryView entry) {
        if (!entry.title().isBlank()) {
            return entry.title();
        }
        return entry.type().isBlank() ? entry.id() : entry.type();
    }

    /** The type first, then the tags, each once. */
    static Set<String> categories(EntryView entry) {
        Set<String> categories = new LinkedHashSet<>();
        if (!entry.type().isBlank()) {
            categories.add(entry.type());
        }
        entry.tags().stream().filter(tag -> !tag.isBlank()).forEach(categories::add);
        return categories;
    }
}

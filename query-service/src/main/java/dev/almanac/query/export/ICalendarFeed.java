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

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TextList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import dev.almanac.query.entry.EntryView;

/**
 * Writes a calendar's entries as one RFC 5545 VCALENDAR with one VEVENT per entry. ical4j's model
 * writes the content lines (escaped text, CRLF line ends); they are folded here. Every time
 * is written in UTC, so a client places each entry at its exact instant whatever its own zone.
 * The document depends only on its arguments, so an unchanged calendar exports the same bytes
 * and a polling client's {@code If-None-Match} gets 304 (web/ContentEtags).
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
    static final String CRLF = "\r\n";
    static final int MAX_LINE_OCTETS = 75;

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
     * each series' VEVENT with RRULE and EXDATE, its RECURRENCE-ID overrides, and a VTIMEZONE for each zone a series
     * starts in (ADR 0082).
     *
     * @param stamp the DTSTAMP of every event: when this export was made
     */
    static String render(String calendarName, ZoneId calendarZone, List<EntryView> entries, List<RuleSeries> series, Instant stamp) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT_ID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(new XProperty(CALENDAR_NAME, calendarName));
        calendar.add(new XProperty(CALENDAR_ZONE, calendarZone.getId()));
        DtStamp dtStamp = new DtStamp(stamp);
        for (EntryView entry : entries) {
            calendar.add(event(entry, dtStamp));
        }
        String document = calendar.toString();
        if (series.stream().allMatch(one -> one.master() == null)) {
            return folded(document);
        }
        ContentLines zones = new ContentLines();
        Map<ZoneId, List<RuleSeries.Master>> byZone = new TreeMap<>(Comparator.comparing(ZoneId::getId));
        series.stream().map(RuleSeries::master).filter(Objects::nonNull).forEach(master -> byZone
                .computeIfAbsent(master.zone(), any -> new ArrayList<>()).add(master));
        byZone.forEach((zone, masters) -> TimeZoneComponent.write(zones, zone,
                masters.stream().map(RuleSeries.Master::firstStart).min(Instant::compareTo).orElseThrow(),
                masters.stream().map(RuleSeries.Master::until).max(Instant::compareTo).orElseThrow()));
        ContentLines events = new ContentLines();
        series.stream().filter(one -> one.master() != null)
                .sorted(Comparator.comparing((RuleSeries one) -> Objects.requireNonNull(one.master()).ruleId()))
                .forEach(one -> seriesEvents(events, one, stamp));
        // The zones go before the first event, the series after the single events.
        int firstEvent = document.indexOf("BEGIN:VEVENT" + CRLF);
        int end = document.lastIndexOf("END:VCALENDAR");
        String head = document.substring(0, firstEvent < 0 ? end : firstEvent);
        String singles = document.substring(firstEvent < 0 ? end : firstEvent, end);
        return folded(head + zones + singles + events + document.substring(end));
    }

    /** A series' own VEVENT (DTSTART with TZID, DURATION, RRULE bounded by UNTIL, EXDATEs), then its overrides. */
    private static void seriesEvents(ContentLines lines, RuleSeries series, Instant stamp) {
        RuleSeries.Master master = Objects.requireNonNull(series.master());
        String uid = master.ruleId() + SERIES_UID_DOMAIN;
        String zone = master.zone().getId();
        lines.line("BEGIN", "VEVENT");
        lines.text("UID", uid);
        lines.line("DTSTAMP", ContentLines.utc(stamp));
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
            lines.line("DTSTAMP", ContentLines.utc(stamp));
            lines.line("RECURRENCE-ID;TZID=" + zone, ContentLines.local(replacement.recurrenceId()));
            lines.line("DTSTART", ContentLines.utc(entry.start()));
            if (entry.end().isAfter(entry.start())) {
                lines.line("DTEND", ContentLines.utc(entry.end()));
            }
            texts(lines, entry);
            lines.text(OCCURRENCE_ID, entry.id());
            lines.line("END", "VEVENT");
        }
    }

    private static void texts(ContentLines lines, EntryView entry) {
        lines.text("SUMMARY", summary(entry));
        Set<String> categories = categories(entry);
        if (!categories.isEmpty()) {
            lines.line("CATEGORIES", categories.stream().map(ContentLines::escaped).collect(Collectors.joining(",")));
        }
        if (entry.ruleId() != null) {
            lines.text(RULE_ID, entry.ruleId());
        }
    }

    /**
     * The content lines folded as RFC 5545 (3.1) asks: at most 75 octets of UTF-8 a line, each
     * continuation starting with a space, never inside a character. ical4j's own outputter folds
     * at 75 chars, which a line of accented or CJK text overruns several times over.
     */
    static String folded(String unfolded) {
        StringBuilder document = new StringBuilder(unfolded.length() + unfolded.length() / 32);
        for (String line : unfolded.split(CRLF)) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int character = line.codePointAt(i);
                int size = utf8Octets(character);
                if (octets + size > MAX_LINE_OCTETS) {
                    document.append(CRLF).append(' ');
                    octets = 1;
                }
                document.appendCodePoint(character);
                octets += size;
                i += Character.charCount(character);
            }
            document.append(CRLF);
        }
        return document.toString();
    }

    private static int utf8Octets(int character) {
        if (character < 0x80) {
            return 1;
        }
        if (character < 0x800) {
            return 2;
        }
        return character < 0x10000 ? 3 : 4;
    }

    private static VEvent event(EntryView entry, DtStamp stamp) {
        // VEvent(false): no DTSTAMP of the wall clock; the export's own is added below.
        VEvent event = new VEvent(false);
        event.add(new Uid(entry.id() + UID_DOMAIN));
        event.add(stamp);
        event.add(new DtStart<>(entry.start()));
        // A zero-length entry has no DTEND: RFC 5545 then ends it at its start (3.6.1).
        if (entry.end().isAfter(entry.start())) {
            event.add(new DtEnd<>(entry.end()));
        }
        event.add(new Summary(summary(entry)));
        Set<String> categories = categories(entry);
        if (!categories.isEmpty()) {
            event.add(new Categories(new TextList(List.copyOf(categories))));
        }
        if (entry.ruleId() != null) {
            event.add(new XProperty(RULE_ID, entry.ruleId()));
        }
        return event;
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

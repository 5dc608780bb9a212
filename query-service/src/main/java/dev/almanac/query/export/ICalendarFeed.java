package dev.almanac.query.export;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        return folded(calendar.toString());
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
    private static Set<String> categories(EntryView entry) {
        Set<String> categories = new LinkedHashSet<>();
        if (!entry.type().isBlank()) {
            categories.add(entry.type());
        }
        entry.tags().stream().filter(tag -> !tag.isBlank()).forEach(categories::add);
        return categories;
    }
}

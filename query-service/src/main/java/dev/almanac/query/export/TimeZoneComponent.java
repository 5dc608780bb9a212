package dev.almanac.query.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A VTIMEZONE for a zone, written from the JDK's tz data, the same rules the occurrences were resolved with: the
 * observance in force at {@code from}, then one observance per transition until {@code till}. A client that reads
 * the VTIMEZONE (rather than knowing the IANA name of its TZID) places every local time exactly as Almanac does,
 * 30- and 45-minute offsets and Lord Howe's half-hour DST included.
 */
final class TimeZoneComponent {

    /** How far beyond the exported instants the transitions are written: a client may look a little past them. */
    static final long MARGIN_SECONDS = 400L * 86_400;

    private TimeZoneComponent() {
    }

    static void write(ContentLines lines, ZoneId zone, Instant from, Instant till) {
        ZoneRules rules = zone.getRules();
        Instant start = from.minusSeconds(MARGIN_SECONDS);
        Instant end = till.plusSeconds(MARGIN_SECONDS);
        lines.line("BEGIN", "VTIMEZONE");
        lines.line("TZID", zone.getId());
        ZoneOffset initial = rules.getOffset(start);
        ZoneOffsetTransition previous = rules.previousTransition(start);
        LocalDateTime onset = previous == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : previous.getDateTimeBefore();
        ZoneOffset before = previous == null ? initial : previous.getOffsetBefore();
        observance(lines, rules.isDaylightSavings(start), onset, before, initial);
        ZoneOffsetTransition next = rules.nextTransition(start);
        while (next != null && next.getInstant().isBefore(end)) {
            // DTSTART of an observance is its onset on the wall clock before it (RFC 5545, 3.6.5).
            observance(lines, rules.isDaylightSavings(next.getInstant()), next.getDateTimeBefore(), next.getOffsetBefore(),
                    next.getOffsetAfter());
            next = rules.nextTransition(next.getInstant());
        }
        lines.line("END", "VTIMEZONE");
    }

    private static void observance(ContentLines lines, boolean daylight, LocalDateTime onset, ZoneOffset from, ZoneOffset to) {
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        lines.line("BEGIN", kind);
        lines.line("DTSTART", ContentLines.local(onset));
        lines.line("TZOFFSETFROM", ContentLines.offset(from));
        lines.line("TZOFFSETTO", ContentLines.offset(to));
        lines.line("END", kind);
    }
}

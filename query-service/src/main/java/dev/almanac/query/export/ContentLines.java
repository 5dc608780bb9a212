package dev.almanac.query.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 5545 content lines, unfolded ({@link ICalendarFeed#folded} folds the document): a name, parameters and a value.
 * The series and time zone components are written here rather than through ical4j's date properties, which resolve a
 * TZID through ical4j's own bundled zone database (it can lag the JDK's tz data) and would rewrite a local time that a DST
 * gap skips (ADR 0082).
 */
final class ContentLines {

    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    private final StringBuilder lines = new StringBuilder();

    ContentLines line(String nameAndParameters, String value) {
        lines.append(nameAndParameters).append(':').append(value).append(ICalendarFeed.CRLF);
        return this;
    }

    /** A TEXT value, escaped as RFC 5545 (3.3.11) asks. */
    ContentLines text(String name, String value) {
        return line(name, escaped(value));
    }

    static String escaped(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            switch (character) {
                case '\\', ';', ',' -> escaped.append('\\').append(character);
                case '\n' -> escaped.append("\\n");
                case '\r' -> {
                    // A CR LF pair is one line break; a lone CR is dropped rather than written raw.
                }
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    static String local(LocalDateTime time) {
        return LOCAL.format(time);
    }

    static String utc(Instant instant) {
        return LOCAL.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "Z";
    }

    /** A UTC offset as TZOFFSETFROM and TZOFFSETTO write it: +0545, -0330, +103000 when it has seconds. */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int absolute = Math.abs(total);
        String text = String.format("%s%02d%02d", total < 0 ? "-" : "+", absolute / 3600, absolute / 60 % 60);
        return absolute % 60 == 0 ? text : text + String.format("%02d", absolute % 60);
    }

    @Override
    public String toString() {
        return lines.toString();
    }
}

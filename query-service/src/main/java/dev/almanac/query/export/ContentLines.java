package dev.almanac.query.export;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * RFC 5545 content lines, each folded as it is written: a name, parameters and a value, at most 75 octets of UTF-8 a line,
 * each continuation starting with a space, never inside a character (3.1). The whole document is written here, one
 * buffer from the first line to the last: ical4j's model costs an object graph, an escaping pass by regular expressions
 * and a second folding pass per event, which for a year of 10,000 events was most of the export's rendering (ADR 0082).
 * ical4j's date properties would also resolve a TZID through ical4j's own bundled zone database (it can lag the JDK's tz
 * data) and rewrite a local time that a DST gap skips.
 */
final class ContentLines {

    static final String CRLF = "\r\n";
    static final int MAX_LINE_OCTETS = 75;

    private final StringBuilder document;

    ContentLines() {
        this(1024);
    }

    ContentLines(int capacity) {
        this.document = new StringBuilder(capacity);
    }

    ContentLines line(String nameAndParameters, String value) {
        int start = document.length();
        document.append(nameAndParameters).append(':').append(value);
        foldFrom(start);
        document.append(CRLF);
        return this;
    }

    /** A line written as it is, but folded. */
    ContentLines whole(String line) {
        int start = document.length();
        document.append(line);
        foldFrom(start);
        document.append(CRLF);
        return this;
    }

    /** A TEXT value, escaped as RFC 5545 (3.3.11) asks. */
    ContentLines text(String name, String value) {
        return line(name, escaped(value));
    }

    /** A DATE-TIME value in UTC, {@code 20261201T150000Z}. */
    ContentLines utc(String name, Instant instant) {
        int start = document.length();
        document.append(name).append(':');
        appendLocal(document, LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC));
        document.append('Z');
        foldFrom(start);
        document.append(CRLF);
        return this;
    }

    /** Folds the line that starts at {@code start} and runs to the end of the buffer, where it is longer than a line may be. */
    private void foldFrom(int start) {
        int length = document.length() - start;
        // Three octets a char at most (a pair of surrogates is four for two): a line this short fits whatever it holds.
        if (length * 3 <= MAX_LINE_OCTETS) {
            return;
        }
        int octets = 0;
        for (int i = start; i < document.length(); ) {
            int character = document.codePointAt(i);
            int size = utf8Octets(character);
            if (octets + size > MAX_LINE_OCTETS) {
                document.insert(i, CRLF + " ");
                i += CRLF.length() + 1;
                octets = 1;
            }
            octets += size;
            i += Character.charCount(character);
        }
    }

    static String escaped(String text) {
        int i = 0;
        while (i < text.length() && !needsEscape(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
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

    private static boolean needsEscape(char character) {
        return character == '\\' || character == ';' || character == ',' || character == '\n' || character == '\r';
    }

    static String local(LocalDateTime time) {
        StringBuilder text = new StringBuilder(15);
        appendLocal(text, time);
        return text.toString();
    }

    static String utc(Instant instant) {
        return local(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC)) + "Z";
    }

    /** {@code uuuuMMdd'T'HHmmss}, by hand: a formatter costs a microsecond a call, and a year's export writes tens of thousands. */
    private static void appendLocal(StringBuilder text, LocalDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("RFC 5545 writes years 0000 to 9999, not " + year);
        }
        digits(text, year / 100);
        digits(text, year % 100);
        digits(text, time.getMonthValue());
        digits(text, time.getDayOfMonth());
        text.append('T');
        digits(text, time.getHour());
        digits(text, time.getMinute());
        digits(text, time.getSecond());
    }

    private static void digits(StringBuilder text, int twoDigits) {
        text.append((char) ('0' + twoDigits / 10)).append((char) ('0' + twoDigits % 10));
    }

    /** A UTC offset as TZOFFSETFROM and TZOFFSETTO write it: +0545, -0330, +103000 when it has seconds. */
    static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int absolute = Math.abs(total);
        String text = String.format("%s%02d%02d", total < 0 ? "-" : "+", absolute / 3600, absolute / 60 % 60);
        return absolute % 60 == 0 ? text : text + String.format("%02d", absolute % 60);
    }

    static int utf8Octets(int character) {
        if (character < 0x80) {
            return 1;
        }
        if (character < 0x800) {
            return 2;
        }
        return character < 0x10000 ? 3 : 4;
    }

    @Override
    public String toString() {
        return document.toString();
    }
}

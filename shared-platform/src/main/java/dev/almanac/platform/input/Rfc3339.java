package dev.almanac.platform.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Instants as requests must give them: an RFC 3339 date-time with an offset
 * ({@code 2026-12-01T15:00:00Z}, {@code 2026-12-01T10:00:00.250-05:00}), seconds included, a
 * four-digit year from 0001 to 9999, and nothing else: no epoch numbers, no {@code 24:00}, no
 * leap second {@code :60}, no trailing characters. Every component can store that range:
 * MongoDB dates, PostgreSQL timestamps and JavaScript's {@code Date}. Up to nine fractional
 * digits are read, and the instant is kept to the millisecond, the precision MongoDB and
 * JavaScript store, so that every read model gives back the instant the command stored.
 */
public final class Rfc3339 {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    public static final String RULE = "rfc3339";
    public static final String DESCRIPTION = "an RFC 3339 date-time with an offset and seconds, in the years 0001 to 9999,"
            + " for example 2026-12-01T15:00:00Z";

    private Rfc3339() {
    }

    /**
     * The instant, or empty when {@code text} is not one by the rules above. The text is read by position, and
     * java.time's own factories judge the values (month lengths, leap years, hours, offsets up to 18 hours), as its
     * strict formatter did: that formatter and a pattern for the shape were 1.5 % of command-service's CPU under the
     * load benchmark, where every command carries two instants.
     */
    public static Optional<Instant> parse(String text) {
        int length = text.length();
        if (length < 20 || length > 35 || text.charAt(4) != '-' || text.charAt(7) != '-' || (text.charAt(10) | 0x20) != 't'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int fractionEnd = at + 1;
            while (fractionEnd < length && isDigit(text.charAt(fractionEnd))) {
                fractionEnd++;
            }
            int fractionDigits = fractionEnd - at - 1;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Optional.empty();
            }
            nanos = digits(text, at + 1, fractionDigits);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
            at = fractionEnd;
        }
        if (at == length) {
            return Optional.empty();
        }
        char sign = text.charAt(at);
        boolean utc = (sign | 0x20) == 'z' && at + 1 == length;
        boolean offset = (sign == '+' || sign == '-') && at + 6 == length && text.charAt(at + 3) == ':';
        int offsetHours = offset ? digits(text, at + 1, 2) : 0;
        int offsetMinutes = offset ? digits(text, at + 4, 2) : 0;
        if (!utc && !offset || (year | month | day | hour | minute | second | nanos | offsetHours | offsetMinutes) < 0) {
            return Optional.empty();
        }
        try {
            ZoneOffset zoneOffset = sign == '-' ? ZoneOffset.ofHoursMinutes(-offsetHours, -offsetMinutes)
                    : ZoneOffset.ofHoursMinutes(offsetHours, offsetMinutes);
            Instant instant = LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(zoneOffset)
                    .truncatedTo(ChronoUnit.MILLIS);
            return instant.isBefore(MIN) || instant.isAfter(MAX) ? Optional.empty() : Optional.of(instant);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The decimal value of {@code count} ASCII digits from {@code from}, or -1 when any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

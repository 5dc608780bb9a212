package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Writes a whole-second instant as {@code Instant.toString()} does ({@code 2026-03-08T07:30:00Z}),
 * as ASCII bytes, without the formatter's allocations. Occurrence ids and jitter hash this text, so
 * it must match {@code Instant.toString()} byte for byte; for years outside 0000 to 9999, whose
 * text has a sign, the caller falls back to {@code Instant.toString()}. Every instant on the wire
 * is written through {@link #toString(Instant)} too: the formatter cost more than the rest of an
 * occurrence's JSON.
 *
 * <p>It reads that text back too ({@link #parse}), by arithmetic: every record consumed carries an
 * instant in its envelope and two to four in its JSON, and the formatter's parse was a sixth of
 * conflict-detector's CPU per record (ADR 0034). Only the plain form is read here,
 * four-digit years and fields in range; any other text gives null, and the caller parses it as
 * before, which accepts more and names what is wrong.
 */
public final class IsoInstants {

    public static final int LENGTH = 20;
    /** Where the seconds of {@code yyyy-MM-ddTHH:mm:ss} end, and a fraction or the {@code Z} begins. */
    private static final int SECONDS_END = LENGTH - 1;
    private static final long FIRST_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long END_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;
    /** What {@link #epochSecond(CharSequence)} answers for text not of the plain form. */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    private IsoInstants() {
    }

    public static boolean writable(long epochSecond) {
        return epochSecond >= FIRST_FAST && epochSecond < END_FAST;
    }

    /** Writes {@link #LENGTH} bytes at {@code offset}; only for {@link #writable} instants. */
    public static void write(long epochSecond, byte[] into, int offset) {
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        // Civil date from days, after Howard Hinnant's days_from_civil inverse: 400-year eras of 146,097 days.
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int shiftedMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);
        int century = year / 100;
        twoDigits(century, into, offset);
        twoDigits(year - century * 100, into, offset + 2);
        into[offset + 4] = '-';
        twoDigits(month, into, offset + 5);
        into[offset + 7] = '-';
        twoDigits(day, into, offset + 8);
        into[offset + 10] = 'T';
        int minuteOfDay = secondOfDay / 60;
        int hour = minuteOfDay / 60;
        twoDigits(hour, into, offset + 11);
        into[offset + 13] = ':';
        twoDigits(minuteOfDay - hour * 60, into, offset + 14);
        into[offset + 16] = ':';
        twoDigits(secondOfDay - minuteOfDay * 60, into, offset + 17);
        into[offset + 19] = 'Z';
    }

    /** The text {@code Instant.toString()} gives, by the fast path for whole seconds. */
    public static String toString(Instant instant) {
        return instant.getNano() == 0 ? toString(instant.getEpochSecond()) : instant.toString();
    }

    /** The text {@code Instant.toString()} gives, by the fast path where it can. */
    public static String toString(long epochSecond) {
        if (!writable(epochSecond)) {
            return Instant.ofEpochSecond(epochSecond).toString();
        }
        byte[] text = new byte[LENGTH];
        write(epochSecond, text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /**
     * The instant of {@code text} when it has the form {@code Instant.toString()} writes for years 0000
     * to 9999, {@code 2026-03-08T07:30:00Z} with or without 1 to 9 digits of fraction; {@code Instant.parse}
     * gives the same instant for it. Null for any other text, valid or not.
     */
    public static @Nullable Instant parse(CharSequence text) {
        int length = text.length();
        return length < LENGTH || text.charAt(length - 1) != 'Z' ? null : plain(text, length - 1);
    }

    /**
     * The instant that {@link #parse} gives for {@code text} with a {@code Z} after it: the wall-clock fields of a
     * plain local date-time ({@code 2026-03-08T07:30:00}, with 1 to 9 digits of fraction or none) as if on the UTC
     * clock. Null for any other text, a {@code Z} at its end included.
     */
    public static @Nullable Instant parseOnTheUtcClock(CharSequence localText) {
        return localText.length() < SECONDS_END ? null : plain(localText, localText.length());
    }

    /** The instant of the plain form in {@code text} up to {@code end}, which holds nothing else; null if it is not. */
    private static @Nullable Instant plain(CharSequence text, int end) {
        long epochSecond = epochSecond(text);
        int nanos = epochSecond == NOT_PLAIN ? -1 : fraction(text, end);
        return nanos < 0 ? null : Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The epoch second of {@code yyyy-MM-ddTHH:mm:ss} at the start of {@code text} read as UTC, or {@link #NOT_PLAIN}. */
    private static long epochSecond(CharSequence text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':') {
            return NOT_PLAIN;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_PLAIN;
        }
        // Days from the civil date, Howard Hinnant's days_from_civil: the inverse of write's arithmetic.
        int shiftedYear = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(shiftedYear, 400);
        int yearOfEra = shiftedYear - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long epochDay = era * 146_097L + dayOfEra - 719_468;
        return epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /** Nanoseconds of nothing (0) or of a point and 1 to 9 digits from the seconds' end to {@code to}; -1 for anything else. */
    private static int fraction(CharSequence text, int to) {
        int from = SECONDS_END;
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (text.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(text, from + 1, count);
        for (int scale = count; value >= 0 && scale < 9; scale++) {
            value *= 10;
        }
        return value;
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 if one is not an ASCII digit. */
    private static int digits(CharSequence text, int from, int count) {
        int value = 0;
        for (int index = from; index < from + count; index++) {
            int digit = text.charAt(index) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Two decimal digits of {@code value} (0 to 99), written out rather than looped: three instants go into every occurrence's JSON. */
    private static void twoDigits(int value, byte[] into, int offset) {
        int tens = value / 10;
        into[offset] = (byte) ('0' + tens);
        into[offset + 1] = (byte) ('0' + value - tens * 10);
    }
}

package dev.almanac.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes a whole-second instant as {@code Instant.toString()} does ({@code 2026-03-08T07:30:00Z}),
 * as ASCII bytes, without the formatter's allocations. Occurrence ids and jitter hash this text, so
 * it must match {@code Instant.toString()} byte for byte; for years outside 0000 to 9999, whose
 * text has a sign, the caller falls back to {@code Instant.toString()}. Every instant on the wire
 * is written through {@link #toString(Instant)} too: the formatter cost more than the rest of an
 * occurrence's JSON.
 */
public final class IsoInstants {

    public static final int LENGTH = 20;
    private static final long FIRST_FAST = LocalDate.of(0, 1, 1).toEpochDay() * 86_400L;
    private static final long END_FAST = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

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

    /** Two decimal digits of {@code value} (0 to 99), written out rather than looped: three instants go into every occurrence's JSON. */
    private static void twoDigits(int value, byte[] into, int offset) {
        int tens = value / 10;
        into[offset] = (byte) ('0' + tens);
        into[offset + 1] = (byte) ('0' + value - tens * 10);
    }
}

package dev.almanac.events;

/**
 * Date-times as text on one wall clock, the date worked out again only when the day changes: a
 * week's free slots fall on eight days. With offset 0 the text is {@link java.time.Instant#toString()}'s
 * ({@code 2026-12-01T15:00:00Z}); otherwise it is what
 * {@link java.time.format.DateTimeFormatter#ISO_OFFSET_DATE_TIME} gives an
 * {@link java.time.OffsetDateTime} of whole seconds ({@code 2026-12-01T10:00:00-05:00}), which also
 * ends in {@code Z} at offset 0. Only for {@link #writable} instants; callers fall back to the
 * formatter for the rest. Not thread-safe: it keeps the last day it wrote.
 */
public final class WallClockText {

    /** The longest text: 19 characters of date and time, then {@code +HH:MM}. */
    public static final int LONGEST = 25;

    private final byte[] bytes = new byte[IsoInstants.LENGTH];
    private long epochDay = Long.MIN_VALUE;

    /** Whether the text of the instant comes from arithmetic: a year of four digits either way, an offset of whole minutes. */
    public static boolean writable(long epochSecond, int offsetSeconds) {
        return IsoInstants.writable(epochSecond) && IsoInstants.writable(epochSecond + offsetSeconds) && offsetSeconds % 60 == 0;
    }

    /** Writes the text of {@code epochSecond} at {@code offsetSeconds} from UTC into {@code text}; returns its length. */
    public int write(long epochSecond, int offsetSeconds, char[] text) {
        long wall = epochSecond + offsetSeconds;
        long day = Math.floorDiv(wall, 86_400L);
        if (day != epochDay) {
            // "yyyy-MM-ddT" of the day, from the UTC text of its midnight.
            IsoInstants.write(day * 86_400L, bytes, 0);
            epochDay = day;
        }
        for (int i = 0; i < 11; i++) {
            text[i] = (char) bytes[i];
        }
        int secondOfDay = (int) (wall - day * 86_400L);
        twoDigits(secondOfDay / 3600, text, 11);
        text[13] = ':';
        twoDigits(secondOfDay / 60 % 60, text, 14);
        text[16] = ':';
        twoDigits(secondOfDay % 60, text, 17);
        int length = 19;
        if (offsetSeconds == 0) {
            text[length++] = 'Z';
        } else {
            int minutes = Math.abs(offsetSeconds) / 60;
            text[length++] = offsetSeconds < 0 ? '-' : '+';
            twoDigits(minutes / 60, text, length);
            text[length + 2] = ':';
            twoDigits(minutes % 60, text, length + 3);
            length += 5;
        }
        return length;
    }

    private static void twoDigits(int value, char[] text, int at) {
        text[at] = (char) ('0' + value / 10);
        text[at + 1] = (char) ('0' + value % 10);
    }
}

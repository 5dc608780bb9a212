package dev.almanac.query.entry;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * UTC days and their 15-minute slots, the grain of the pre-aggregated read models. Every offset in
 * today's tz database, and every transition, falls on a 15-minute boundary (+05:45, +12:45, Lord
 * Howe's 30-minute shift), so the slots of a UTC day roll up exactly into any zone's local hours,
 * days and weeks; where an older offset does not, the window counts that slot entry by entry.
 */
public final class UtcSlots {

    public static final Duration SLOT = Duration.ofMinutes(15);
    public static final int PER_DAY = 96;

    private static final long SLOT_SECONDS = SLOT.toSeconds();

    private UtcSlots() {
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The slot of its UTC day that contains {@code instant}, 0 to 95. */
    public static int slotOf(Instant instant) {
        return (int) (Math.floorMod(instant.getEpochSecond(), 86_400L) / SLOT_SECONDS);
    }

    public static Instant slotStart(LocalDate day, int slot) {
        return startOf(day).plusSeconds(slot * SLOT_SECONDS);
    }

    /** The UTC days {@code [start, end)} overlaps, in order; only the start's day when it has no length. */
    public static List<LocalDate> daysOverlapping(Instant start, Instant end) {
        LocalDate first = dayOf(start);
        LocalDate last = end.isAfter(start) ? dayOf(end.minusNanos(1)) : first;
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day);
        }
        return days;
    }
}

package dev.almanac.query.window;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;
import dev.almanac.query.entry.Varints;

/**
 * How many entries of each calendar start in each slot of one UTC day, as one binary value: the
 * part of a {@link WindowDay} that the window over all calendars needs for its per-queue counts.
 * The format: the number of calendars, then per calendar its id, its number of non-empty slots,
 * and each such slot with its count, all as varints.
 */
final class CalendarSlotCounts {

    private CalendarSlotCounts() {
    }

    static byte[] encode(Map<String, SlotSummary> calendars) {
        Varints.Writer out = new Varints.Writer(32 + calendars.size() * 64);
        out.writeLong(calendars.size());
        calendars.forEach((calendarId, summary) -> writeCalendar(out, calendarId, summary));
        return out.toByteArray();
    }

    private static void writeCalendar(Varints.Writer out, String calendarId, SlotSummary summary) {
        out.writeBytes(calendarId.getBytes(StandardCharsets.UTF_8));
        int slots = 0;
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            slots += summary.count(slot) == 0 ? 0 : 1;
        }
        out.writeLong(slots);
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            if (summary.count(slot) != 0) {
                out.writeByte(slot).writeLong(summary.count(slot));
            }
        }
    }

    /**
     * The counts {@code stored} were encoded from, with the calendars {@code changed} as {@code calendars} now holds
     * them (left out where it holds none): the same bytes as {@link #encode} of {@code calendars}, decoding only the
     * changed calendars' summaries and copying every other calendar's part as stored.
     *
     * @param calendars each calendar's summary bytes, in calendar order: every calendar of {@code stored} not in
     *                  {@code changed}, and the changed ones that have any
     */
    static byte[] replaced(byte[] stored, SortedMap<String, byte[]> calendars, Set<String> changed) {
        Map<String, int[]> parts = parts(stored);
        Varints.Writer out = new Varints.Writer(stored.length + changed.size() * 64);
        out.writeLong(calendars.size());
        calendars.forEach((calendarId, summary) -> {
            int[] part = changed.contains(calendarId) ? null : parts.get(calendarId);
            if (part == null) {
                writeCalendar(out, calendarId, SlotSummary.fromBytes(summary));
            } else {
                out.writeRaw(stored, part[0], part[1]);
            }
        });
        return out.toByteArray();
    }

    /** The same counts without those of the calendars {@code left}, for a window that does not show them. */
    static byte[] without(byte[] bytes, Set<String> left) {
        Map<String, int[]> parts = parts(bytes);
        parts.keySet().removeAll(left);
        Varints.Writer out = new Varints.Writer(bytes.length);
        out.writeLong(parts.size());
        parts.values().forEach(part -> out.writeRaw(bytes, part[0], part[1]));
        return out.toByteArray();
    }

    /** Where each calendar's part (its id, then its slots) begins and ends, in the order written. */
    private static Map<String, int[]> parts(byte[] bytes) {
        Varints.Reader in = new Varints.Reader(bytes);
        int calendars = in.readInt();
        Map<String, int[]> parts = new LinkedHashMap<>(calendars * 2);
        for (int i = 0; i < calendars; i++) {
            int start = in.position();
            String calendarId = in.readString();
            int slots = in.readInt();
            for (int j = 0; j < slots; j++) {
                in.readByte();
                in.readLong();
            }
            parts.put(calendarId, new int[] {start, in.position()});
        }
        return parts;
    }

    /** Hands every calendar's non-empty slots to {@code visitor}, calendar by calendar. */
    static void decode(byte[] bytes, Visitor visitor) {
        Varints.Reader in = new Varints.Reader(bytes);
        int calendars = in.readInt();
        for (int i = 0; i < calendars; i++) {
            String calendarId = in.readString();
            visitor.calendar(calendarId);
            int slots = in.readInt();
            for (int j = 0; j < slots; j++) {
                int slot = in.readByte();
                visitor.slot(slot, in.readInt());
            }
        }
    }

    /** Receives a calendar, then that calendar's slots. */
    interface Visitor {

        void calendar(String calendarId);

        void slot(int slot, int count);
    }
}

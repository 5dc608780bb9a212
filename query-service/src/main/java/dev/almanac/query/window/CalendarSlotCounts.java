package dev.almanac.query.window;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        calendars.forEach((calendarId, summary) -> {
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
        });
        return out.toByteArray();
    }

    /** The same counts without those of the calendars {@code left}, for a window that does not show them. */
    static byte[] without(byte[] bytes, Set<String> left) {
        Varints.Reader in = new Varints.Reader(bytes);
        int calendars = in.readInt();
        List<String> kept = new ArrayList<>(calendars);
        List<int[]> slots = new ArrayList<>(calendars);
        for (int i = 0; i < calendars; i++) {
            String calendarId = in.readString();
            int[] pairs = new int[in.readInt() * 2];
            for (int j = 0; j < pairs.length; j += 2) {
                pairs[j] = in.readByte();
                pairs[j + 1] = in.readInt();
            }
            if (!left.contains(calendarId)) {
                kept.add(calendarId);
                slots.add(pairs);
            }
        }
        Varints.Writer out = new Varints.Writer(bytes.length);
        out.writeLong(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            out.writeBytes(kept.get(i).getBytes(StandardCharsets.UTF_8));
            int[] pairs = slots.get(i);
            out.writeLong(pairs.length / 2);
            for (int j = 0; j < pairs.length; j += 2) {
                out.writeByte(pairs[j]).writeLong(pairs[j + 1]);
            }
        }
        return out.toByteArray();
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

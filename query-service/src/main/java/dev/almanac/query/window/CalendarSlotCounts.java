package dev.almanac.query.window;

import java.nio.charset.StandardCharsets;
import java.util.Map;

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

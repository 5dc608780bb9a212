package dev.almanac.query.window;

import java.util.Set;
import java.util.function.Consumer;

import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import dev.almanac.query.access.PrivateRules;
import dev.almanac.query.entry.CalendarDayCodec;
import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * A day's counts as read: the summary decoded to be added up, and the bytes it was read as, which a kept answer holds
 * ({@link KeptDays.Day}) rather than encoding it again; null where the summary was derived (calendars hidden), and
 * encoded only if the answer is kept.
 */
record DayCounts(SlotSummary summary, byte @Nullable [] summaryBytes, byte @Nullable [] calendarCounts) {

    /**
     * A window day's counts: as stored for every calendar, or, with calendars hidden, the hidden calendars' summaries
     * taken away from them, so that nothing of a hidden calendar reaches the totals, the types, the seconds or the
     * queues. Taking away the few hidden calendars costs less than adding up again the many others.
     */
    static DayCounts windowDay(Document document, Set<String> hidden) {
        byte[] allBytes = document.get(WindowDayCodec.ALL, Binary.class).getData();
        SlotSummary all = SlotSummary.fromBytes(allBytes);
        byte[] counts = document.get(WindowDayCodec.COUNTS, Binary.class).getData();
        Document hiddenSummaries = hidden.isEmpty() ? null : document.get(WindowDayCodec.CALENDARS, Document.class);
        if (hiddenSummaries == null || hiddenSummaries.isEmpty()) {
            return new DayCounts(all, allBytes, counts);
        }
        SlotSummary.Builder shown = SlotSummary.builder().addAll(all);
        hiddenSummaries.values().forEach(summary -> shown.subtractAll(SlotSummary.fromBytes(((Binary) summary).getData())));
        return new DayCounts(shown.build(), null, CalendarSlotCounts.without(counts, hidden));
    }

    static DayCounts calendarDay(Document document) {
        byte[] summary = CalendarDayCodec.summaryBytes(document);
        return new DayCounts(SlotSummary.fromBytes(summary), summary, null);
    }

    KeptDays.Day kept() {
        return new KeptDays.Day(summaryBytes != null ? summaryBytes : summary.toBytes(), calendarCounts);
    }

    /**
     * Adds a day's whole slots to the grid ({@code sign} 1), or takes them away ({@code sign} -1): seconds and types
     * from its summary, counts per queue from its calendars' counts, or all to {@code queue} for one calendar's day.
     * Each calendar with entries in a split slot goes to {@code splitCalendar}, whose entries are counted one by one.
     * Types are counted as {@code rules} make them ({@link CountedTypes}).
     */
    void addTo(BucketGrid grid, int[] buckets, @Nullable String queue, int sign, Consumer<String> splitCalendar, PrivateRules rules) {
        addSlots(grid, buckets, summary, sign, rules);
        if (queue != null) {
            int ordinal = grid.queue(queue);
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                if (buckets[slot] >= 0 && summary.count(slot) > 0) {
                    grid.addCounts(buckets[slot], ordinal, (long) sign * summary.count(slot));
                }
            }
            return;
        }
        if (calendarCounts == null) {
            throw new IllegalStateException("a window day's counts were not kept");
        }
        CalendarSlotCounts.decode(calendarCounts, new CalendarSlotCounts.Visitor() {
            private String calendarId = "";
            private int ordinal;

            @Override
            public void calendar(String id) {
                calendarId = id;
                ordinal = grid.queue(id);
            }

            @Override
            public void slot(int slot, int count) {
                int bucket = buckets[slot];
                if (bucket >= 0) {
                    grid.addCounts(bucket, ordinal, (long) sign * count);
                } else if (bucket == SlotPlan.SPLIT) {
                    splitCalendar.accept(calendarId);
                }
            }
        });
    }

    /** Seconds and types of the whole slots of one day, added ({@code sign} 1) or taken away (-1); counts go per queue, by the caller. */
    private static void addSlots(BucketGrid grid, int[] buckets, SlotSummary summary, int sign, PrivateRules rules) {
        int[] types = summary.types().stream().mapToInt(type -> grid.type(CountedTypes.of(type, rules))).toArray();
        for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
            int bucket = buckets[slot];
            if (bucket < 0 || summary.count(slot) == 0) {
                continue;
            }
            grid.addSeconds(bucket, sign * summary.seconds(slot));
            for (int type = 0; type < types.length; type++) {
                int count = summary.typeCount(type, slot);
                if (count != 0) {
                    grid.addType(bucket, types[type], (long) sign * count);
                }
            }
        }
    }
}

package dev.almanac.query.horizon;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.query.entry.SlotSummary;
import dev.almanac.query.entry.UtcSlots;

/**
 * The occurrences beyond the horizon that start on one UTC day, counted per 15-minute slot as the
 * materialised read models count theirs: every calendar's summary, all of them added up, and per
 * calendar the running count over the slots, so that a window adds a run of slots falling in one
 * bucket with one subtraction instead of one addition per slot.
 */
public final class VirtualDay {

    static final VirtualDay EMPTY = new VirtualDay(Map.of(), SlotSummary.EMPTY, Map.of());

    private final Map<String, SlotSummary> calendars;
    private final SlotSummary all;
    private final Map<String, int[]> runningCounts;

    private VirtualDay(Map<String, SlotSummary> calendars, SlotSummary all, Map<String, int[]> runningCounts) {
        this.calendars = calendars;
        this.all = all;
        this.runningCounts = runningCounts;
    }

    /** The day of these rules' occurrences, each with the summary of its own that day. */
    static VirtualDay of(List<Map.Entry<RuleOccurrences, SlotSummary>> rules) {
        Map<String, SlotSummary.Builder> builders = new HashMap<>();
        for (Map.Entry<RuleOccurrences, SlotSummary> rule : rules) {
            if (!rule.getValue().isEmpty()) {
                builders.computeIfAbsent(rule.getKey().calendarId(), calendar -> SlotSummary.builder()).addAll(rule.getValue());
            }
        }
        if (builders.isEmpty()) {
            return EMPTY;
        }
        Map<String, SlotSummary> calendars = new HashMap<>();
        Map<String, int[]> running = new HashMap<>();
        SlotSummary.Builder all = SlotSummary.builder();
        builders.forEach((calendarId, builder) -> {
            SlotSummary summary = builder.build();
            calendars.put(calendarId, summary);
            all.addAll(summary);
            int[] counts = new int[UtcSlots.PER_DAY + 1];
            for (int slot = 0; slot < UtcSlots.PER_DAY; slot++) {
                counts[slot + 1] = counts[slot] + summary.count(slot);
            }
            running.put(calendarId, counts);
        });
        return new VirtualDay(Collections.unmodifiableMap(calendars), all.build(), Collections.unmodifiableMap(running));
    }

    public boolean isEmpty() {
        return calendars.isEmpty();
    }

    /** Every calendar's occurrences added up. */
    public SlotSummary all() {
        return all;
    }

    /** One calendar's occurrences; empty for a calendar without any that day. */
    public SlotSummary of(String calendarId) {
        return calendars.getOrDefault(calendarId, SlotSummary.EMPTY);
    }

    /** The calendars with occurrences that day. */
    public Iterable<String> calendars() {
        return calendars.keySet();
    }

    /** How many of the calendar's occurrences start in the slots {@code [fromSlot, toSlot)}. */
    public int count(String calendarId, int fromSlot, int toSlot) {
        int[] counts = runningCounts.get(calendarId);
        return counts == null ? 0 : counts[toSlot] - counts[fromSlot];
    }
}

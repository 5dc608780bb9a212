package dev.almanac.query.horizon;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.almanac.query.entry.SlotSummary;

/**
 * The occurrences beyond the horizon that start on one UTC day, counted per 15-minute slot as the
 * materialised read models count theirs: every calendar's summary and all of them added up, each
 * also as {@link RunningSlots}, so that a window adds a run of slots falling in one bucket with one
 * subtraction instead of one addition per slot.
 */
public final class VirtualDay {

    static final VirtualDay EMPTY = new VirtualDay(Map.of(), SlotSummary.EMPTY, Map.of(), RunningSlots.EMPTY);

    private final Map<String, SlotSummary> calendars;
    private final SlotSummary all;
    private final Map<String, RunningSlots> running;
    private final RunningSlots runningAll;
    private final String[] calendarIds;
    private final RunningSlots[] runningByCalendar;

    private VirtualDay(Map<String, SlotSummary> calendars, SlotSummary all, Map<String, RunningSlots> running, RunningSlots runningAll) {
        this.calendars = calendars;
        this.all = all;
        this.running = running;
        this.runningAll = runningAll;
        this.calendarIds = running.keySet().toArray(String[]::new);
        this.runningByCalendar = new RunningSlots[calendarIds.length];
        for (int i = 0; i < calendarIds.length; i++) {
            runningByCalendar[i] = running.get(calendarIds[i]);
        }
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
        Map<String, RunningSlots> running = new HashMap<>();
        SlotSummary.Builder all = SlotSummary.builder();
        builders.forEach((calendarId, builder) -> {
            SlotSummary summary = builder.build();
            calendars.put(calendarId, summary);
            running.put(calendarId, new RunningSlots(summary));
            all.addAll(summary);
        });
        SlotSummary merged = all.build();
        return new VirtualDay(Collections.unmodifiableMap(calendars), merged, Collections.unmodifiableMap(running), new RunningSlots(merged));
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

    /** The calendars with occurrences that day, in the order {@link #running(int)} numbers them. */
    public List<String> calendars() {
        return List.of(calendarIds);
    }

    /** The running totals of the calendar with this index in {@link #calendars()}: the window's inner loop, without a lookup. */
    public RunningSlots running(int calendar) {
        return runningByCalendar[calendar];
    }

    /** Every calendar's occurrences added up, as running totals. */
    public RunningSlots runningAll() {
        return runningAll;
    }

    /** One calendar's occurrences as running totals; empty for a calendar without any that day. */
    public RunningSlots running(String calendarId) {
        return running.getOrDefault(calendarId, RunningSlots.EMPTY);
    }
}

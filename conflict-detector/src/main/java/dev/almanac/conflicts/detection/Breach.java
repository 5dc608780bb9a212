package dev.almanac.conflicts.detection;

import java.util.List;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictId;

/**
 * A stretch of time in which a calendar holds more entries than its capacity.
 *
 * @param id              derived from the calendar and the entries, so the same clash always has the same id
 * @param window          from the first instant the capacity is exceeded to the last, half-open
 * @param peakConcurrency the most entries that overlap at any instant of the window
 * @param entries         every entry that takes part, ordered by key
 */
public record Breach(ConflictId id, TimeRange window, int peakConcurrency, List<Entry> entries) {

    public Breach {
        entries = List.copyOf(entries);
    }

    public boolean involves(EntryKey key) {
        return entries.stream().anyMatch(entry -> entry.key().equals(key));
    }
}

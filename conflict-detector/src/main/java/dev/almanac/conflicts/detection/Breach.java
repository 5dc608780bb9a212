package dev.almanac.conflicts.detection;

import java.util.List;

import dev.almanac.events.TimeRange;
import dev.almanac.events.conflict.ConflictId;

/**
 * A stretch of time in which more entries overlap than a calendar or resource can hold, or, for a
 * warning, nearly as many as it can (SCH-022).
 *
 * @param id              derived from the calendar or resource, the kind and the entries, so the same clash always has the same id
 * @param window          from the first instant the count holds to the last, half-open
 * @param peakConcurrency the most entries that overlap at any instant of the window
 * @param entries         every entry that takes part, ordered by key
 */
public record Breach(ConflictId id, TimeRange window, int peakConcurrency, List<Entry> entries, Kind kind) {

    /** Over the capacity, or at 80 % of it or more without exceeding it. */
    public enum Kind {
        OVER_CAPACITY,
        NEAR_CAPACITY
    }

    public Breach {
        entries = List.copyOf(entries);
    }

    /** More entries than the capacity. */
    public Breach(ConflictId id, TimeRange window, int peakConcurrency, List<Entry> entries) {
        this(id, window, peakConcurrency, entries, Kind.OVER_CAPACITY);
    }

    public boolean involves(EntryKey key) {
        return entries.stream().anyMatch(entry -> entry.key().equals(key));
    }

    public boolean warning() {
        return kind == Kind.NEAR_CAPACITY;
    }
}

package dev.almanac.conflicts.testing;

import java.time.Instant;
import java.time.LocalTime;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.TimeRange;

/** Entries on one day, written as wall-clock times in UTC so that tests read like a calendar. */
public final class Entries {

    public static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

    private Entries() {
    }

    public static Instant at(String time) {
        return DAY.plusSeconds(LocalTime.parse(time).toSecondOfDay());
    }

    public static TimeRange slot(String from, String to) {
        return new TimeRange(at(from), at(to));
    }

    public static Entry item(String id, String from, String to) {
        return new Entry(EntryKey.item(id), "Item " + id, slot(from, to));
    }

    public static Entry occurrence(String id, String from, String to) {
        return new Entry(EntryKey.occurrence(id), "Occurrence " + id, slot(from, to));
    }
}

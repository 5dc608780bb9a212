package dev.almanac.conflicts.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictId;

/**
 * Finds where more entries overlap than a calendar's capacity allows, by a sweep over the
 * entries' boundaries. Between two consecutive boundaries the set of entries is constant (an
 * elementary segment); a segment with more entries than the capacity is a breach. Consecutive
 * breach segments that touch and share an entry are one conflict: its entries are the union,
 * its window the merged span and its peak the largest count.
 */
public final class CapacityBreaches {

    private CapacityBreaches() {
    }

    /** Breaches among {@code entries}, ordered by the start of their window. Entries with the same key count once. */
    public static List<Breach> find(CalendarId calendarId, int capacity, Collection<Entry> entries) {
        Map<EntryKey, Entry> distinct = new TreeMap<>();
        entries.forEach(entry -> distinct.putIfAbsent(entry.key(), entry));

        TreeSet<Instant> boundaries = new TreeSet<>();
        Map<Instant, List<Entry>> startingAt = new TreeMap<>();
        Map<Instant, List<Entry>> endingAt = new TreeMap<>();
        for (Entry entry : distinct.values()) {
            boundaries.add(entry.time().start());
            boundaries.add(entry.time().end());
            startingAt.computeIfAbsent(entry.time().start(), at -> new ArrayList<>()).add(entry);
            endingAt.computeIfAbsent(entry.time().end(), at -> new ArrayList<>()).add(entry);
        }

        List<Breach> breaches = new ArrayList<>();
        Map<EntryKey, Entry> active = new TreeMap<>();
        BreachBuilder current = null;
        Instant segmentStart = null;
        for (Instant boundary : boundaries) {
            if (segmentStart != null && active.size() > capacity) {
                TimeRange segment = new TimeRange(segmentStart, boundary);
                if (current != null && current.continuesInto(segment, active.keySet())) {
                    current.extend(segment, active.values());
                } else {
                    flush(current, calendarId, breaches);
                    current = new BreachBuilder(segment, active.values());
                }
            } else {
                flush(current, calendarId, breaches);
                current = null;
            }
            // Half-open intervals: an entry ending here has left before one starting here arrives.
            endingAt.getOrDefault(boundary, List.of()).forEach(entry -> active.remove(entry.key()));
            startingAt.getOrDefault(boundary, List.of()).forEach(entry -> active.put(entry.key(), entry));
            segmentStart = boundary;
        }
        flush(current, calendarId, breaches);
        return breaches;
    }

    /** The conflict id of a set of entries on a calendar; the order of the keys does not matter. */
    public static ConflictId conflictId(CalendarId calendarId, Collection<EntryKey> keys) {
        String[] parts = Stream.concat(
                        Stream.of("conflict", calendarId.value()),
                        keys.stream().sorted().map(EntryKey::token).distinct())
                .toArray(String[]::new);
        return ConflictId.of(Identifiers.derive(parts));
    }

    private static void flush(@Nullable BreachBuilder builder, CalendarId calendarId, List<Breach> breaches) {
        if (builder != null) {
            breaches.add(builder.build(calendarId));
        }
    }

    private static final class BreachBuilder {

        private final Map<EntryKey, Entry> entries = new TreeMap<>();
        private TimeRange window;
        private int peak;

        BreachBuilder(TimeRange segment, Collection<Entry> active) {
            this.window = segment;
            extend(segment, active);
        }

        boolean continuesInto(TimeRange segment, Collection<EntryKey> active) {
            return window.end().equals(segment.start()) && active.stream().anyMatch(entries::containsKey);
        }

        void extend(TimeRange segment, Collection<Entry> active) {
            window = window.span(segment);
            peak = Math.max(peak, active.size());
            active.forEach(entry -> entries.put(entry.key(), entry));
        }

        Breach build(CalendarId calendarId) {
            return new Breach(conflictId(calendarId, entries.keySet()), window, peak, List.copyOf(entries.values()));
        }
    }
}

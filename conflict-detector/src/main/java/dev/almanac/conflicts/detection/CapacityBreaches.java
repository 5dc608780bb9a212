package dev.almanac.conflicts.detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.Identifiers;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.CapacityWarnings;
import dev.almanac.events.conflict.ConflictId;

/**
 * Finds where more entries overlap than a calendar's capacity allows, by a sweep over the
 * entries' boundaries. Between two consecutive boundaries the set of entries is constant (an
 * elementary segment); a segment with more entries than the capacity is a breach. Consecutive
 * breach segments that touch and share an entry are one conflict: its entries are the union,
 * its window the merged span and its peak the largest count.
 *
 * <p>The same sweep finds the warnings of SCH-022 when asked: segments holding 80 % of the capacity
 * or more, merged the same way, so that a breach lies inside a warning. A calendar of capacity 1 has
 * no warnings: 80 % of it is a lone entry, and a second one is a breach. Since every entry of a
 * merged stretch is active between any two of its segments, two stretches of the same kind never
 * have the same entries, and so never the same id.
 */
public final class CapacityBreaches {

    private CapacityBreaches() {
    }

    /** Breaches among {@code entries}, ordered by the start of their window. Entries with the same key count once. */
    public static List<Breach> find(CalendarId calendarId, int capacity, Collection<Entry> entries) {
        return sweep(keys -> conflictId(calendarId, keys), null, capacity, entries);
    }

    /** Breaches and SCH-022 warnings among {@code entries}, ordered by the start of their window. */
    public static List<Breach> findWithWarnings(CalendarId calendarId, int capacity, Collection<Entry> entries) {
        return sweep(keys -> conflictId(calendarId, keys), keys -> warningId(calendarId, keys), capacity, entries);
    }

    /** Breaches among {@code entries}, with ids of the caller's own derivation (a resource's, for one). */
    public static List<Breach> find(Function<Collection<EntryKey>, ConflictId> idOf, int capacity, Collection<Entry> entries) {
        return sweep(idOf, null, capacity, entries);
    }

    /** The smallest count that warns on a calendar of this capacity: 80 % rounded up; none for a capacity of 1. */
    public static int warningThreshold(int capacity) {
        return CapacityWarnings.threshold(capacity);
    }

    /** The conflict id of a set of entries on a calendar; the order of the keys does not matter. */
    public static ConflictId conflictId(CalendarId calendarId, Collection<EntryKey> keys) {
        return derive("conflict", calendarId.value(), keys);
    }

    /** The id of an SCH-022 warning over a set of entries on a calendar. */
    public static ConflictId warningId(CalendarId calendarId, Collection<EntryKey> keys) {
        return derive("capacity-warning", calendarId.value(), keys);
    }

    /** An id derived from a kind, a scope and a set of entries; the order of the keys does not matter. */
    public static ConflictId derive(String kind, String scope, Collection<EntryKey> keys) {
        String[] parts = Stream.concat(Stream.of(kind, scope), keys.stream().sorted().map(EntryKey::token).distinct())
                .toArray(String[]::new);
        return ConflictId.of(Identifiers.derive(parts));
    }

    private static List<Breach> sweep(Function<Collection<EntryKey>, ConflictId> breachId,
                                      @Nullable Function<Collection<EntryKey>, ConflictId> warningId, int capacity,
                                      Collection<Entry> entries) {
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

        int warnFrom = warningId == null ? Integer.MAX_VALUE : warningThreshold(capacity);
        List<Breach> found = new ArrayList<>();
        Run over = new Run(breachId, Breach.Kind.OVER_CAPACITY, found);
        Run near = warningId == null ? null : new Run(warningId, Breach.Kind.NEAR_CAPACITY, found);
        Map<EntryKey, Entry> active = new TreeMap<>();
        Instant segmentStart = null;
        for (Instant boundary : boundaries) {
            if (segmentStart != null) {
                TimeRange segment = new TimeRange(segmentStart, boundary);
                int count = active.size();
                over.segment(count > capacity, segment, active);
                if (near != null) {
                    near.segment(count >= warnFrom, segment, active);
                }
            }
            // Half-open intervals: an entry ending here has left before one starting here arrives.
            endingAt.getOrDefault(boundary, List.of()).forEach(entry -> active.remove(entry.key()));
            startingAt.getOrDefault(boundary, List.of()).forEach(entry -> active.put(entry.key(), entry));
            segmentStart = boundary;
        }
        over.flush();
        if (near != null) {
            near.flush();
        }
        found.sort((a, b) -> a.window().start().compareTo(b.window().start()));
        return found;
    }

    /** Consecutive segments of one kind, merged while they touch and share an entry. */
    private static final class Run {

        private final Function<Collection<EntryKey>, ConflictId> idOf;
        private final Breach.Kind kind;
        private final List<Breach> found;
        private @Nullable BreachBuilder current;

        Run(Function<Collection<EntryKey>, ConflictId> idOf, Breach.Kind kind, List<Breach> found) {
            this.idOf = idOf;
            this.kind = kind;
            this.found = found;
        }

        void segment(boolean counts, TimeRange segment, Map<EntryKey, Entry> active) {
            if (!counts) {
                flush();
                return;
            }
            if (current != null && current.continuesInto(segment, active.keySet())) {
                current.extend(segment, active.values());
            } else {
                flush();
                current = new BreachBuilder(segment, active.values());
            }
        }

        void flush() {
            if (current != null) {
                found.add(current.build(idOf, kind));
                current = null;
            }
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

        Breach build(Function<Collection<EntryKey>, ConflictId> idOf, Breach.Kind kind) {
            return new Breach(idOf.apply(entries.keySet()), window, peak, List.copyOf(entries.values()), kind);
        }
    }
}

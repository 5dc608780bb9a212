package dev.almanac.recurrence;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * The exceptions to a rule's series, each keyed by its recurrence id: the instant the series
 * resolves the occurrence to (RFC 5545's RECURRENCE-ID, the occurrence's {@code resolved_at}, from
 * which its id derives). An occurrence is cancelled (RFC 5545's EXDATE) or moved to an explicit
 * start; a cancellation wins over a move, which is kept to say where the occurrence was when it
 * was cancelled. {@code endsAt}, when set, ends the series: no occurrence
 * resolving at or after it. Keyed by instant rather than occurrence id, so that checking an
 * expansion against them costs a lookup per occurrence, not an id derivation.
 */
public record SeriesExceptions(Set<Instant> cancelled, Map<Instant, Instant> moved, @Nullable Instant endsAt) {

    public static final SeriesExceptions NONE = new SeriesExceptions(Set.of(), Map.of(), null);

    public SeriesExceptions {
        cancelled = Collections.unmodifiableSortedSet(new TreeSet<>(cancelled));
        moved = Collections.unmodifiableSortedMap(new TreeMap<>(moved));
    }

    /** These exceptions with the occurrence of {@code recurrenceId} cancelled. */
    public SeriesExceptions cancelling(Instant recurrenceId) {
        Set<Instant> more = new HashSet<>(cancelled);
        more.add(recurrenceId);
        return new SeriesExceptions(more, moved, endsAt);
    }

    /** These exceptions with the occurrence of {@code recurrenceId} moved to {@code start}, replacing an earlier move of it. */
    public SeriesExceptions moving(Instant recurrenceId, Instant start) {
        Map<Instant, Instant> more = new HashMap<>(moved);
        more.put(recurrenceId, start);
        return new SeriesExceptions(cancelled, more, endsAt);
    }

    /** These exceptions with the series ending before {@code end}. */
    public SeriesExceptions endingAt(Instant end) {
        return new SeriesExceptions(cancelled, moved, end);
    }

    public boolean isEmpty() {
        return cancelled.isEmpty() && moved.isEmpty() && endsAt == null;
    }

    /** How many occurrences have an exception of their own. */
    public int size() {
        Set<Instant> excepted = new HashSet<>(cancelled);
        excepted.addAll(moved.keySet());
        return excepted.size();
    }

    /** Whether the occurrence of {@code recurrenceId} was moved and stands where it was moved to (not cancelled since). */
    public boolean isMoved(Instant recurrenceId) {
        return moved.containsKey(recurrenceId) && !cancelled.contains(recurrenceId);
    }

    /** Whether the series has no occurrence of its own at {@code recurrenceId}: it was cancelled, moved, or lies past the end. */
    public boolean excludes(Instant recurrenceId) {
        return cancelled.contains(recurrenceId) || moved.containsKey(recurrenceId) || endsAt != null && !recurrenceId.isBefore(endsAt);
    }
}

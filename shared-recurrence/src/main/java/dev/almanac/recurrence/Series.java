package dev.almanac.recurrence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.occurrence.OccurrenceId;

/**
 * A rule's series as it stands: the occurrences of its {@link RecurrenceSpec} with the
 * {@link SeriesExceptions} applied. Every service reads exceptions through this one class, as it
 * reads the schedule through {@link RecurrenceSpec}, so a moved or cancelled occurrence is the same
 * everywhere.
 *
 * <p>Occurrences fall in two parts. The <em>standing</em> ones ({@link #expand}) are where the
 * schedule puts them, in order of recurrence id, paged like {@link RecurrenceExpander#expand}.
 * The <em>moved</em> ones ({@link #moved}) keep their id, recurrence id and nominal time and start
 * exactly where they were moved; they are few, stand outside the series' order, and each service
 * handles them one by one.
 */
public record Series(RecurrenceSpec spec, SeriesExceptions exceptions) {

    public Series {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(exceptions, "exceptions");
    }

    public static Series of(RecurrenceSpec spec) {
        return new Series(spec, SeriesExceptions.NONE);
    }

    /**
     * The standing occurrences whose recurrence id lies in {@code [from, until)}: the spec's, less
     * those cancelled or moved, before the series' end; at most {@code limit} of the spec's are
     * looked at. {@code truncated} and {@code coveredUntil} say where to continue, as for
     * {@link RecurrenceExpander#expand}; a page that reaches the end covers the whole window.
     */
    public Expansion expand(Instant from, Instant until, int limit) {
        Instant end = exceptions.endsAt();
        Instant bounded = end != null && end.isBefore(until) ? end : until;
        if (!from.isBefore(bounded)) {
            return new Expansion(List.of(), false, until);
        }
        Expansion raw = RecurrenceExpander.expand(spec, from, bounded, limit);
        List<Occurrence> standing = raw.occurrences();
        if (exceptions.size() > 0) {
            standing = new ArrayList<>(raw.occurrences().size());
            for (Occurrence occurrence : raw.occurrences()) {
                if (!exceptions.excludes(occurrence.resolvedInstant())) {
                    standing.add(occurrence);
                }
            }
        }
        return new Expansion(standing, raw.truncated(), raw.truncated() ? raw.coveredUntil() : until);
    }

    /**
     * The moved occurrences, each starting where it was moved to (and lasting as long as the rule's
     * occurrences do), in order of start. A move of an occurrence the spec does not produce, or
     * produces past the end, is left out: a later update or end of the series dropped it.
     */
    public List<Occurrence> moved() {
        List<Occurrence> moved = new ArrayList<>();
        for (Map.Entry<Instant, Instant> move : exceptions.moved().entrySet()) {
            if (exceptions.cancelled().contains(move.getKey())) {
                continue;
            }
            occurrenceAt(move.getKey()).ifPresent(occurrence -> moved.add(occurrence.movedTo(move.getValue())));
        }
        moved.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::resolvedInstant));
        return moved;
    }

    /**
     * The spec's occurrence resolving exactly at {@code recurrenceId}, where the schedule puts it,
     * whatever its exceptions; empty if the spec has none there, or the series ends before it.
     */
    public Optional<Occurrence> occurrenceAt(Instant recurrenceId) {
        Instant end = exceptions.endsAt();
        if (end != null && !recurrenceId.isBefore(end)) {
            return Optional.empty();
        }
        return RecurrenceExpander.expand(spec, recurrenceId, recurrenceId.plusSeconds(1), 1).occurrences().stream()
                .filter(occurrence -> occurrence.resolvedInstant().equals(recurrenceId))
                .findFirst();
    }

    /** The occurrence of {@code recurrenceId} as it stands: where it was moved, empty if cancelled or not in the series. */
    public Optional<Occurrence> standing(Instant recurrenceId) {
        if (exceptions.cancelled().contains(recurrenceId)) {
            return Optional.empty();
        }
        Instant movedTo = exceptions.moved().get(recurrenceId);
        return occurrenceAt(recurrenceId).map(occurrence -> movedTo == null ? occurrence : occurrence.movedTo(movedTo));
    }

    /**
     * The occurrence with {@code id}: one that has an exception, or one of the spec's resolving in
     * {@code [from, until)} before the end, looking at no more than {@code limit} of them. It is
     * given where the schedule puts it; {@link #standing} says where it stands.
     */
    public Optional<Occurrence> find(OccurrenceId id, Instant from, Instant until, int limit) {
        Set<Instant> excepted = new HashSet<>(exceptions.cancelled());
        excepted.addAll(exceptions.moved().keySet());
        for (Instant recurrenceId : excepted) {
            if (OccurrenceIds.of(spec.ruleId(), recurrenceId.getEpochSecond()).equals(id)) {
                return occurrenceAt(recurrenceId);
            }
        }
        Instant end = exceptions.endsAt();
        Instant bounded = end != null && end.isBefore(until) ? end : until;
        if (!from.isBefore(bounded)) {
            return Optional.empty();
        }
        return RecurrenceExpander.expand(spec, from, bounded, limit).occurrences().stream()
                .filter(occurrence -> occurrence.id().equals(id))
                .findFirst();
    }

    /**
     * The series' next run after {@code after}: the first standing occurrence resolving after it, or
     * a moved one starting after it, whichever starts first; searched as far as
     * {@link RecurrenceExpander#next} searches.
     */
    public Optional<Occurrence> next(Instant after) {
        Occurrence next = nextStanding(after);
        for (Occurrence moved : moved()) {
            if (moved.start().isAfter(after) && (next == null || moved.start().isBefore(next.start()))) {
                next = moved;
            }
        }
        return Optional.ofNullable(next);
    }

    private @Nullable Occurrence nextStanding(Instant after) {
        if (exceptions.isEmpty()) {
            return RecurrenceExpander.next(spec, after).orElse(null);
        }
        Instant from = after.plusNanos(1);
        Instant until = from.plus(RecurrenceExpander.NEXT_SEARCH_LIMIT);
        // Each page looks at one more occurrence than there are exceptions, so every page but a truncated search holds one.
        int page = exceptions.size() + 1;
        while (from.isBefore(until)) {
            Expansion expansion = expand(from, until, page);
            if (!expansion.occurrences().isEmpty()) {
                return expansion.occurrences().get(0);
            }
            if (!expansion.truncated()) {
                return null;
            }
            from = expansion.coveredUntil();
        }
        return null;
    }

    /**
     * From when the series has run its course: the later of its last occurrence's recurrence id
     * (the last before {@code endsAt}, or the last of a finite schedule) and the latest moved start;
     * {@code fallback} for a series that ends without an occurrence; null for a series that never
     * ends.
     *
     * @throws InvalidScheduleException ({@code BEYOND_LIMITS}) if the search gave up, as for {@link RecurrenceExpander#last}
     */
    public @Nullable Instant exhaustedFrom(Instant fallback) {
        Instant end = exceptions.endsAt();
        Optional<Occurrence> last;
        if (end != null) {
            last = RecurrenceExpander.lastBefore(spec, end);
        } else if (spec.schedule().isFinite()) {
            last = RecurrenceExpander.last(spec);
        } else {
            return null;
        }
        Instant exhausted = last.map(Occurrence::resolvedInstant).orElse(fallback);
        for (Occurrence moved : moved()) {
            if (moved.start().isAfter(exhausted)) {
                exhausted = moved.start();
            }
        }
        return exhausted;
    }
}

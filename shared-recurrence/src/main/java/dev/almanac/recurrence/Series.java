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

import dev.almanac.events.rule.OccurrenceId;

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

    /** How many of a jittered spec's occurrences {@link #next} looks at a page, beyond the exceptions. */
    private static final int JITTERED_PAGE = 32;

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
     * The series' next run after {@code after}: of the standing occurrences resolving from
     * {@code resolvingFrom} on (where the rule's occurrences begin: its {@code active_from}) and the
     * moved ones, the one that starts first after it, jitter included; searched as far as
     * {@link RecurrenceExpander#next} searches. Jitter delays a start by up to the spec's
     * {@code jitterSeconds} and can reorder starts, so an occurrence that resolved up to that long
     * before {@code after} may still be ahead, and a later one may start before an earlier one.
     */
    public Optional<Occurrence> next(Instant after, Instant resolvingFrom) {
        Occurrence next = nextStanding(after, resolvingFrom);
        for (Occurrence moved : moved()) {
            if (moved.start().isAfter(after) && (next == null || moved.start().isBefore(next.start()))) {
                next = moved;
            }
        }
        return Optional.ofNullable(next);
    }

    private @Nullable Occurrence nextStanding(Instant after, Instant resolvingFrom) {
        int jitter = spec.jitterSeconds();
        Instant earliest = after.minusSeconds(jitter);
        Instant from = resolvingFrom.isAfter(earliest) ? resolvingFrom : earliest;
        Instant until = (from.isAfter(after) ? from : after).plus(RecurrenceExpander.NEXT_SEARCH_LIMIT);
        // Each page looks at more occurrences than there are exceptions, so every page but a truncated search holds one.
        int page = exceptions.size() + (jitter == 0 ? 1 : JITTERED_PAGE);
        Occurrence first = null;
        while (from.isBefore(until)) {
            Expansion expansion = expand(from, until, page);
            for (Occurrence occurrence : expansion.occurrences()) {
                // A start never precedes its resolved instant: from here on none starts sooner.
                if (first != null && !occurrence.resolvedInstant().isBefore(first.start())) {
                    return first;
                }
                if (occurrence.start().isAfter(after) && (first == null || occurrence.start().isBefore(first.start()))) {
                    first = occurrence;
                }
            }
            // Every occurrence not looked at resolves from coveredUntil on, so it starts no sooner.
            if (!expansion.truncated() || first != null && !expansion.coveredUntil().isBefore(first.start())) {
                return first;
            }
            from = expansion.coveredUntil();
        }
        return first;
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

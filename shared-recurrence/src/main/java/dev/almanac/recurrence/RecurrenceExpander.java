package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.almanac.events.occurrence.OccurrenceId;

/**
 * Expands a {@link RecurrenceSpec} into its occurrences. rule-expander uses it to materialise the
 * rolling horizon and query-service to compute occurrences beyond it; both get the same ids and
 * instants, because the result depends on nothing but the spec and the instants asked for.
 *
 * <p>The cron's wall-clock times are read in the spec's zone and resolved under its DST policy:
 * <ul>
 *   <li>a time that exists once is {@code EXACT};</li>
 *   <li>a time in a spring-forward gap is shifted later by the gap's length ({@code GAP_SHIFTED}:
 *       02:30 becomes 03:30 on a one-hour gap, 02:15 becomes 02:45 on Lord Howe's 30-minute gap),
 *       or skipped;</li>
 *   <li>a time in a fall-back overlap runs at the earlier instant ({@code OVERLAP_EARLIER}), the
 *       later one ({@code OVERLAP_LATER}), or at both.</li>
 * </ul>
 * A shifted gap time can land on an instant the cron also names directly (with {@code *}{@code /30},
 * 02:30 shifts to 03:30). The two would share an occurrence id, so only the exact one is kept.
 *
 * <p>Every search is bounded: by the window for {@link #expand} and by {@link #NEXT_SEARCH_LIMIT}
 * for {@link #next}.
 */
public final class RecurrenceExpander {

    /**
     * How far {@link #next} looks. A cron that fires at all fires at least every eight years (29
     * February, which 2100 skips), so only a rule whose every time falls in a skipped gap finds nothing.
     */
    public static final Duration NEXT_SEARCH_LIMIT = Duration.ofDays(10 * 366);

    private RecurrenceExpander() {
    }

    /**
     * The occurrences whose resolved instant lies in the half-open window {@code [from, until)}, in
     * ascending order of resolved instant, at most {@code limit} of them. The result says whether the
     * limit cut the list and where to continue; see {@link Expansion}. Jitter may put an occurrence's
     * {@code start} at or after {@code until}; it still belongs to the window of its resolved instant.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code until} or {@code limit} is not positive
     */
    public static Expansion expand(RecurrenceSpec spec, Instant from, Instant until, int limit) {
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("from " + from + " must not be after until " + until);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive but was " + limit);
        }
        // One more than asked for: the first one left out is where the next page starts.
        int wanted = limit == Integer.MAX_VALUE ? limit : limit + 1;
        return page(spec, earliestResolvedTimes(spec, from, until, wanted), limit, until);
    }

    /**
     * The first occurrence whose resolved instant is strictly after {@code after}: a rule's next run.
     * Empty only if none lies within {@link #NEXT_SEARCH_LIMIT}.
     */
    public static Optional<Occurrence> next(RecurrenceSpec spec, Instant after) {
        Instant from = after.plusNanos(1);
        return expand(spec, from, from.plus(NEXT_SEARCH_LIMIT), 1).occurrences().stream().findFirst();
    }

    /** The {@code wanted} earliest resolved times in {@code [from, until)}, keyed and ordered by instant. */
    private static TreeMap<Instant, ResolvedTime> earliestResolvedTimes(RecurrenceSpec spec, Instant from, Instant until, int wanted) {
        ZoneRules rules = spec.zone().getRules();
        OffsetBounds offsets = OffsetBounds.during(rules, from, until);
        LocalDateTime firstCandidate = LocalDateTime.ofInstant(from, offsets.min());
        LocalDateTime candidatesUntil = LocalDateTime.ofInstant(until, offsets.max());
        // Resolved instants do not follow wall-clock order at DST edges (an overlap run twice, a
        // shifted gap time), so candidates are sorted and de-duplicated by instant.
        TreeMap<Instant, ResolvedTime> found = new TreeMap<>();
        for (Iterator<LocalDateTime> times = spec.cron().wallClockTimesFrom(firstCandidate); times.hasNext(); ) {
            LocalDateTime nominal = times.next();
            if (!nominal.isBefore(candidatesUntil) || (found.size() == wanted && resolvesOnlyAfter(nominal, offsets, found.lastKey()))) {
                break;
            }
            for (ResolvedTime resolved : DstResolver.resolve(nominal, rules, spec.dstPolicy())) {
                if (!resolved.instant().isBefore(from) && resolved.instant().isBefore(until)) {
                    found.merge(resolved.instant(), resolved, ResolvedTime::kept);
                    if (found.size() > wanted) {
                        found.pollLastEntry();
                    }
                }
            }
        }
        return found;
    }

    /**
     * Whether {@code nominal}, and so every later wall-clock time, resolves after {@code instant}: no
     * time resolves earlier than when read at the largest offset the window allows.
     */
    private static boolean resolvesOnlyAfter(LocalDateTime nominal, OffsetBounds offsets, Instant instant) {
        return nominal.toInstant(offsets.max()).isAfter(instant);
    }

    private static Expansion page(RecurrenceSpec spec, TreeMap<Instant, ResolvedTime> found, int limit, Instant until) {
        List<Occurrence> occurrences = new ArrayList<>(Math.min(found.size(), limit));
        for (Map.Entry<Instant, ResolvedTime> entry : found.entrySet()) {
            if (occurrences.size() == limit) {
                return new Expansion(occurrences, true, entry.getKey());
            }
            occurrences.add(occurrence(spec, entry.getValue()));
        }
        return new Expansion(occurrences, false, until);
    }

    private static Occurrence occurrence(RecurrenceSpec spec, ResolvedTime resolved) {
        Instant start = resolved.instant().plusSeconds(DeterministicJitter.seconds(spec.ruleId(), resolved.instant(), spec.jitterSeconds()));
        return new Occurrence(
                OccurrenceId.of(spec.ruleId(), resolved.instant()),
                spec.ruleId(),
                resolved.nominal(),
                spec.zone(),
                resolved.instant(),
                start,
                start.plus(spec.duration()),
                resolved.resolution());
    }
}

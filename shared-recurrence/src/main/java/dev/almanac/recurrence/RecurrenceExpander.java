package dev.almanac.recurrence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.almanac.events.rule.DstResolution;
import org.jspecify.annotations.Nullable;

/**
 * Expands a {@link RecurrenceSpec} into its occurrences. rule-expander uses it to materialise the
 * rolling horizon and query-service to compute occurrences beyond it; both get the same ids and
 * instants, because the result depends on nothing but the spec and the instants asked for.
 *
 * <p>The schedule's wall-clock times (cron or RRULE alike) are read in the spec's zone and resolved
 * under its DST policy:
 * <ul>
 *   <li>a time that exists once is {@code EXACT};</li>
 *   <li>a time in a spring-forward gap is shifted later by the gap's length ({@code GAP_SHIFTED}:
 *       02:30 becomes 03:30 on a one-hour gap, 02:15 becomes 02:45 on Lord Howe's 30-minute gap),
 *       or skipped;</li>
 *   <li>a time in a fall-back overlap runs at the earlier instant ({@code OVERLAP_EARLIER}), the
 *       later one ({@code OVERLAP_LATER}), or at both.</li>
 * </ul>
 * A shifted gap time can land on an instant the schedule also names directly (with {@code *}{@code /30},
 * 02:30 shifts to 03:30). The two would share an occurrence id, so only the exact one is kept.
 *
 * <p>Every search is bounded: by the window for {@link #expand} and {@link #count}, by
 * {@link #NEXT_SEARCH_LIMIT} for {@link #next}, and by the schedule's own first and last times for
 * {@link #last}; and every one gives up after {@link WallClockCursor#IDLE_STEPS} steps (months,
 * RRULE periods, wall-clock times) without an occurrence, so no window makes it run for long.
 */
public final class RecurrenceExpander {

    /**
     * How far {@link #next} looks. A cron that fires at all fires at least every eight years (29
     * February, which 2100 skips), so only a rule whose every time falls in a skipped gap finds nothing.
     */
    public static final Duration NEXT_SEARCH_LIMIT = Duration.ofDays(10 * 366);

    /** A zone's offset lies within 18 hours of UTC, so a local time resolves at most this far from itself. */
    private static final long MAX_OFFSET_SECONDS = 18 * 3600;

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
        requireWindow(from, until);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive but was " + limit);
        }
        Page page = new Page(new OccurrenceFactory(spec), limit, until);
        ExpansionWalk.walk(spec, from, until, page);
        return page.expansion();
    }

    /**
     * How many occurrences resolve in {@code [from, until)}: what {@code expand} would list, without
     * building them. For counts per bucket (heat maps) over many rules.
     *
     * @throws IllegalArgumentException if {@code from} is after {@code until}
     * @throws InvalidScheduleException ({@code BEYOND_LIMITS}) if the search gave up after a long
     *     stretch without any occurrence, as {@link Expansion} describes
     */
    public static long count(RecurrenceSpec spec, Instant from, Instant until) {
        requireWindow(from, until);
        Count count = new Count(spec);
        ExpansionWalk.walk(spec, from, until, count);
        return count.count;
    }

    /**
     * The first occurrence whose resolved instant is strictly after {@code after}: a rule's next run.
     * Empty if none lies within {@link #NEXT_SEARCH_LIMIT}, or the search gave up before finding one.
     */
    public static Optional<Occurrence> next(RecurrenceSpec spec, Instant after) {
        Instant from = after.plusNanos(1);
        return expand(spec, from, from.plus(NEXT_SEARCH_LIMIT), 1).occurrences().stream().findFirst();
    }

    /**
     * The last occurrence of a schedule that ends (an RRULE with COUNT or UNTIL, a Quartz cron with
     * particular years); empty for a schedule that does not end, or one whose every time was skipped.
     *
     * @throws InvalidScheduleException ({@code BEYOND_LIMITS}) if the search gave up, as for {@link #count}
     */
    public static Optional<Occurrence> last(RecurrenceSpec spec) {
        if (!spec.schedule().isFinite()) {
            return Optional.empty();
        }
        WallClockPlan plan = ExpansionWalk.planOf(spec.schedule()).in(spec.zone());
        long end = plan.lastLocalSecond() + MAX_OFFSET_SECONDS + 1;
        long start = plan.firstLocalSecond() == Long.MIN_VALUE ? Long.MIN_VALUE : plan.firstLocalSecond() - MAX_OFFSET_SECONDS;
        // Backwards in windows that double, so a rule whose last run is near its end costs one small window.
        for (long span = 86_400; ; span *= 2) {
            long windowStart = Math.max(start, end - span);
            Optional<Occurrence> last = lastIn(spec, Instant.ofEpochSecond(windowStart), Instant.ofEpochSecond(end));
            if (last.isPresent() || windowStart == start) {
                return last;
            }
            end = windowStart;
        }
    }

    /**
     * The last occurrence resolving before {@code until}, searched back at most
     * {@link #NEXT_SEARCH_LIMIT}; empty if none resolves there.
     *
     * @throws InvalidScheduleException ({@code BEYOND_LIMITS}) if the search gave up, as for {@link #count}
     */
    public static Optional<Occurrence> lastBefore(RecurrenceSpec spec, Instant until) {
        Instant earliest = until.minus(NEXT_SEARCH_LIMIT);
        Instant end = until;
        // Backwards in windows that double, as last() does, so an occurrence just before until costs one small window.
        for (long span = 86_400; ; span *= 2) {
            Instant windowStart = end.minusSeconds(span).isBefore(earliest) ? earliest : end.minusSeconds(span);
            Optional<Occurrence> last = lastIn(spec, windowStart, end);
            if (last.isPresent() || !windowStart.isAfter(earliest)) {
                return last;
            }
            end = windowStart;
        }
    }

    /**
     * Whether the rule has run its course at {@code at}: its schedule ends and no occurrence resolves
     * after {@code at}. A rule in that state is {@code expired}.
     */
    public static boolean isExhausted(RecurrenceSpec spec, Instant at) {
        return spec.schedule().isFinite() && last(spec).map(last -> !last.resolvedInstant().isAfter(at)).orElse(true);
    }

    private static Optional<Occurrence> lastIn(RecurrenceSpec spec, Instant from, Instant until) {
        LastSeen last = new LastSeen(spec);
        ExpansionWalk.walk(spec, from, until, last);
        DstResolution resolution = last.resolution;
        return resolution == null ? Optional.empty()
                : Optional.of(new OccurrenceFactory(spec).create(last.localSecond, last.epochSecond, resolution));
    }

    private static void requireWindow(Instant from, Instant until) {
        if (from.isAfter(until)) {
            throw new IllegalArgumentException("from " + from + " must not be after until " + until);
        }
    }

    /** Collects up to {@code limit} occurrences; the first one beyond is where the next page starts. */
    private static final class Page implements ExpansionWalk.Sink {

        private final OccurrenceFactory factory;
        private final int limit;
        private final List<Occurrence> occurrences = new ArrayList<>();
        private Instant coveredUntil;
        private boolean truncated;

        Page(OccurrenceFactory factory, int limit, Instant until) {
            this.factory = factory;
            this.limit = limit;
            this.coveredUntil = until;
        }

        @Override
        public void gaveUp(long coveredEpochSecond) {
            truncated = true;
            coveredUntil = Instant.ofEpochSecond(coveredEpochSecond);
        }

        @Override
        public boolean accept(long localSecond, long epochSecond, DstResolution resolution) {
            if (occurrences.size() == limit) {
                truncated = true;
                coveredUntil = Instant.ofEpochSecond(epochSecond);
                return false;
            }
            occurrences.add(factory.create(localSecond, epochSecond, resolution));
            return true;
        }

        Expansion expansion() {
            return new Expansion(occurrences, truncated, coveredUntil);
        }
    }

    /** Remembers the latest resolved time it was sent. */
    private static final class LastSeen implements ExpansionWalk.Sink {

        private final RecurrenceSpec spec;
        private long localSecond;
        private long epochSecond;
        private @Nullable DstResolution resolution;

        LastSeen(RecurrenceSpec spec) {
            this.spec = spec;
        }

        @Override
        public void gaveUp(long coveredEpochSecond) {
            throw searchedTooLong(spec, coveredEpochSecond);
        }

        @Override
        public boolean accept(long localSecond, long epochSecond, DstResolution resolution) {
            this.localSecond = localSecond;
            this.epochSecond = epochSecond;
            this.resolution = resolution;
            return true;
        }
    }

    /** Counts what it is sent. */
    private static final class Count implements ExpansionWalk.Sink {

        private final RecurrenceSpec spec;
        private long count;

        Count(RecurrenceSpec spec) {
            this.spec = spec;
        }

        @Override
        public boolean accept(long localSecond, long epochSecond, DstResolution resolution) {
            count++;
            return true;
        }

        @Override
        public void gaveUp(long coveredEpochSecond) {
            throw searchedTooLong(spec, coveredEpochSecond);
        }
    }

    private static InvalidScheduleException searchedTooLong(RecurrenceSpec spec, long coveredEpochSecond) {
        return new InvalidScheduleException(InvalidScheduleException.Problem.BEYOND_LIMITS, "rule " + spec.ruleId() + " ("
                + spec.schedule() + " in " + spec.zone() + ") yields no occurrence for " + WallClockCursor.IDLE_STEPS
                + " steps of search up to " + Instant.ofEpochSecond(coveredEpochSecond) + "; ask for a shorter window");
    }
}

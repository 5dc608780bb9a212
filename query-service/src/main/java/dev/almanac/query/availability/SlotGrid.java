package dev.almanac.query.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.almanac.events.TimeRange;

/**
 * Candidate slots on a wall clock: every local time of day that is a whole number of
 * {@code increment}s after local midnight, on every local day, as the instants they are. A local
 * time in a spring-forward gap does not exist and gives no candidate; one in a fall-back overlap
 * happens twice and gives both instants, each once. So candidates keep the increment's spacing in
 * real time across a transition of a whole number of increments (America/New_York at 30 minutes:
 * 01:30 EST is followed by 03:00 EDT, 01:30 EDT by 01:00 EST). Every candidate lies wholly inside
 * the range: it starts at or after its start and ends at or before its end.
 */
public record SlotGrid(ZoneId zone, Duration increment, Duration duration) {

    /** Increments divide a day, so every local day has the same grid. */
    public static final Duration DAY = Duration.ofDays(1);

    public SlotGrid {
        if (increment.isNegative() || increment.isZero() || DAY.toSeconds() % increment.toSeconds() != 0 || increment.toNanos() % 1_000_000_000L != 0) {
            throw new IllegalArgumentException("increment " + increment + " must divide a day into whole seconds");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration " + duration + " must be positive");
        }
    }

    /** The candidate slots inside {@code range}, by start. */
    public List<TimeRange> candidates(TimeRange range) {
        return ranges(candidateStarts(range));
    }

    /**
     * The starts of the candidate slots inside {@code range}, in epoch seconds, ascending: the same
     * for every resource on this wall clock, so a batch check computes them once per zone.
     */
    public long[] candidateStarts(TimeRange range) {
        ZoneRules rules = zone.getRules();
        // A fall-back transition at midnight can take the clock back into the previous local day.
        LocalDate first = LocalDate.ofInstant(range.start(), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(range.end(), zone).plusDays(1);
        long perDay = DAY.toSeconds() / increment.toSeconds();
        // At most two instants per local time: a fall-back overlap has two offsets.
        long[] starts = new long[Math.toIntExact((last.toEpochDay() - first.toEpochDay() + 1) * perDay * 2)];
        int count = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDateTime midnight = day.atStartOfDay();
            for (long step = 0; step < perDay; step++) {
                LocalDateTime local = midnight.plusSeconds(step * increment.toSeconds());
                for (ZoneOffset offset : rules.getValidOffsets(local)) {
                    Instant start = local.toInstant(offset);
                    if (!start.isBefore(range.start()) && !start.plus(duration).isAfter(range.end())) {
                        starts[count++] = start.getEpochSecond();
                    }
                }
            }
        }
        Arrays.sort(starts, 0, count);
        // Two local times can name one instant around a transition (as at a fall-back to midnight); keep it once.
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (kept == 0 || starts[kept - 1] != starts[i]) {
                starts[kept++] = starts[i];
            }
        }
        return Arrays.copyOf(starts, kept);
    }

    /**
     * The candidates inside {@code range} that are free: widened by {@code buffer} on both sides,
     * they meet none of the {@code busy} intervals, which must cover {@code range} widened by the
     * buffer too.
     */
    public List<TimeRange> free(TimeRange range, Duration buffer, List<TimeRange> busy) {
        return ranges(freeStarts(candidateStarts(range), buffer, busy));
    }

    /**
     * Of {@code candidateStarts} (ascending epoch seconds, from {@link #candidateStarts}), those whose
     * slots, widened by {@code buffer} on both sides, meet none of the sorted, disjoint, non-touching
     * {@code blocked} intervals. One pass over both: the widened slots' starts and ends ascend.
     */
    public long[] freeStarts(long[] candidateStarts, Duration buffer, List<TimeRange> blocked) {
        // A widened slot is [start + lead, start + tail); candidates are whole seconds, so only these carry nanoseconds.
        Duration lead = buffer.negated();
        Duration tail = duration.plus(buffer);
        long[] free = new long[candidateStarts.length];
        int count = 0;
        int next = 0;
        for (long start : candidateStarts) {
            long clearFrom = start + lead.getSeconds();
            long clearTill = start + tail.getSeconds();
            // Skip the blocked intervals that end before the widened slot starts; later slots start later still.
            while (next < blocked.size() && compare(blocked.get(next).end(), clearFrom, lead.getNano()) <= 0) {
                next++;
            }
            if (next == blocked.size() || compare(blocked.get(next).start(), clearTill, tail.getNano()) >= 0) {
                free[count++] = start;
            }
        }
        return Arrays.copyOf(free, count);
    }

    /** {@code instant} against the instant {@code epochSecond} plus {@code nano}, as {@link Instant#compareTo}, without making it. */
    private static int compare(Instant instant, long epochSecond, int nano) {
        int bySecond = Long.compare(instant.getEpochSecond(), epochSecond);
        return bySecond != 0 ? bySecond : Integer.compare(instant.getNano(), nano);
    }

    /** {@link #freeStarts} as the free slots of an answer, on this grid's wall clock. */
    public FreeSlotList freeSlots(long[] candidateStarts, Duration buffer, List<TimeRange> blocked) {
        return new FreeSlotList(zone, freeStarts(candidateStarts, buffer, blocked), duration);
    }

    /** The slots starting at {@code starts} (epoch seconds). */
    public List<TimeRange> ranges(long[] starts) {
        List<TimeRange> slots = new ArrayList<>(starts.length);
        for (long startSecond : starts) {
            Instant start = Instant.ofEpochSecond(startSecond);
            slots.add(new TimeRange(start, start.plus(duration)));
        }
        return slots;
    }
}

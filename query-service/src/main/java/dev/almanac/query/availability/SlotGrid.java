package dev.almanac.query.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
        ZoneRules rules = zone.getRules();
        // A fall-back transition at midnight can take the clock back into the previous local day.
        LocalDate first = LocalDate.ofInstant(range.start(), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(range.end(), zone).plusDays(1);
        long perDay = DAY.toSeconds() / increment.toSeconds();
        TreeSet<Instant> starts = new TreeSet<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            LocalDateTime midnight = day.atStartOfDay();
            for (long step = 0; step < perDay; step++) {
                LocalDateTime local = midnight.plusSeconds(step * increment.toSeconds());
                for (ZoneOffset offset : rules.getValidOffsets(local)) {
                    Instant start = local.toInstant(offset);
                    if (!start.isBefore(range.start()) && !start.plus(duration).isAfter(range.end())) {
                        starts.add(start);
                    }
                }
            }
        }
        List<TimeRange> slots = new ArrayList<>(starts.size());
        for (Instant start : starts) {
            slots.add(new TimeRange(start, start.plus(duration)));
        }
        return slots;
    }

    /**
     * The candidates inside {@code range} that are free: widened by {@code buffer} on both sides,
     * they meet none of the {@code busy} intervals, which must cover {@code range} widened by the
     * buffer too.
     */
    public List<TimeRange> free(TimeRange range, Duration buffer, List<TimeRange> busy) {
        List<TimeRange> free = new ArrayList<>();
        for (TimeRange slot : candidates(range)) {
            if (Occupancy.isClear(busy, new TimeRange(slot.start().minus(buffer), slot.end().plus(buffer)))) {
                free.add(slot);
            }
        }
        return free;
    }
}

package dev.almanac.recurrence.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The shortcut that spares almost every occurrence the {@link OccurrenceFold}. The steps compare
 * starts (and an end, resolved instants) with a few instants, the thresholds; between two of them
 * lies a zone. An occurrence is <em>quiet</em> when no threshold lies in {@code (resolved, resolved +
 * the largest jitter]}: then each definition's start of it falls in the zone of its resolved instant,
 * and every comparison comes out as for any other instant of that zone. For each zone and definition,
 * the steps are run once over an occurrence only that definition is known to produce: whether the
 * others produce it is left open. If every way they might goes to that definition's occurrence, a
 * quiet occurrence there is published with it ({@link Claim#ALWAYS}); if none does, it is not
 * ({@link Claim#NEVER}); otherwise, and for every occurrence that is not quiet, its fold decides.
 */
final class Zones {

    /** What a zone's steps leave of a quiet occurrence that one definition produces. */
    enum Claim {
        ALWAYS,
        NEVER,
        DEPENDS
    }

    /** A window of resolved instants, {@code [from, until)}. */
    record Window(Instant from, Instant until) {
    }

    private static final Claim[] CLAIMS = Claim.values();

    private final List<TimelineDefinition> definitions;
    private final List<Step> steps;
    private final Instant[] thresholds;
    private final long maxJitterSeconds;
    /** Per zone, once asked for: the claim of each definition, by ordinal. */
    private final AtomicReferenceArray<byte[]> claims;

    Zones(List<TimelineDefinition> definitions, List<Step> steps) {
        this.definitions = definitions;
        this.steps = steps;
        TreeSet<Instant> instants = new TreeSet<>();
        steps.forEach(step -> instants.addAll(step.thresholds()));
        this.thresholds = instants.toArray(Instant[]::new);
        this.maxJitterSeconds = definitions.stream().mapToInt(TimelineDefinition::jitterSeconds).max().orElse(0);
        this.claims = new AtomicReferenceArray<>(thresholds.length + 1);
    }

    int size() {
        return thresholds.length + 1;
    }

    /** The zone of {@code instant}: how many thresholds lie at or before it. */
    int zoneOf(Instant instant) {
        int low = 0;
        int high = thresholds.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (thresholds[middle].isAfter(instant)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Whether each definition starts the occurrence resolving at {@code resolved} in that instant's zone. */
    boolean quiet(Instant resolved) {
        int next = zoneOf(resolved);
        return next == thresholds.length || thresholds[next].isAfter(resolved.plusSeconds(maxJitterSeconds));
    }

    /** The last threshold, where the last zone begins; null when there is none. */
    @Nullable Instant lastThreshold() {
        return thresholds.length == 0 ? null : thresholds[thresholds.length - 1];
    }

    long maxJitterSeconds() {
        return maxJitterSeconds;
    }

    Claim claim(int zone, int definition) {
        byte[] zoneClaims = claims.get(zone);
        if (zoneClaims == null) {
            zoneClaims = new byte[definitions.size()];
            for (int candidate = 0; candidate < definitions.size(); candidate++) {
                zoneClaims[candidate] = (byte) claimOf(zone, candidate).ordinal();
            }
            claims.set(zone, zoneClaims);
        }
        return CLAIMS[zoneClaims[definition]];
    }

    /**
     * The resolved instants in {@code [from, until)} where an occurrence of {@code definition} may be
     * published with it: the zones it does not lose for sure, and before each threshold the stretch
     * where occurrences are not quiet. In order, not overlapping.
     */
    List<Window> windows(int definition, Instant from, Instant until) {
        List<Window> windows = new ArrayList<>();
        if (!from.isBefore(until)) {
            return windows;
        }
        int first = zoneOf(from);
        int last = zoneOf(until.minusNanos(1));
        for (int zone = first; zone <= last; zone++) {
            Instant zoneFrom = zone == 0 ? from : latest(from, thresholds[zone - 1]);
            Instant zoneUntil = zone == thresholds.length ? until : earliest(until, thresholds[zone]);
            if (claim(zone, definition) != Claim.NEVER) {
                add(windows, zoneFrom, zoneUntil);
            } else if (zone < thresholds.length) {
                add(windows, latest(zoneFrom, thresholds[zone].minusSeconds(maxJitterSeconds)), zoneUntil);
            }
        }
        return windows;
    }

    private static void add(List<Window> windows, Instant from, Instant until) {
        if (!from.isBefore(until)) {
            return;
        }
        if (!windows.isEmpty() && !windows.get(windows.size() - 1).until().isBefore(from)) {
            Window previous = windows.remove(windows.size() - 1);
            windows.add(new Window(previous.from(), latest(previous.until(), until)));
        } else {
            windows.add(new Window(from, until));
        }
    }

    /**
     * The steps run over a quiet occurrence of {@code zone} that {@code candidate} produces, the others
     * unknown: the set of definitions (and withdrawal, bit 0) it may end published with.
     */
    private Claim claimOf(int zone, int candidate) {
        Instant zoneStart = zone == 0 ? null : thresholds[zone - 1];
        BitSet possible = new BitSet();
        possible.set(0);
        boolean pastEnd = false;
        for (Step step : steps) {
            if (step instanceof Step.Created) {
                possible = publish(possible, produced(0, candidate, pastEnd), 0);
            } else if (step instanceof Step.Revised revised) {
                if (reaches(zoneStart, revised.from())) {
                    possible = revise(possible, produced(revised.definition(), candidate, pastEnd),
                            produced(revised.definition() - 1, candidate, pastEnd), revised.definition());
                }
            } else if (step instanceof Step.Withdrawn withdrawn) {
                if (reaches(zoneStart, withdrawn.from()) && (withdrawn.until() == null || !reaches(zoneStart, withdrawn.until()))) {
                    possible = withdraw(possible, produced(withdrawn.definition(), candidate, pastEnd));
                }
            } else if (step instanceof Step.Restored restored) {
                if (reaches(zoneStart, restored.from())) {
                    possible = publish(possible, produced(restored.definition(), candidate, pastEnd), restored.definition());
                }
            } else if (step instanceof Step.Ended ended) {
                pastEnd = reaches(zoneStart, ended.endsAt());
                if (pastEnd) {
                    possible = withdraw(possible, produced(ended.definition(), candidate, false));
                }
            }
            // A move or cancellation is of an occurrence with an exception of its own, which is never quiet-folded.
        }
        if (!possible.get(candidate + 1)) {
            return Claim.NEVER;
        }
        return possible.cardinality() == 1 ? Claim.ALWAYS : Claim.DEPENDS;
    }

    /** Three-valued: whether {@code definition} produces the occurrence: yes (0), unknown (1), no (2). */
    private static int produced(int definition, int candidate, boolean pastEnd) {
        if (pastEnd) {
            return NO;
        }
        return definition == candidate ? YES : UNKNOWN;
    }

    private static final int YES = 0;
    private static final int UNKNOWN = 1;
    private static final int NO = 2;

    /** Published with {@code definition} if it produces it, else as it was. */
    private static BitSet publish(BitSet possible, int produced, int definition) {
        BitSet after = new BitSet();
        if (produced != NO) {
            after.set(definition + 1);
        }
        if (produced != YES) {
            after.or(possible);
        }
        return after;
    }

    /** Withdrawn if the definition produces it, else as it was. */
    private static BitSet withdraw(BitSet possible, int produced) {
        BitSet after = new BitSet();
        if (produced != NO) {
            after.set(0);
        }
        if (produced != YES) {
            after.or(possible);
        }
        return after;
    }

    /** Published with the new definition if it produces it; else withdrawn if the replaced one does; else as it was. */
    private static BitSet revise(BitSet possible, int now, int before, int definition) {
        BitSet after = new BitSet();
        if (now != NO) {
            after.set(definition + 1);
        }
        if (now != YES) {
            after.or(withdraw(possible, before));
        }
        return after;
    }

    /** Whether the zone starting at {@code zoneStart} lies at or after {@code threshold}: every one does but the first. */
    private static boolean reaches(@Nullable Instant zoneStart, Instant threshold) {
        return zoneStart != null && !zoneStart.isBefore(threshold);
    }

    private static Instant latest(Instant one, Instant other) {
        return one.isAfter(other) ? one : other;
    }

    private static Instant earliest(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
    }

    @Override
    public String toString() {
        return "Zones" + Arrays.toString(thresholds);
    }
}

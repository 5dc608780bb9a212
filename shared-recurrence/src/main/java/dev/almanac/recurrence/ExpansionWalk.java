package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.TreeMap;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import org.jspecify.annotations.Nullable;

/**
 * The one path from a schedule to resolved instants, shared by every kind of schedule: its
 * wall-clock times come from the schedule's {@link WallClockPlan} in ascending order, each is read
 * in the zone, and the DST policy decides the times in a gap or an overlap.
 *
 * <p>Away from a transition, times resolve in order at the offset in force, and each goes to the
 * sink as soon as it is read. Near one, resolved instants can come out of wall-clock order (an
 * overlap run twice, a gap time shifted past exact times) or coincide (a shifted time landing on an
 * exact one: the exact one is kept). Those wait in a small sorted buffer until no later wall-clock
 * time can resolve before them: a time read at the largest offset the window has resolves earliest.
 */
final class ExpansionWalk {

    /** Receives resolved times in ascending order of instant, each instant once; answers whether to go on. */
    interface Sink {
        boolean accept(long localSecond, long epochSecond, DstResolution resolution);

        /**
         * The walk gave up after a long search without a time to send (see {@link WallClockCursor#IDLE_STEPS}):
         * every time resolving before {@code coveredEpochSecond} has been sent, and none after.
         */
        void gaveUp(long coveredEpochSecond);
    }

    /** Years java.time's dates reach, less a margin that keeps month arithmetic inside them. */
    private static final long FIRST_SUPPORTED_SECOND = LocalDate.of(-999_999_000, 1, 1).toEpochDay() * 86_400L;
    private static final long LAST_SUPPORTED_SECOND = LocalDate.of(999_999_000, 1, 1).toEpochDay() * 86_400L;

    private ExpansionWalk() {
    }

    static WallClockPlan planOf(Schedule schedule) {
        if (schedule instanceof CronExpression cron) {
            return cron.plan();
        }
        return ((RRuleSchedule) schedule).plan();
    }

    /** Sends every resolved time of {@code spec} in {@code [from, until)} to {@code sink}, until it says stop. */
    static void walk(RecurrenceSpec spec, Instant from, Instant until, Sink sink) {
        WallClockPlan plan = planOf(spec.schedule()).in(spec.zone());
        long fromSecond = Math.max(ceilingSecond(from), FIRST_SUPPORTED_SECOND);
        long untilSecond = Math.min(ceilingSecond(until), LAST_SUPPORTED_SECOND);
        if (fromSecond >= untilSecond) {
            return;
        }
        ZoneRules rules = spec.zone().getRules();
        OffsetBounds offsets = OffsetBounds.during(rules, Instant.ofEpochSecond(fromSecond), Instant.ofEpochSecond(untilSecond));
        int maxOffset = offsets.max().getTotalSeconds();
        long firstLocal = Math.max(fromSecond + offsets.min().getTotalSeconds(), plan.firstLocalSecond());
        long endLocal = Math.min(untilSecond + maxOffset, saturatedIncrement(plan.lastLocalSecond()));
        new Walker(rules, spec.dstPolicy(), fromSecond, untilSecond, maxOffset, sink,
                plan.cursor(firstLocal, endLocal), new ZoneTimeline(rules, firstLocal)).run();
    }

    private static long ceilingSecond(Instant instant) {
        return instant.getNano() > 0 ? instant.getEpochSecond() + 1 : instant.getEpochSecond();
    }

    private static long saturatedIncrement(long value) {
        return value == Long.MAX_VALUE ? value : value + 1;
    }

    private static final class Walker {

        private final ZoneRules rules;
        private final DstPolicy policy;
        private final long fromSecond;
        private final long untilSecond;
        private final int maxOffset;
        private final Sink sink;
        private final TreeMap<Long, Pending> pending = new TreeMap<>();
        private final WallClockCursor cursor;
        private final ZoneTimeline timeline;

        Walker(ZoneRules rules, DstPolicy policy, long fromSecond, long untilSecond, int maxOffset, Sink sink,
               WallClockCursor cursor, ZoneTimeline timeline) {
            this.cursor = cursor;
            this.timeline = timeline;
            this.rules = rules;
            this.policy = policy;
            this.fromSecond = fromSecond;
            this.untilSecond = untilSecond;
            this.maxOffset = maxOffset;
            this.sink = sink;
        }

        void run() {
            for (long local = cursor.next(); local != WallClockCursor.END; local = cursor.next()) {
                if (local == WallClockCursor.GAVE_UP || cursor.idleAfter(1)) {
                    giveUp(local == WallClockCursor.GAVE_UP ? cursor.reached() : local);
                    return;
                }
                if (!pending.isEmpty() && !flushBefore(local - maxOffset)) {
                    return;
                }
                int offset = timeline.exactOffset(local);
                if (offset != ZoneTimeline.AT_TRANSITION) {
                    long epochSecond = local - offset;
                    if (epochSecond >= fromSecond && epochSecond < untilSecond) {
                        if (pending.isEmpty()) {
                            if (!send(local, epochSecond, DstResolution.EXACT)) {
                                return;
                            }
                        } else {
                            hold(local, epochSecond, DstResolution.EXACT);
                        }
                    }
                } else {
                    resolveAtTransition(local);
                }
            }
            flushBefore(Long.MAX_VALUE);
        }

        /** No time before local second {@code reached} is left unread: what resolves before it at the largest offset is complete. */
        private void giveUp(long reached) {
            long covered = Math.max(fromSecond, Math.min(untilSecond, reached - maxOffset));
            if (flushBefore(covered)) {
                sink.gaveUp(covered);
            }
        }

        private boolean send(long local, long epochSecond, DstResolution resolution) {
            cursor.madeProgress();
            return sink.accept(local, epochSecond, resolution);
        }

        private void resolveAtTransition(long local) {
            LocalDateTime nominal = LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
            for (ResolvedTime resolved : DstResolver.resolve(nominal, rules, policy)) {
                long epochSecond = resolved.instant().getEpochSecond();
                if (epochSecond >= fromSecond && epochSecond < untilSecond) {
                    hold(local, epochSecond, resolved.resolution());
                }
            }
        }

        /** Two times that resolve to the same instant would share an id: keep the exact one, else the earlier wall-clock time. */
        private void hold(long local, long epochSecond, DstResolution resolution) {
            Pending candidate = new Pending(local, resolution);
            @Nullable Pending held = pending.get(epochSecond);
            if (held == null || candidate.keptBefore(held)) {
                pending.put(epochSecond, candidate);
            }
        }

        /** Sends the held times resolving before {@code epochSecond}; false when the sink says stop. */
        private boolean flushBefore(long epochSecond) {
            while (!pending.isEmpty() && pending.firstKey() < epochSecond) {
                Map.Entry<Long, Pending> first = pending.pollFirstEntry();
                if (!send(first.getValue().local(), first.getKey(), first.getValue().resolution())) {
                    pending.clear();
                    return false;
                }
            }
            return true;
        }
    }

    private record Pending(long local, DstResolution resolution) {

        boolean keptBefore(Pending other) {
            boolean exact = resolution == DstResolution.EXACT;
            boolean otherExact = other.resolution == DstResolution.EXACT;
            return exact != otherExact ? exact : local < other.local;
        }
    }
}

package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import net.fortuna.ical4j.util.Configurator;
import org.jspecify.annotations.Nullable;

/**
 * An RRULE's wall-clock times: ical4j's expansion of the rule from DTSTART in floating time (no
 * zone, so ical4j's own DST handling never applies), cut at COUNT or UNTIL, with RDATEs added and
 * EXDATEs removed.
 *
 * <p>ical4j is asked for one bounded chunk of time at a time. For a rule without COUNT it jumps
 * straight to the chunk, so a window far from DTSTART costs no more than one near it. A chunk spans
 * at most {@link #periodsPerChunk()} periods of the rule's FREQ and INTERVAL: ical4j gives up after
 * 1,000 consecutive periods without an instance ({@code net.fortuna.ical4j.recur.maxincrementcount}),
 * which over one long window would silently lose a sparse rule's instances, such as
 * {@code FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29}. Almanac applies COUNT and UNTIL itself, so ical4j
 * only ever sees the rule's FREQ, INTERVAL, BYxxx and WKST parts.
 *
 * <p>Instances are immutable and thread-safe: ical4j's {@code Recur} keeps state while it expands,
 * so each cursor works on its own copy.
 */
final class RRulePlan implements WallClockPlan {

    private static final long MAX_OFFSET_SECONDS = 18 * 3600;

    private final Recur<LocalDateTime> rule;
    private final LocalDateTime dtstart;
    private final long dtstartLocal;
    /** The last local second a rule instance may have (from COUNT or a local UNTIL); rdates are not bound by it. */
    private final long ruleLastLocal;
    /** UNTIL given in UTC, not yet read in a zone. */
    private final @Nullable Instant untilInstant;
    private final long[] exdates;
    private final long[] rdates;
    /** The shortest time one step of FREQ and INTERVAL can take. */
    private final long periodSeconds;

    RRulePlan(Recur<LocalDateTime> rule, LocalDateTime dtstart, long ruleLastLocal, @Nullable Instant untilInstant,
              long[] exdates, long[] rdates) {
        this.rule = rule;
        this.dtstart = dtstart;
        this.dtstartLocal = localSecond(dtstart);
        this.ruleLastLocal = ruleLastLocal;
        this.untilInstant = untilInstant;
        this.exdates = exdates;
        this.rdates = rdates;
        this.periodSeconds = Math.max(rule.getInterval(), 1) * shortestStepSeconds(rule.getFrequency());
    }

    static long localSecond(LocalDateTime time) {
        return time.toEpochSecond(ZoneOffset.UTC);
    }

    /** The same rule with its instances cut after {@code lastLocal}, as COUNT does once the COUNT-th is known. */
    RRulePlan endingAt(long lastLocal) {
        return new RRulePlan(rule, dtstart, Math.min(ruleLastLocal, lastLocal), untilInstant, exdates, rdates);
    }

    long dtstartLocal() {
        return dtstartLocal;
    }

    long periodSeconds() {
        return periodSeconds;
    }

    boolean isFinite() {
        return ruleLastLocal != Long.MAX_VALUE || untilInstant != null;
    }

    /** The last local second a rule instance may have with no zone known: a UTC UNTIL is widened by the largest offset. */
    long ruleLastLocalInAnyZone() {
        Instant until = untilInstant;
        return until == null ? ruleLastLocal : Math.min(ruleLastLocal, until.getEpochSecond() + MAX_OFFSET_SECONDS);
    }

    boolean excluded(long local) {
        return Arrays.binarySearch(exdates, local) >= 0;
    }

    /** Whether some RDATE is not also an EXDATE. */
    boolean keepsAnRdate() {
        for (long rdate : rdates) {
            if (!excluded(rdate)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public WallClockPlan in(ZoneId zone) {
        Instant until = untilInstant;
        if (until == null) {
            return this;
        }
        long untilLocal = localSecond(LocalDateTime.ofInstant(until, zone));
        return new RRulePlan(rule, dtstart, Math.min(ruleLastLocal, untilLocal), null, exdates, rdates);
    }

    @Override
    public WallClockCursor cursor(long fromLocalSecond, long untilLocalSecond) {
        return new Cursor(fromLocalSecond, untilLocalSecond);
    }

    @Override
    public long firstLocalSecond() {
        return rdates.length > 0 ? Math.min(dtstartLocal, rdates[0]) : dtstartLocal;
    }

    @Override
    public long lastLocalSecond() {
        long ruleLast = ruleLastLocalInAnyZone();
        return ruleLast == Long.MAX_VALUE || rdates.length == 0 ? ruleLast : Math.max(ruleLast, rdates[rdates.length - 1]);
    }

    /** The rule's own instances from {@code fromLocal} up to {@code untilLocal}, EXDATEs and RDATEs aside; a bounded search. */
    RuleInstances ruleInstances(long fromLocal, long untilLocal) {
        return new RuleInstances(fromLocal, Math.min(untilLocal, saturatedIncrement(ruleLastLocalInAnyZone())), null);
    }

    /** Periods per call into ical4j: half its limit of empty periods in a row, and at most 500. */
    static int periodsPerChunk() {
        int limit = Configurator.getIntProperty(Recur.KEY_MAX_INCREMENT_COUNT).orElse(1_000);
        return limit <= 0 ? 500 : Math.max(1, Math.min(500, limit / 2));
    }

    private static long shortestStepSeconds(Frequency frequency) {
        return switch (frequency) {
            case SECONDLY -> 1;
            case MINUTELY -> 60;
            case HOURLY -> 3600;
            case DAILY -> 86_400;
            case WEEKLY -> 7 * 86_400;
            case MONTHLY -> 28 * 86_400;
            case YEARLY -> 364 * 86_400;
        };
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long remainder = x % y;
            x = y;
            y = remainder;
        }
        return a / x * b;
    }

    private static long saturatedIncrement(long value) {
        return value == Long.MAX_VALUE ? value : value + 1;
    }

    /** The rule's instances in ascending order, asked from ical4j a chunk at a time. */
    final class RuleInstances {

        private final Recur<LocalDateTime> recur = new Recur.Builder<>(rule).build();
        private final @Nullable WallClockCursor budget;
        private final long untilLocal;
        private final long largestChunk = periodSeconds * periodsPerChunk();
        private long chunk;
        private long position;
        private long[] instances = new long[0];
        private int index;

        RuleInstances(long fromLocal, long untilLocal, @Nullable WallClockCursor budget) {
            this.budget = budget;
            this.position = Math.max(fromLocal, dtstartLocal);
            this.untilLocal = untilLocal;
            this.chunk = Math.min(largestChunk, Math.max(4 * periodSeconds, 3600));
        }

        /** The next instance, {@link WallClockCursor#END}, or {@link WallClockCursor#GAVE_UP} when the cursor it serves is idle too long. */
        long next() {
            while (index == instances.length) {
                if (position >= untilLocal) {
                    return WallClockCursor.END;
                }
                long chunkEnd = untilLocal - position <= chunk ? untilLocal : position + chunk;
                if (budget != null && budget.idleAfter(Math.max(1, (chunkEnd - position) / periodSeconds))) {
                    return WallClockCursor.GAVE_UP;
                }
                List<LocalDateTime> dates = recur.getDates(seedBefore(position), toLocalDateTime(position), toLocalDateTime(chunkEnd - 1));
                instances = new long[dates.size()];
                for (int i = 0; i < instances.length; i++) {
                    instances[i] = localSecond(dates.get(i));
                }
                index = 0;
                position = chunkEnd;
                // Wider chunks once the rule proves sparse; never wider than ical4j's limit allows.
                if (instances.length < 64) {
                    chunk = Math.min(largestChunk, chunk * 2);
                }
            }
            return instances[index++];
        }

        /** Where the chunks have reached: every instance before it has been taken. */
        long position() {
            return index < instances.length ? instances[index] : position;
        }

        /**
         * DTSTART moved forward by whole repeats of the rule to shortly before {@code local}. ical4j
         * reaches a far window by doubling an {@code int} count of periods from its seed, which
         * overflows (and then never ends) about 2^31 periods out: 68 years of FREQ=SECONDLY. A
         * repeat keeps everything ical4j derives from the seed: the grid of periods, and the time,
         * weekday, day and month it takes as defaults. For FREQ=HOURLY and finer that is a whole
         * number of hours that is a multiple of the period; otherwise 400 years (the Gregorian
         * calendar's cycle, 4,800 months, 20,871 weeks) times INTERVAL.
         */
        private LocalDateTime seedBefore(long local) {
            long distance = local - dtstartLocal;
            if (periodSeconds < 86_400) {
                long repeat = lcm(periodSeconds, 3600);
                long repeats = distance / repeat - 1;
                return repeats < 1 ? dtstart : dtstart.plusSeconds(repeats * repeat);
            }
            long repeatYears = 400L * Math.max(rule.getInterval(), 1);
            long repeats = distance / (repeatYears * 146_097 / 400 * 86_400) - 1;
            return repeats < 1 ? dtstart : dtstart.plusYears(repeats * repeatYears);
        }

        private LocalDateTime toLocalDateTime(long local) {
            return LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC);
        }
    }

    /** Rule instances merged with RDATEs, EXDATEs removed, in {@code [from, until)}. */
    private final class Cursor extends WallClockCursor {

        private final RuleInstances instances;
        private final long untilLocal;
        private int rdateIndex;
        private long nextInstance;

        Cursor(long fromLocal, long untilLocal) {
            this.untilLocal = untilLocal;
            this.instances = new RuleInstances(fromLocal, Math.min(untilLocal, saturatedIncrement(ruleLastLocalInAnyZone())), this);
            int found = Arrays.binarySearch(rdates, fromLocal);
            this.rdateIndex = found >= 0 ? found : -found - 1;
            this.nextInstance = instances.next();
        }

        @Override
        long next() {
            while (true) {
                if (nextInstance == GAVE_UP) {
                    return GAVE_UP;
                }
                long rdate = nextRdate();
                long candidate = Math.min(rdate, nextInstance);
                if (candidate == END) {
                    return END;
                }
                if (candidate == rdate) {
                    rdateIndex++;
                }
                if (candidate == nextInstance) {
                    nextInstance = instances.next();
                }
                if (!excluded(candidate)) {
                    return candidate;
                }
            }
        }

        @Override
        long reached() {
            long instance = nextInstance == GAVE_UP ? instances.position() : nextInstance == END ? untilLocal : nextInstance;
            return Math.min(instance, nextRdate());
        }

        private long nextRdate() {
            return rdateIndex < rdates.length && rdates[rdateIndex] < untilLocal ? rdates[rdateIndex] : END;
        }
    }
}

package dev.almanac.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;

import dev.almanac.recurrence.InvalidScheduleException.Problem;
import net.fortuna.ical4j.model.Recur;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 5545 recurrence: an RRULE value such as {@code FREQ=MONTHLY;BYDAY=-1FR}, its DTSTART (the
 * first local start, read in the rule's zone like a DTSTART with TZID), and optional EXDATEs and
 * RDATEs, all wall-clock times. ical4j reads and expands the rule; the zone and the DST policy are
 * applied afterwards, exactly as for a cron.
 *
 * <p>The instances are the rule's date-times at or after DTSTART. As in ical4j and python-dateutil,
 * DTSTART itself is an instance only if the rule names it: {@code FREQ=MONTHLY;BYDAY=-1FR} from a
 * Tuesday does not fire on that Tuesday (RFC 5545 leaves an unsynchronised DTSTART undefined).
 * COUNT counts the rule's instances from DTSTART, EXDATEs included; UNTIL is inclusive, in UTC
 * (compared in the rule's zone), as a local date-time, or as a date (through its end). RDATEs add
 * times, EXDATEs remove times equal to them, and neither is bound by COUNT or UNTIL.
 *
 * <p>Validation names the part at fault. A rule with no instance at all is rejected as never
 * firing; the search for the first instance (and for the COUNT-th) covers {@link #SEARCH_YEARS}
 * years, or {@link #SEARCH_PERIODS} steps of FREQ when fewer, since each step costs one turn of
 * ical4j: a sub-daily FREQ that fires that rarely is beyond the engine's limits.
 */
public final class RRuleSchedule implements Schedule {

    /** COUNT may not exceed this. */
    public static final int MAX_COUNT = RRuleParts.MAX_COUNT;
    /** INTERVAL may not exceed this. */
    public static final int MAX_INTERVAL = RRuleParts.MAX_INTERVAL;
    /** At most this many EXDATEs, and as many RDATEs. */
    public static final int MAX_EXTRA_DATES = 1_000;
    /** How far past DTSTART the first instance and the COUNT-th instance are looked for. */
    public static final int SEARCH_YEARS = 400;
    /** How many steps of FREQ and INTERVAL that search may take. */
    public static final long SEARCH_PERIODS = 1_000_000;

    private final RRuleParts parts;
    private final LocalDateTime dtstart;
    private final List<LocalDateTime> exdates;
    private final List<LocalDateTime> rdates;
    private final RRulePlan plan;

    private RRuleSchedule(RRuleParts parts, LocalDateTime dtstart, List<LocalDateTime> exdates, List<LocalDateTime> rdates, RRulePlan plan) {
        this.parts = parts;
        this.dtstart = dtstart;
        this.exdates = exdates;
        this.rdates = rdates;
        this.plan = plan;
    }

    /**
     * A rule without EXDATEs or RDATEs.
     *
     * @throws InvalidRRuleException if the rule is not valid, never fires or asks beyond the limits
     */
    public static RRuleSchedule of(String rrule, LocalDateTime dtstart) {
        return of(rrule, dtstart, List.of(), List.of());
    }

    /**
     * Reads the values as an API receives them: DTSTART, EXDATEs and RDATEs as ISO local date-times
     * such as {@code 2026-12-01T10:00:00}.
     *
     * @throws InvalidRRuleException naming the value that is not an ISO local date-time, or as {@link #of}
     */
    public static RRuleSchedule parse(String rrule, String dtstart, List<String> exdates, List<String> rdates) {
        return of(rrule, localDateTime("dtstart", dtstart), localDateTimes("exdate", exdates), localDateTimes("rdate", rdates));
    }

    /**
     * A rule with its exceptions and additions.
     *
     * @throws InvalidRRuleException if the rule is not valid, never fires or asks beyond the limits
     */
    public static RRuleSchedule of(String rrule, LocalDateTime dtstart, Collection<LocalDateTime> exdates, Collection<LocalDateTime> rdates) {
        RRuleParts parts = RRuleParts.parse(rrule);
        requireWholeSeconds("dtstart", List.of(dtstart));
        requireWholeSeconds("exdate", exdates);
        requireWholeSeconds("rdate", rdates);
        requireAtMost("exdate", exdates);
        requireAtMost("rdate", rdates);
        List<LocalDateTime> sortedExdates = List.copyOf(new TreeSet<>(exdates));
        List<LocalDateTime> sortedRdates = List.copyOf(new TreeSet<>(rdates));
        @Nullable LocalDateTime untilLocal = parts.untilLocal();
        RRulePlan plan = new RRulePlan(ical4jRule(parts), dtstart,
                untilLocal == null ? Long.MAX_VALUE : RRulePlan.localSecond(untilLocal), parts.untilInstant(),
                localSeconds(sortedExdates), localSeconds(sortedRdates));
        @Nullable Integer count = parts.count();
        if (count != null) {
            plan = plan.endingAt(countedInstant(parts, plan, dtstart, count));
        }
        requireAnInstance(parts, plan, dtstart);
        return new RRuleSchedule(parts, dtstart, sortedExdates, sortedRdates, plan);
    }

    /** The rule's value, upper case, without a leading {@code RRULE:}. */
    public String rrule() {
        return parts.text();
    }

    public LocalDateTime dtstart() {
        return dtstart;
    }

    /** Ascending, without duplicates. */
    public List<LocalDateTime> exdates() {
        return exdates;
    }

    /** Ascending, without duplicates. */
    public List<LocalDateTime> rdates() {
        return rdates;
    }

    public OptionalInt count() {
        @Nullable Integer count = parts.count();
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    @Override
    public String description() {
        return RRuleDescription.of(parts, dtstart, exdates.size(), rdates.size());
    }

    /** A rule with COUNT or UNTIL ends. */
    @Override
    public boolean isFinite() {
        return plan.isFinite();
    }

    RRulePlan plan() {
        return plan;
    }

    private static Recur<LocalDateTime> ical4jRule(RRuleParts parts) {
        try {
            return new Recur<>(parts.forIcal4j());
        } catch (RuntimeException e) {
            throw new InvalidRRuleException(Problem.INVALID_SYNTAX, "invalid rrule '" + parts.text() + "': " + e.getMessage(), e);
        }
    }

    /** The local second of the COUNT-th instance, EXDATEs counted as RFC 5545 has it. */
    private static long countedInstant(RRuleParts parts, RRulePlan plan, LocalDateTime dtstart, int count) {
        RRulePlan.RuleInstances instances = plan.ruleInstances(plan.dtstartLocal(), searchEnd(plan));
        long instance = WallClockCursor.END;
        for (int found = 0; found < count; found++) {
            instance = instances.next();
            if (instance == WallClockCursor.END) {
                if (found == 0) {
                    break;
                }
                throw new InvalidRRuleException(Problem.BEYOND_LIMITS, "rrule '" + parts.text() + "' has only " + found
                        + (found == 1 ? " instance " : " instances ") + searchDescription(plan, dtstart) + "; COUNT=" + count + " is not reached there");
            }
        }
        return instance == WallClockCursor.END ? plan.dtstartLocal() - 1 : instance;
    }

    private static void requireAnInstance(RRuleParts parts, RRulePlan plan, LocalDateTime dtstart) {
        long searchEnd = searchEnd(plan);
        RRulePlan.RuleInstances instances = plan.ruleInstances(plan.dtstartLocal(), searchEnd);
        boolean anyRuleInstance = false;
        for (long instance = instances.next(); instance != WallClockCursor.END; instance = instances.next()) {
            anyRuleInstance = true;
            if (!plan.excluded(instance)) {
                return;
            }
        }
        if (plan.keepsAnRdate()) {
            return;
        }
        if (anyRuleInstance) {
            throw new InvalidRRuleException(Problem.NEVER_FIRES, "rrule '" + parts.text() + "' never fires: EXDATE excludes every instance");
        }
        long ruleEnd = plan.ruleLastLocalInAnyZone() == Long.MAX_VALUE ? Long.MAX_VALUE : plan.ruleLastLocalInAnyZone() + 1;
        if (searchEnd < Math.min(yearsAfter(dtstart, SEARCH_YEARS), ruleEnd)) {
            throw new InvalidRRuleException(Problem.BEYOND_LIMITS, "rrule '" + parts.text() + "' has no instance "
                    + searchDescription(plan, dtstart) + "; a schedule that sparse wants a coarser FREQ or a cron expression");
        }
        throw new InvalidRRuleException(Problem.NEVER_FIRES, "rrule '" + parts.text() + "' never fires: no date-time from dtstart "
                + dtstart + (ruleEnd == Long.MAX_VALUE ? " within " + SEARCH_YEARS + " years" : " to its " + (parts.count() != null ? "COUNT" : "UNTIL"))
                + " satisfies it");
    }

    /** The end of a bounded search from DTSTART: {@link #SEARCH_YEARS}, or {@link #SEARCH_PERIODS} periods if sooner. */
    private static long searchEnd(RRulePlan plan) {
        long byPeriods = plan.dtstartLocal() + Math.min(SEARCH_PERIODS * plan.periodSeconds(), Long.MAX_VALUE / 4);
        return Math.min(byPeriods, yearsAfter(LocalDateTime.ofEpochSecond(plan.dtstartLocal(), 0, ZoneOffset.UTC), SEARCH_YEARS));
    }

    private static long yearsAfter(LocalDateTime dtstart, int years) {
        return RRulePlan.localSecond(dtstart.plusYears(years));
    }

    private static String searchDescription(RRulePlan plan, LocalDateTime dtstart) {
        long end = searchEnd(plan);
        return end < yearsAfter(dtstart, SEARCH_YEARS)
                ? "within " + String.format(Locale.ROOT, "%,d", SEARCH_PERIODS) + " steps of its FREQ and INTERVAL from dtstart " + dtstart + " (until "
                        + LocalDateTime.ofEpochSecond(end, 0, ZoneOffset.UTC) + ")"
                : "within " + SEARCH_YEARS + " years of dtstart " + dtstart;
    }

    private static LocalDateTime localDateTime(String what, String text) {
        try {
            return LocalDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRRuleException(Problem.INVALID_SYNTAX, what + " '" + text
                    + "' is not an ISO local date-time such as 2026-12-01T10:00:00", e);
        }
    }

    private static List<LocalDateTime> localDateTimes(String what, List<String> texts) {
        List<LocalDateTime> times = new ArrayList<>(texts.size());
        for (String text : texts) {
            times.add(localDateTime(what, text));
        }
        return times;
    }

    private static void requireWholeSeconds(String what, Collection<LocalDateTime> times) {
        for (LocalDateTime time : times) {
            Objects.requireNonNull(time, what);
            if (time.getNano() != 0) {
                throw new InvalidRRuleException(Problem.INVALID_SYNTAX, what + " " + time + " has a fraction of a second; RFC 5545 times are whole seconds");
            }
        }
    }

    private static void requireAtMost(String what, Collection<LocalDateTime> times) {
        if (times.size() > MAX_EXTRA_DATES) {
            throw new InvalidRRuleException(Problem.BEYOND_LIMITS, times.size() + " " + what + "s given; at most " + MAX_EXTRA_DATES + " are accepted");
        }
    }

    private static long[] localSeconds(List<LocalDateTime> times) {
        return times.stream().mapToLong(RRulePlan::localSecond).toArray();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RRuleSchedule rule && rule.parts.text().equals(parts.text()) && rule.dtstart.equals(dtstart)
                && rule.exdates.equals(exdates) && rule.rdates.equals(rdates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts.text(), dtstart, exdates, rdates);
    }

    /** As in an iCalendar object: {@code DTSTART:20261201T100000;RRULE:FREQ=MONTHLY;BYDAY=-1FR}, then EXDATE and RDATE counts. */
    @Override
    public String toString() {
        return "DTSTART:" + dtstart + " RRULE:" + parts.text()
                + (exdates.isEmpty() ? "" : " EXDATE:" + exdates) + (rdates.isEmpty() ? "" : " RDATE:" + rdates);
    }
}

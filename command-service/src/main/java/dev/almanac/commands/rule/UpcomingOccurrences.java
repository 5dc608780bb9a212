package dev.almanac.commands.rule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * A rule's next occurrences as rule-expander would publish them (shared-recurrence's expansion, DST policy and jitter
 * included), and what a person should know about its schedule before it runs: that it fires more than
 * {@value #FREQUENT_PER_DAY} times a day, or lands in a daylight-saving gap or overlap within a year. A change request
 * shows them before and after the change (OPS-CHANGE); a new rule shows them before it is created (UI-RULE-PREVIEW).
 */
public final class UpcomingOccurrences {

    /** How many occurrences a preview shows unless asked for another number. */
    public static final int DEFAULT_COUNT = 10;
    /** A schedule that fires more often than this in a local day is flagged ({@code frequent}). */
    public static final int FREQUENT_PER_DAY = 24;
    /** How far ahead daylight-saving transitions are looked for. */
    public static final Duration DST_LOOKAHEAD = Duration.ofDays(366);

    private static final int MAX_PAGES = 64;
    /** Occurrences per page when looking for the next ones: enough that an hour of jitter on a per-second schedule pages through. */
    private static final int PAGE = 1_000;
    private static final Duration DST_REACH = Duration.ofHours(3);
    /** A per-second schedule has 21,600 times within {@link #DST_REACH} either side of a transition. */
    private static final int DST_PROBE_LIMIT = 30_000;
    private static final int DST_WARNINGS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private UpcomingOccurrences() {
    }

    /**
     * The next {@code count} occurrences that start from {@code from}, of those that resolve from the rule's
     * {@code active_from} on: rule-expander materialises a rule from the moment it was created, so an occurrence that
     * resolved just before it (and starts after it by its jitter) never was.
     */
    public static List<Occurrence> startingFrom(RuleDefinition definition, Series series, Instant from, int count) {
        return next(series, from, latest(from.minusSeconds(series.spec().jitterSeconds()), definition.activeFrom()), true, count);
    }

    /**
     * The first {@code count} occurrences, by start, that start (or, when {@code byStart} is false, resolve) at or after
     * {@code from}, among those that resolve from {@code resolvedFrom} on. Jitter can start an occurrence later than one
     * that resolved after it, so pages go on until no occurrence not yet seen can start before the last one kept.
     */
    public static List<Occurrence> next(Series series, Instant from, Instant resolvedFrom, boolean byStart, int count) {
        Instant until = from.plus(RecurrenceExpander.NEXT_SEARCH_LIMIT);
        Instant pageFrom = resolvedFrom;
        List<Occurrence> found = new ArrayList<>();
        // A moved occurrence starts where it was moved to, outside the series' order: it counts where it now starts.
        for (Occurrence moved : series.moved()) {
            if (!(byStart ? moved.start() : moved.resolvedInstant()).isBefore(from) && !moved.resolvedInstant().isBefore(resolvedFrom)
                    && moved.start().isBefore(until)) {
                found.add(moved);
            }
        }
        for (int page = 0; page < MAX_PAGES && pageFrom.isBefore(until); page++) {
            Expansion expansion = series.expand(pageFrom, until, PAGE);
            for (Occurrence occurrence : expansion.occurrences()) {
                if (!(byStart ? occurrence.start() : occurrence.resolvedInstant()).isBefore(from)) {
                    found.add(occurrence);
                }
            }
            found.sort(Comparator.comparing(Occurrence::start));
            if (!expansion.truncated()
                    || found.size() >= count && !expansion.coveredUntil().isBefore(found.get(count - 1).start())) {
                break;
            }
            pageFrom = expansion.coveredUntil();
        }
        return found.size() > count ? List.copyOf(found.subList(0, count)) : List.copyOf(found);
    }

    /** The schedule in English, the zone its wall-clock times are read in, and {@code occurrences} as a client reads them. */
    public static SchedulePreview preview(RuleDefinition definition, RecurrenceSpec spec, List<Occurrence> occurrences) {
        return new SchedulePreview(spec.schedule().description(), definition.timezone(), occurrences.stream()
                .map(occurrence -> new OccurrencePreview(occurrence.id(), occurrence.start(), occurrence.end(), occurrence.dstResolution()))
                .toList());
    }

    /** The busiest of the next seven local days, if the schedule fires more than {@value #FREQUENT_PER_DAY} times in it. */
    public static Optional<RuleChangeWarning> frequent(RecurrenceSpec spec, Instant now) {
        LocalDate today = now.atZone(spec.zone()).toLocalDate();
        long most = 0;
        LocalDate busiest = today;
        for (int day = 0; day < 7; day++) {
            LocalDate date = today.plusDays(day);
            try {
                long count = RecurrenceExpander.count(spec, date.atStartOfDay(spec.zone()).toInstant(),
                        date.plusDays(1).atStartOfDay(spec.zone()).toInstant());
                if (count > most) {
                    most = count;
                    busiest = date;
                }
            } catch (InvalidScheduleException searchedTooLong) {
                // A day the search gave up on has no occurrence to count.
            }
        }
        if (most <= FREQUENT_PER_DAY) {
            return Optional.empty();
        }
        return Optional.of(new RuleChangeWarning("frequent", "the new schedule fires " + most + " times on "
                + busiest.format(DAY) + " in " + spec.zone() + ", more than " + FREQUENT_PER_DAY + " times a day"));
    }

    /**
     * The occurrences that fall in a daylight-saving gap or overlap of the rule's zone within a year, one warning per
     * transition. The schedule is probed with every gap time shifted and every overlap time at both instants, so a time
     * the rule's policy skips is found too; the message says what the policy does with it.
     */
    public static List<RuleChangeWarning> daylightSaving(RecurrenceSpec spec, Instant now) {
        RecurrenceSpec probe = new RecurrenceSpec(spec.ruleId(), spec.schedule(), spec.zone(),
                new DstPolicy(GapPolicy.SHIFT_FORWARD, OverlapPolicy.TWICE), spec.duration(), 0);
        List<RuleChangeWarning> warnings = new ArrayList<>();
        Instant end = now.plus(DST_LOOKAHEAD);
        Instant cursor = now;
        ZoneOffsetTransition transition;
        while (warnings.size() < DST_WARNINGS && (transition = spec.zone().getRules().nextTransition(cursor)) != null
                && transition.getInstant().isBefore(end)) {
            cursor = transition.getInstant();
            // A gap or overlap time resolves within the offset change of the transition, at most a few hours either side.
            Instant from = latest(now, cursor.minus(DST_REACH));
            List<Occurrence> affected;
            try {
                affected = RecurrenceExpander.expand(probe, from, cursor.plus(DST_REACH), DST_PROBE_LIMIT).occurrences().stream()
                        .filter(occurrence -> occurrence.dstResolution() != DstResolution.EXACT)
                        .toList();
            } catch (InvalidScheduleException searchedTooLong) {
                continue;
            }
            if (!affected.isEmpty()) {
                warnings.add(transition.isGap() ? gap(spec, affected) : overlap(spec, affected));
            }
        }
        return warnings;
    }

    /** {@code instant} on the wall clock of {@code zone}, for a person: "Sunday 28 March 2027 03:30 Europe/Berlin". */
    public static String at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).format(DAY) + " " + instant.atZone(zone).format(WALL_CLOCK) + " " + zone;
    }

    private static RuleChangeWarning gap(RecurrenceSpec spec, List<Occurrence> affected) {
        Occurrence first = affected.get(0);
        String what = spec.dstPolicy().gap() == GapPolicy.SKIP ? "the gap policy skip leaves that run out"
                : "the gap policy shift_forward runs it at " + first.resolvedInstant().atZone(spec.zone()).format(WALL_CLOCK)
                + " (" + first.resolvedInstant() + ")";
        return new RuleChangeWarning("dst_gap", first.nominalLocalTime().format(WALL_CLOCK) + " on "
                + first.nominalLocalTime().format(DAY) + " does not exist in " + spec.zone() + ", where the clocks skip ahead; "
                + what + more(affected.size() - 1, "time"));
    }

    private static RuleChangeWarning overlap(RecurrenceSpec spec, List<Occurrence> affected) {
        Occurrence earlier = affected.get(0);
        Occurrence later = affected.stream().filter(occurrence -> occurrence.dstResolution() == DstResolution.OVERLAP_LATER
                && occurrence.nominalLocalTime().equals(earlier.nominalLocalTime())).findFirst().orElse(earlier);
        String what = switch (spec.dstPolicy().overlap()) {
            case EARLIER -> "the overlap policy earlier runs it once, at the first (" + earlier.resolvedInstant() + ")";
            case LATER -> "the overlap policy later runs it once, at the second (" + later.resolvedInstant() + ")";
            case TWICE -> "the overlap policy twice runs it at both (" + earlier.resolvedInstant() + " and " + later.resolvedInstant() + ")";
        };
        long times = affected.stream().map(Occurrence::nominalLocalTime).distinct().count();
        return new RuleChangeWarning("dst_overlap", earlier.nominalLocalTime().format(WALL_CLOCK) + " on "
                + earlier.nominalLocalTime().format(DAY) + " happens twice in " + spec.zone() + ", where the clocks go back; "
                + what + more(times - 1, "time"));
    }

    private static String more(long count, String what) {
        return count <= 0 ? "" : " (and " + count + " more " + what + (count == 1 ? "" : "s") + " that night)";
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

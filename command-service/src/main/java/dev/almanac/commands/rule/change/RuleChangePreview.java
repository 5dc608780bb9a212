package dev.almanac.commands.rule.change;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSchedule;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.DstPolicy;
import dev.almanac.events.rule.DstResolution;
import dev.almanac.events.rule.GapPolicy;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.OverlapPolicy;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.recurrence.Expansion;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * What a change would do to its rule, worked out before anything changes: the change in English, the
 * rule's next {@value #OCCURRENCES} occurrences before and after it, and warnings. The occurrences are
 * shared-recurrence's, DST policy and jitter included, and follow what rule-expander publishes for
 * the rule's own event: an update shows the new definition from now on (from {@code resume_after} for
 * a paused rule, nothing for one paused without end or disabled), a pause what stays published after
 * {@code resume_after}, a resume the occurrences from now on. A change the rule's own command would
 * refuse now is refused here the same way.
 */
record RuleChangePreview(String description, SchedulePreview before, SchedulePreview after, List<RuleChangeWarning> warnings) {

    static final int OCCURRENCES = 10;
    /** A schedule that fires more often than this in a local day is flagged ({@code frequent}). */
    static final int FREQUENT_PER_DAY = 24;
    /** Occurrences that start sooner than this after the proposal are flagged when the change removes them. */
    static final Duration IMMINENT = Duration.ofHours(1);
    /** How far ahead daylight-saving transitions are looked for. */
    static final Duration DST_LOOKAHEAD = Duration.ofDays(366);

    private static final int MAX_PAGES = 64;
    /** Occurrences per page when looking for the next ones: enough that an hour of jitter on a per-second schedule pages through. */
    private static final int PAGE = 1_000;
    private static final Duration DST_REACH = Duration.ofHours(3);
    /** A per-second schedule has 21,600 times within {@link #DST_REACH} either side of a transition. */
    private static final int DST_PROBE_LIMIT = 30_000;
    private static final int DST_WARNINGS = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    /**
     * @throws CommandRejectedException what the rule's own command would refuse now: a deleted rule, a pause of a paused or
     *     disabled rule, a resume of one that is not paused, a schedule that cannot run, or a change that changes nothing
     */
    static RuleChangePreview of(RuleSnapshot rule, RuleChange change, Instant now, ChangeSource source) {
        if (rule.deleted()) {
            throw conflict("deleted", "rule " + rule.ruleId() + " is deleted and cannot be changed; create a new rule instead");
        }
        RuleDefinition current = rule.definition();
        RecurrenceSpec currentSpec = current.spec(rule.ruleId());
        SchedulePreview before = preview(current, currentSpec, upcoming(rule, new Series(currentSpec, rule.exceptions()), now));
        return switch (change.action()) {
            case UPDATE -> update(rule, change, now, source, before);
            case PAUSE -> pause(rule, change, now, source, currentSpec, before);
            case RESUME -> resume(rule, now, currentSpec, before);
        };
    }

    /** The definition an update leaves: the parts the change names replaced, the rest as it was. */
    static RuleDefinition updated(RuleDefinition definition, RuleChange change) {
        RuleSchedule schedule = change.cron() != null ? new RuleSchedule(change.cron(), change.cronDialect(), null)
                : change.rrule() != null ? new RuleSchedule("", null, change.rrule()) : null;
        return definition.with(schedule, change.timezone(), change.durationSeconds(), change.jitterSeconds(), change.dstPolicy(),
                change.resources());
    }

    private static RuleChangePreview update(RuleSnapshot rule, RuleChange change, Instant now, ChangeSource source,
                                            SchedulePreview before) {
        RuleDefinition current = rule.definition();
        RuleDefinition next = updated(current, change);
        RecurrenceSpec nextSpec;
        try {
            nextSpec = next.spec(rule.ruleId());
        } catch (InvalidScheduleException e) {
            String field = change.rrule() != null ? "rrule" : "cron";
            throw CommandRejectedException.invalid(source.field(field), RuleSchedule.ruleBroken(field, e), e.getMessage());
        }
        if (next.equals(current)) {
            throw conflict(source.field(""), "no_change", "rule " + rule.ruleId() + " already runs " + nextSpec.schedule().description()
                    + " in " + current.timezone() + " as this change asks; nothing would change");
        }
        // Exceptions outlive an update wherever the new schedule still produces their occurrence (ADR 0023).
        Series nextSeries = new Series(nextSpec, rule.exceptions());
        List<Occurrence> upcoming = rule.isDisabled() ? List.of()
                : rule.isPaused() ? rule.resumeAfter() == null ? List.of() : startingFrom(next, nextSeries, rule.resumeAfter())
                : startingFrom(next, nextSeries, now);
        SchedulePreview after = preview(next, nextSpec, upcoming);

        List<RuleChangeWarning> warnings = new ArrayList<>();
        if (rule.isDisabled()) {
            warnings.add(new RuleChangeWarning("rule_disabled", "rule " + rule.ruleId() + " is disabled: the new definition takes "
                    + "effect when it is enabled"));
        } else if (rule.isPaused()) {
            warnings.add(new RuleChangeWarning("rule_paused", "rule " + rule.ruleId() + " is paused " + (rule.resumeAfter() == null
                    ? "until it is resumed: the new definition takes effect then"
                    : "until " + at(rule.resumeAfter(), current.timezone()) + ": the new definition takes effect then")));
        }
        if (change.replacesSchedule() || change.timezone() != null) {
            frequent(nextSpec, now).ifPresent(warnings::add);
        }
        if (change.replacesSchedule() || change.timezone() != null || change.dstPolicy() != null) {
            warnings.addAll(daylightSaving(nextSpec, now));
        }
        Set<String> kept = after.occurrences().stream().map(occurrence -> occurrence.occurrenceId() + "@" + occurrence.start())
                .collect(Collectors.toSet());
        imminent(before, now).stream()
                .filter(occurrence -> !kept.contains(occurrence.occurrenceId() + "@" + occurrence.start()))
                .findFirst()
                .ifPresent(dropped -> warnings.add(new RuleChangeWarning("drops_imminent", "the change drops or moves the run at "
                        + at(dropped.start(), current.timezone()) + ", " + minutesFrom(now, dropped.start()) + " from now")));
        return new RuleChangePreview(capitalised(describe(current, next, nextSpec, rule)), before, after, warnings);
    }

    private static RuleChangePreview pause(RuleSnapshot rule, RuleChange change, Instant now, ChangeSource source,
                                           RecurrenceSpec spec, SchedulePreview before) {
        if (rule.isDisabled()) {
            throw conflict("disabled", "rule " + rule.ruleId() + " is disabled; a disabled rule cannot be paused");
        }
        if (rule.isPaused()) {
            throw conflict("paused", "rule " + rule.ruleId() + " is already paused" + (rule.resumeAfter() == null ? ""
                    : " until " + rule.resumeAfter()) + "; resume it first");
        }
        Instant resumeAfter = change.resumeAfter();
        if (resumeAfter != null && !resumeAfter.isAfter(now)) {
            throw CommandRejectedException.invalid(source.field("resume_after"), "future", "the pause would end at " + resumeAfter
                    + ", which is not in the future; leave the end out to pause until resumed");
        }
        ZoneId zone = rule.definition().timezone();
        SchedulePreview after = preview(rule.definition(), spec, resumeAfter == null ? List.of()
                : startingFrom(rule.definition(), new Series(spec, rule.exceptions()), resumeAfter));
        List<RuleChangeWarning> warnings = new ArrayList<>();
        List<OccurrencePreview> skipped = imminent(before, now).stream()
                .filter(occurrence -> resumeAfter == null || occurrence.start().isBefore(resumeAfter))
                .toList();
        if (!skipped.isEmpty()) {
            warnings.add(new RuleChangeWarning("pauses_imminent", "pausing skips the run at " + at(skipped.get(0).start(), zone) + ", "
                    + minutesFrom(now, skipped.get(0).start()) + " from now" + (skipped.size() == 1 ? ""
                    : ", and " + (skipped.size() - 1) + " more within the hour")));
        }
        String description = resumeAfter == null ? "Pause the rule until it is resumed"
                : "Pause the rule until " + at(resumeAfter, zone) + " (" + resumeAfter + ")";
        return new RuleChangePreview(description, before, after, warnings);
    }

    private static RuleChangePreview resume(RuleSnapshot rule, Instant now, RecurrenceSpec spec, SchedulePreview before) {
        if (rule.isDisabled()) {
            throw conflict("disabled", "rule " + rule.ruleId() + " is disabled, which a resume does not end; enable it instead");
        }
        if (!rule.isPaused()) {
            throw conflict("not_paused", "rule " + rule.ruleId() + " is not paused; only a paused rule can be resumed");
        }
        // A resume materialises what resolves from the resume on (rule-expander's pass from resumed_at).
        Instant resumedAt = latest(now, rule.definition().activeFrom());
        SchedulePreview after = preview(rule.definition(), spec, next(new Series(spec, rule.exceptions()), resumedAt, resumedAt, false));
        String description = "Resume the rule now" + (rule.resumeAfter() == null ? ", paused until resumed"
                : " instead of at " + at(rule.resumeAfter(), rule.definition().timezone()));
        return new RuleChangePreview(description, before, after, List.of());
    }

    /** What is published of the rule as it stands: nothing while disabled or paused without end, from the pause's end when paused. */
    private static List<Occurrence> upcoming(RuleSnapshot rule, Series series, Instant now) {
        if (rule.isDisabled() || rule.deleted()) {
            return List.of();
        }
        if (rule.isPaused()) {
            return rule.resumeAfter() == null ? List.of() : startingFrom(rule.definition(), series, rule.resumeAfter());
        }
        return startingFrom(rule.definition(), series, now);
    }

    /**
     * The next occurrences that start from {@code from}, of those that resolve from the rule's {@code active_from} on:
     * rule-expander materialises a rule from the moment it was created, so an occurrence that resolved just before it
     * (and starts after it by its jitter) never was.
     */
    private static List<Occurrence> startingFrom(RuleDefinition definition, Series series, Instant from) {
        return next(series, from, latest(from.minusSeconds(series.spec().jitterSeconds()), definition.activeFrom()), true);
    }

    /**
     * The first {@value #OCCURRENCES} occurrences, by start, that start (or, when {@code byStart} is false, resolve) at or
     * after {@code from}, among those that resolve from {@code resolvedFrom} on. Jitter can start an occurrence later than
     * one that resolved after it, so pages go on until no occurrence not yet seen can start before the last one kept.
     */
    private static List<Occurrence> next(Series series, Instant from, Instant resolvedFrom, boolean byStart) {
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
                    || found.size() >= OCCURRENCES && !expansion.coveredUntil().isBefore(found.get(OCCURRENCES - 1).start())) {
                break;
            }
            pageFrom = expansion.coveredUntil();
        }
        return found.size() > OCCURRENCES ? List.copyOf(found.subList(0, OCCURRENCES)) : List.copyOf(found);
    }

    private static SchedulePreview preview(RuleDefinition definition, RecurrenceSpec spec, List<Occurrence> occurrences) {
        return new SchedulePreview(spec.schedule().description(), definition.timezone(), occurrences.stream()
                .map(occurrence -> new OccurrencePreview(occurrence.id(), occurrence.start(), occurrence.end(), occurrence.dstResolution()))
                .toList());
    }

    private static List<OccurrencePreview> imminent(SchedulePreview before, Instant now) {
        Instant soon = now.plus(IMMINENT);
        return before.occurrences().stream().filter(occurrence -> occurrence.start().isBefore(soon)).toList();
    }

    /** The busiest of the next seven local days, if the schedule fires more than {@value #FREQUENT_PER_DAY} times in it. */
    private static Optional<RuleChangeWarning> frequent(RecurrenceSpec spec, Instant now) {
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
    private static List<RuleChangeWarning> daylightSaving(RecurrenceSpec spec, Instant now) {
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

    private static String describe(RuleDefinition current, RuleDefinition next, RecurrenceSpec nextSpec, RuleSnapshot rule) {
        List<String> parts = new ArrayList<>();
        if (!next.schedule().equals(current.schedule())) {
            parts.add("run " + nextSpec.schedule().description() + " instead of " + current.spec(rule.ruleId()).schedule().description());
        }
        if (!next.timezone().equals(current.timezone())) {
            parts.add("read its times in " + next.timezone() + " instead of " + current.timezone());
        }
        if (next.durationSeconds() != current.durationSeconds()) {
            parts.add("make each occurrence last " + ShortDurations.format(Duration.ofSeconds(next.durationSeconds())) + " instead of "
                    + ShortDurations.format(Duration.ofSeconds(current.durationSeconds())));
        }
        if (next.options().jitterSeconds() != current.options().jitterSeconds()) {
            parts.add("delay each start by up to " + next.options().jitterSeconds() + " s of jitter instead of "
                    + current.options().jitterSeconds() + " s");
        }
        if (!Objects.equals(next.dstPolicy(), current.dstPolicy())) {
            parts.add("resolve a DST gap by " + wire(next.dstPolicy().gap()) + " and an overlap by " + wire(next.dstPolicy().overlap())
                    + " instead of " + wire(current.dstPolicy().gap()) + " and " + wire(current.dstPolicy().overlap()));
        }
        if (!next.resources().equals(current.resources())) {
            parts.add("book " + booked(next.resources()) + " for each occurrence instead of " + booked(current.resources()));
        }
        return String.join("; ", parts);
    }

    private static String booked(List<ResourceBooking> resources) {
        return resources.isEmpty() ? "no resource" : resources.stream()
                .map(booking -> booking.resourceId() + " (" + wire(booking.role()) + ")").collect(Collectors.joining(", "));
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String at(Instant instant, ZoneId zone) {
        return instant.atZone(zone).format(DAY) + " " + instant.atZone(zone).format(WALL_CLOCK) + " " + zone;
    }

    private static String minutesFrom(Instant now, Instant then) {
        long minutes = Math.max(0, ChronoUnit.MINUTES.between(now, then));
        return minutes == 1 ? "1 minute" : minutes + " minutes";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static CommandRejectedException conflict(String rule, String message) {
        return conflict("id", rule, message);
    }

    private static CommandRejectedException conflict(String field, String rule, String message) {
        return new CommandRejectedException(Reason.CONFLICT, field, rule, message);
    }
}

package dev.almanac.commands.rule.change;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.almanac.commands.CommandRejectedException.Reason;
import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSchedule;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.commands.rule.UpcomingOccurrences;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.events.schedule.ResourceBooking;
import dev.almanac.platform.input.ShortDurations;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.Occurrence;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * What a change would do to its rule, worked out before anything changes: the change in English, the
 * rule's next {@value #OCCURRENCES} occurrences before and after it, and warnings. The occurrences and the schedule's
 * warnings are {@link UpcomingOccurrences}', and follow what rule-expander publishes for
 * the rule's own event: an update shows the new definition from now on (from {@code resume_after} for
 * a paused rule, nothing for one paused without end or disabled), a pause what stays published after
 * {@code resume_after}, a resume the occurrences from now on. A change the rule's own command would
 * refuse now is refused here the same way.
 */
record RuleChangePreview(String description, SchedulePreview before, SchedulePreview after, List<RuleChangeWarning> warnings) {

    static final int OCCURRENCES = UpcomingOccurrences.DEFAULT_COUNT;
    /** Occurrences that start sooner than this after the proposal are flagged when the change removes them. */
    static final Duration IMMINENT = Duration.ofHours(1);

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
            case UPDATE -> update(rule, change, now, source, currentSpec, before);
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
                                            RecurrenceSpec currentSpec, SchedulePreview before) {
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
            UpcomingOccurrences.frequent(nextSpec, now).ifPresent(warnings::add);
        }
        if (change.replacesSchedule() || change.timezone() != null || change.dstPolicy() != null) {
            warnings.addAll(UpcomingOccurrences.daylightSaving(nextSpec, now));
        }
        Set<String> kept = after.occurrences().stream().map(occurrence -> occurrence.occurrenceId() + "@" + occurrence.start())
                .collect(Collectors.toSet());
        imminent(before, now).stream()
                .filter(occurrence -> !kept.contains(occurrence.occurrenceId() + "@" + occurrence.start()))
                .findFirst()
                .ifPresent(dropped -> warnings.add(new RuleChangeWarning("drops_imminent", "the change drops or moves the run at "
                        + at(dropped.start(), current.timezone()) + ", " + minutesFrom(now, dropped.start()) + " from now")));
        return new RuleChangePreview(capitalised(describe(current, next, currentSpec, nextSpec)), before, after, warnings);
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

    private static List<Occurrence> startingFrom(RuleDefinition definition, Series series, Instant from) {
        return UpcomingOccurrences.startingFrom(definition, series, from, OCCURRENCES);
    }

    private static List<Occurrence> next(Series series, Instant from, Instant resolvedFrom, boolean byStart) {
        return UpcomingOccurrences.next(series, from, resolvedFrom, byStart, OCCURRENCES);
    }

    private static SchedulePreview preview(RuleDefinition definition, RecurrenceSpec spec, List<Occurrence> occurrences) {
        return UpcomingOccurrences.preview(definition, spec, occurrences);
    }

    private static String at(Instant instant, ZoneId zone) {
        return UpcomingOccurrences.at(instant, zone);
    }

    private static List<OccurrencePreview> imminent(SchedulePreview before, Instant now) {
        Instant soon = now.plus(IMMINENT);
        return before.occurrences().stream().filter(occurrence -> occurrence.start().isBefore(soon)).toList();
    }

    private static String describe(RuleDefinition current, RuleDefinition next, RecurrenceSpec currentSpec, RecurrenceSpec nextSpec) {
        List<String> parts = new ArrayList<>();
        if (!next.schedule().equals(current.schedule())) {
            parts.add("run " + nextSpec.schedule().description() + " instead of " + currentSpec.schedule().description());
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

package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.rule.OccurrencePreview;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.events.rule.RuleId;
import dev.almanac.events.rule.SchedulePreview;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Series;

/**
 * What a new rule would schedule (UI-RULE-PREVIEW), in the shape a change request shows its rule before and after
 * (a {@link SchedulePreview}), with the warnings a change request gives a new schedule.
 *
 * @param description the schedule in English, as the created rule's {@code description} says it
 * @param timezone    the zone its wall-clock times are read in
 * @param occurrences its next occurrences from now, or from its first start when that is later; each with the id, start
 *                    and end rule-expander gives it (DST policy and jitter applied)
 * @param warnings    {@code frequent}, {@code dst_gap}, {@code dst_overlap} within a year, {@code expired} when every
 *                    occurrence lies before now
 */
record RulePreview(
        String description,
        @Schema(type = "string", example = "Europe/Berlin") ZoneId timezone,
        List<OccurrencePreview> occurrences,
        List<RuleChangeWarning> warnings) {

    RulePreview {
        occurrences = List.copyOf(occurrences);
        warnings = List.copyOf(warnings);
    }

    /**
     * @throws CommandRejectedException 400 naming {@code cron} or {@code rrule} when the expansion is beyond the engine's
     *     limits, as the rule's own expansion would be
     */
    static RulePreview of(RuleId ruleId, RuleDefinition definition, Instant now, int count) {
        try {
            RecurrenceSpec spec = definition.spec(ruleId);
            SchedulePreview schedule = UpcomingOccurrences.preview(definition, spec,
                    UpcomingOccurrences.startingFrom(definition, Series.of(spec), now, count));
            List<RuleChangeWarning> warnings = new ArrayList<>();
            UpcomingOccurrences.frequent(spec, now).ifPresent(warnings::add);
            warnings.addAll(UpcomingOccurrences.daylightSaving(spec, now));
            if (schedule.occurrences().isEmpty() && RecurrenceExpander.isExhausted(spec, now)) {
                warnings.add(new RuleChangeWarning("expired", "every occurrence of " + spec.schedule().description()
                        + " lies before now: the rule would be created expired and never run"));
            }
            return new RulePreview(schedule.description(), schedule.timezone(), schedule.occurrences(), warnings);
        } catch (InvalidScheduleException e) {
            String field = definition.schedule().rrule() == null ? "cron" : "rrule";
            throw CommandRejectedException.invalid(field, RuleSchedule.ruleBroken(field, e), e.getMessage());
        }
    }
}

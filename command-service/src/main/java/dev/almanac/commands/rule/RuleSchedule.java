package dev.almanac.commands.rule;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.platform.input.StrictInputModule;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.RecurrencePattern;
import dev.almanac.recurrence.RecurrenceSpec;
import dev.almanac.recurrence.Schedule;

/**
 * A rule's schedule as its events carry it: a cron in a dialect (UNIX written as no dialect, as
 * every rule before dialects), or an RRULE, and then an empty cron. Requests give exactly one of
 * {@code cron}, {@code rrule} (with {@code dtstart}, optional {@code exdates} and {@code rdates})
 * or a {@code recurrence} pattern with {@code dtstart} (SCH-RECURRENCE), which is read as the RRULE it means.
 */
public record RuleSchedule(String cron, @Nullable CronSyntax cronDialect, @Nullable RecurrenceRule rrule) {

    /**
     * Reads and validates the schedule fields of a create or update request.
     *
     * @throws ProblemException naming the field at fault and the rule it breaks
     */
    public static RuleSchedule read(@Nullable String cron, @Nullable CronSyntax cronDialect, @Nullable String rrule,
                             @Nullable String dtstart, @Nullable List<String> exdates, @Nullable List<String> rdates,
                             @Nullable RecurrenceRequest recurrence) {
        List<String> given = new ArrayList<>();
        if (cron != null) {
            given.add("cron");
        }
        if (rrule != null) {
            given.add("rrule");
        }
        if (recurrence != null) {
            given.add("recurrence");
        }
        if (given.size() != 1) {
            throw ProblemException.invalid(given.isEmpty() ? "cron" : given.get(1), "one_of",
                    "a rule is scheduled by exactly one of cron, rrule, recurrence or heartbeat, but " + (given.isEmpty() ? "none was given"
                            : String.join(" and ", given) + " were given"));
        }
        if (cron != null) {
            requireAbsent("cron", dtstart, "dtstart");
            requireAbsent("cron", exdates, "exdates");
            requireAbsent("cron", rdates, "rdates");
            CronSyntax dialect = cronDialect == CronSyntax.UNIX ? null : cronDialect;
            return validated(new RuleSchedule(cron.strip(), dialect, null), "cron");
        }
        requireAbsent(given.get(0), cronDialect, "cron_dialect");
        if (dtstart == null) {
            throw ProblemException.invalid("dtstart", "required",
                    "dtstart, the first local start in the rule's timezone (like 2026-12-01T10:00:00), is required with " + given.get(0));
        }
        LocalDateTime start = localDateTime("dtstart", dtstart);
        if (recurrence != null) {
            requireAbsent("recurrence", exdates, "exdates");
            requireAbsent("recurrence", rdates, "rdates");
            if (recurrence.type() == RecurrencePattern.Type.NONE) {
                throw ProblemException.invalid("recurrence.type", "one_of",
                        "a rule recurs: recurrence.type must be daily, weekly, monthly or yearly, or give the rule as an rrule");
            }
            String value;
            try {
                value = recurrence.toPattern().toRRule(start).orElseThrow();
            } catch (InvalidScheduleException e) {
                throw problem("recurrence", e);
            }
            return validated(new RuleSchedule("", null, new RecurrenceRule(value, start, List.of(), List.of())), "recurrence");
        }
        return validated(new RuleSchedule("", null, new RecurrenceRule(rrule.strip(), start,
                localDateTimes("exdates", exdates), localDateTimes("rdates", rdates))), "rrule");
    }

    /**
     * What the schedule is, validated: the engine's reading of it.
     *
     * @throws InvalidScheduleException if the schedule is not valid or never fires
     */
    public Schedule schedule() {
        return RecurrenceSpec.schedule(cron, cronDialect, rrule);
    }

    /**
     * The problem for a schedule the engine refuses, named after {@code field}: {@code cron_syntax}
     * or {@code rrule_syntax} for text it cannot read, {@code never_fires} for one that never fires
     * (30 February), {@code limits} for one beyond what it computes.
     */
    public static ProblemException problem(String field, InvalidScheduleException e) {
        return ProblemException.invalid(field, ruleBroken(field, e), e.getMessage());
    }

    public static String ruleBroken(String field, InvalidScheduleException e) {
        return switch (e.problem()) {
            case INVALID_SYNTAX -> field.equals("cron") ? "cron_syntax" : "rrule_syntax";
            case NEVER_FIRES -> "never_fires";
            case BEYOND_LIMITS -> "limits";
        };
    }

    private static RuleSchedule validated(RuleSchedule schedule, String field) {
        try {
            schedule.schedule();
        } catch (InvalidScheduleException e) {
            throw problem(field, e);
        }
        return schedule;
    }

    private static void requireAbsent(String scheduledBy, @Nullable Object value, String field) {
        if (value != null) {
            throw ProblemException.invalid(field, "one_of", field + " belongs to " + (field.equals("cron_dialect") ? "cron" : "rrule")
                    + ", not to " + scheduledBy + "; leave it out");
        }
    }

    private static List<LocalDateTime> localDateTimes(String field, @Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<LocalDateTime> times = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            times.add(localDateTime(field + "[" + i + "]", values.get(i)));
        }
        return times;
    }

    private static LocalDateTime localDateTime(String field, String value) {
        try {
            LocalDateTime time = LocalDateTime.parse(value);
            if (time.getYear() < 1 || time.getYear() > 9999) {
                throw ProblemException.invalid(field, "range", field + " must be in the years 0001 to 9999 but was " + value);
            }
            return time;
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "iso_local_date_time", field
                    + " must be an ISO local date-time in the rule's timezone, like 2026-12-01T10:00:00, but was '"
                    + StrictInputModule.printable(value) + "'");
        }
    }
}

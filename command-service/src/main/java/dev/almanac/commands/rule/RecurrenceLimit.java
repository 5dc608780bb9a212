package dev.almanac.commands.rule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import dev.almanac.platform.problem.ProblemException;
import dev.almanac.recurrence.InvalidScheduleException;
import dev.almanac.recurrence.RecurrenceExpander;
import dev.almanac.recurrence.RecurrenceSpec;

/**
 * SCH-006: a recurring item (a rule given as seed 003's {@code recurrence} pattern) has at most 365 occurrences, so it
 * ends: by an {@code occurrence_count} of at most 365, or by an {@code end_date} no later than its 365th occurrence.
 * Rules given by cron or RRULE are open-ended schedules (F033-RULE) and are not bound by it (docs/requirements.md,
 * "Resolutions").
 */
final class RecurrenceLimit {

    /** The most occurrences a recurring item has (SCH-006). */
    static final int MAX_OCCURRENCES = 365;

    private RecurrenceLimit() {
    }

    /** @throws ProblemException 400 naming {@code recurrence.occurrence_count}, {@code recurrence.end_date} or {@code recurrence}, rule SCH-006 */
    static void require(RecurrenceRequest recurrence, RecurrenceSpec spec, LocalDateTime dtstart) {
        Integer count = recurrence.occurrenceCount();
        if (count != null) {
            if (count > MAX_OCCURRENCES) {
                throw ProblemException.invalid("recurrence.occurrence_count", "SCH-006", "a recurring item has at most "
                        + MAX_OCCURRENCES + " occurrences, but occurrence_count is " + count);
            }
            return;
        }
        Instant endDate = recurrence.endDate();
        if (endDate == null) {
            throw ProblemException.invalid("recurrence", "SCH-006", "a recurring item has at most " + MAX_OCCURRENCES
                    + " occurrences, so it ends: give end_date or occurrence_count (an open-ended schedule is a rule given by cron "
                    + "or rrule)");
        }
        // Every occurrence lies after the local dtstart in any zone (offsets are within a day) and at or before UNTIL.
        Instant from = dtstart.toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.DAYS);
        Instant until = endDate.plusSeconds(1);
        if (!from.isBefore(until)) {
            return;
        }
        int found;
        try {
            found = RecurrenceExpander.expand(spec, from, until, MAX_OCCURRENCES + 1).occurrences().size();
        } catch (InvalidScheduleException e) {
            throw RuleSchedule.problem("recurrence", e);
        }
        if (found > MAX_OCCURRENCES) {
            throw ProblemException.invalid("recurrence.end_date", "SCH-006", "a recurring item has at most " + MAX_OCCURRENCES
                    + " occurrences, but from dtstart to end_date " + endDate + " this pattern has more; end it sooner or give "
                    + "occurrence_count");
        }
    }
}

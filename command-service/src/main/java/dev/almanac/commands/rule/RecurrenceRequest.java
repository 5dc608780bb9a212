package dev.almanac.commands.rule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.almanac.recurrence.RRuleSchedule;
import dev.almanac.recurrence.RecurrencePattern;

/**
 * The {@code RecurrencePattern} of SCH-RECURRENCE, which a rule may give instead of a cron or an RRULE: it is
 * read as the RRULE {@link RecurrencePattern#toRRule} writes, starting at the rule's {@code dtstart}.
 * {@code end_date} is an RFC 3339 instant (UNTIL), {@code occurrence_count} a COUNT; not both, and one of them: a
 * recurring item has at most 365 occurrences (SCH-006, {@link RecurrenceLimit}).
 */
record RecurrenceRequest(
        @NotNull RecurrencePattern.Type type,
        @Nullable @Min(1) @Max(RRuleSchedule.MAX_INTERVAL) Integer interval,
        @Nullable @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
        @Nullable @Min(1) @Max(31) Integer dayOfMonth,
        @Nullable Instant endDate,
        @Nullable @Min(1) Integer occurrenceCount) {

    RecurrencePattern toPattern() {
        return new RecurrencePattern(type, interval == null ? 1 : interval, daysOfWeek == null ? Set.of() : Set.copyOf(daysOfWeek), dayOfMonth, endDate, occurrenceCount);
    }
}

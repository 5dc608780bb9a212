package dev.almanac.recurrence;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.almanac.recurrence.InvalidScheduleException.Problem;
import org.jspecify.annotations.Nullable;

/**
 * The recurrence pattern of the scheduling specification Almanac took its domain from ("Scheduling &
 * Calendar Management", {@code RecurrencePattern}: type, interval, days of week, day of month, end
 * date, occurrence count), and its reading as an RFC 5545 RRULE:
 * <ul>
 *   <li>{@code DAILY}: {@code FREQ=DAILY;INTERVAL=n}, with {@code BYDAY} when days of week are given
 *       (every weekday is a daily pattern on Monday to Friday);</li>
 *   <li>{@code WEEKLY}: {@code FREQ=WEEKLY;INTERVAL=n;BYDAY=...}; without days, the start's weekday;</li>
 *   <li>{@code MONTHLY}: {@code FREQ=MONTHLY;INTERVAL=n;BYMONTHDAY=d}; without a day of month, the
 *       start's. As RFC 5545 has it, a month without that day (the 31st in April) has no occurrence;
 *       days of week, if given, narrow the day of month ({@code BYDAY});</li>
 *   <li>{@code YEARLY}: {@code FREQ=YEARLY;INTERVAL=n} on the start's month and day, or on the given
 *       day of the start's month;</li>
 *   <li>the end date becomes {@code UNTIL} in UTC, the occurrence count {@code COUNT}.</li>
 * </ul>
 * {@code NONE} is no recurrence. {@code CUSTOM} has no meaning of its own in that specification, so a
 * custom pattern is written as an RRULE directly. The specification's limit of 365 occurrences per
 * recurring event (SCH-006) is a business rule for the command side, not part of the reading.
 */
public record RecurrencePattern(
        Type type,
        int interval,
        Set<DayOfWeek> daysOfWeek,
        @Nullable Integer dayOfMonth,
        @Nullable Instant endDate,
        @Nullable Integer occurrenceCount) {

    /** {@code RecurrenceType} of the specification. */
    public enum Type {
        NONE, DAILY, WEEKLY, MONTHLY, YEARLY, CUSTOM
    }

    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> WEEKDAY_CODES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    public RecurrencePattern {
        Objects.requireNonNull(type, "type");
        daysOfWeek = daysOfWeek.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(daysOfWeek));
    }

    /**
     * The RRULE value this pattern means for a series starting at {@code start}; empty for {@code NONE}.
     *
     * @throws InvalidRRuleException for {@code CUSTOM}, an interval below 1, a day of month outside 1 to
     *     31, or both an end date and an occurrence count
     */
    public Optional<String> toRRule(LocalDateTime start) {
        if (type == Type.NONE) {
            return Optional.empty();
        }
        if (type == Type.CUSTOM) {
            throw invalid("a CUSTOM recurrence pattern has no rule of its own; give it as an RRULE");
        }
        if (interval < 1) {
            throw invalid("the interval of a recurrence pattern must be at least 1 but was " + interval);
        }
        if (dayOfMonth != null && (dayOfMonth < 1 || dayOfMonth > 31)) {
            throw invalid("the day of month of a recurrence pattern must be 1 to 31 but was " + dayOfMonth);
        }
        if (endDate != null && occurrenceCount != null) {
            throw invalid("a recurrence pattern ends by an end date or by an occurrence count, not both (RFC 5545 UNTIL or COUNT)");
        }
        StringBuilder rule = new StringBuilder("FREQ=").append(type.name());
        if (interval > 1) {
            rule.append(";INTERVAL=").append(interval);
        }
        switch (type) {
            case DAILY, WEEKLY -> appendDays(rule);
            case MONTHLY -> {
                rule.append(";BYMONTHDAY=").append(dayOfMonth == null ? start.getDayOfMonth() : dayOfMonth);
                appendDays(rule);
            }
            case YEARLY -> {
                if (dayOfMonth != null) {
                    rule.append(";BYMONTH=").append(start.getMonthValue()).append(";BYMONTHDAY=").append(dayOfMonth);
                }
            }
            default -> throw new IllegalStateException("handled above: " + type);
        }
        if (endDate != null) {
            rule.append(";UNTIL=").append(UTC_DATE_TIME.format(endDate));
        }
        if (occurrenceCount != null) {
            rule.append(";COUNT=").append(occurrenceCount);
        }
        return Optional.of(rule.toString());
    }

    /**
     * The schedule this pattern means for a series starting at {@code start}; empty for {@code NONE}.
     *
     * @throws InvalidRRuleException as {@link #toRRule}, or when the rule it reads as is invalid or never fires
     */
    public Optional<RRuleSchedule> toSchedule(LocalDateTime start) {
        return toRRule(start).map(rule -> RRuleSchedule.of(rule, start));
    }

    private void appendDays(StringBuilder rule) {
        if (!daysOfWeek.isEmpty()) {
            rule.append(";BYDAY=").append(EnumSet.copyOf(daysOfWeek).stream()
                    .map(day -> WEEKDAY_CODES.get(day.getValue() - 1))
                    .collect(Collectors.joining(",")));
        }
    }

    private static InvalidRRuleException invalid(String message) {
        return new InvalidRRuleException(Problem.INVALID_SYNTAX, message);
    }
}

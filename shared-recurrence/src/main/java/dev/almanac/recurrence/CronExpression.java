package dev.almanac.recurrence;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import org.jspecify.annotations.Nullable;

/**
 * A validated 5-field UNIX cron expression ({@code minute hour day-of-month month day-of-week}),
 * read as wall-clock time. It carries no zone: {@link RecurrenceExpander} pairs it with a rule's
 * zone and DST policy.
 *
 * <p>The semantics are cron-utils' UNIX definition, unchanged:
 * <ul>
 *   <li>When both day-of-month and day-of-week are restricted, the expression fires on a day that
 *       matches <em>either</em>: {@code 0 8 1-7 * 1} fires at 08:00 on every Monday and on the 1st
 *       to 7th of every month, not only on the first Monday (which is Spring's reading).</li>
 *   <li>A stepped star such as {@code *}{@code /2} counts as restricted, so {@code 0 0 *}{@code /2 * 1}
 *       fires on odd days of the month and on Mondays.</li>
 *   <li>When either day field is {@code *}, only the other one restricts the day.</li>
 *   <li>Day-of-week 0 and 7 are both Sunday; names such as {@code MON} and {@code JAN} are accepted;
 *       Quartz extensions ({@code ?}, {@code L}, {@code W}, {@code #}) and nicknames ({@code @daily})
 *       are not.</li>
 * </ul>
 *
 * <p>An expression that never fires, such as {@code 0 0 30 2 *} (30 February), is rejected. Instances
 * are immutable and thread-safe.
 */
public final class CronExpression {

    private static final CronParser UNIX_PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final List<String> FIELD_NAMES = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final LocalDate SEARCH_ORIGIN = LocalDate.of(2000, 1, 1);
    /** The Gregorian calendar, weekdays included, repeats every 400 years: silent that long means silent forever. */
    private static final int NEVER_FIRES_AFTER_YEARS = 400;

    private final String expression;
    private final ExecutionTime executionTime;
    /** Ascending. The same on every day the expression fires, because hour and minute do not depend on the day. */
    private final LocalTime[] timesOfDay;

    private CronExpression(String expression, ExecutionTime executionTime, LocalTime[] timesOfDay) {
        this.expression = expression;
        this.executionTime = executionTime;
        this.timesOfDay = timesOfDay;
    }

    /**
     * Parses and validates a 5-field UNIX cron expression.
     *
     * @throws InvalidCronException if the text is not a valid expression (the message names the field
     *     and passes on cron-utils' reason) or if it never fires
     */
    public static CronExpression parse(String expression) {
        String text = expression.strip();
        if (text.isEmpty()) {
            throw new InvalidCronException("cron expression is blank; expected 5 fields: " + String.join(" ", FIELD_NAMES));
        }
        ExecutionTime executionTime = ExecutionTime.forCron(parseWithCronUtils(text));
        LocalDate firstDay = firstDayOnOrAfter(executionTime, SEARCH_ORIGIN)
                .filter(day -> day.isBefore(SEARCH_ORIGIN.plusYears(NEVER_FIRES_AFTER_YEARS)))
                .orElseThrow(() -> new InvalidCronException("cron expression '" + text
                        + "' never fires: no date matches its day-of-month, month and day-of-week fields"));
        return new CronExpression(text, executionTime, timesOfDayOn(executionTime, firstDay));
    }

    /** The expression as given, without surrounding whitespace. */
    public String expression() {
        return expression;
    }

    /**
     * The wall-clock times this expression names, at or after {@code from}, ascending. The sequence
     * does not end; callers bound it.
     */
    Iterator<LocalDateTime> wallClockTimesFrom(LocalDateTime from) {
        return new WallClockTimes(from);
    }

    private static Cron parseWithCronUtils(String text) {
        try {
            return UNIX_PARSER.parse(text).validate();
        } catch (RuntimeException e) {
            throw new InvalidCronException("invalid cron expression '" + text + "'" + locate(text) + ": " + e.getMessage(), e);
        }
    }

    /** cron-utils names the bad value but not its field; find the field by parsing each one alone. */
    private static String locate(String text) {
        String[] fields = text.split("\\s+");
        if (fields.length != FIELD_NAMES.size()) {
            return "";
        }
        for (int i = 0; i < fields.length; i++) {
            String[] probe = {"*", "*", "*", "*", "*"};
            probe[i] = fields[i];
            try {
                UNIX_PARSER.parse(String.join(" ", probe)).validate();
            } catch (RuntimeException e) {
                return " in the " + FIELD_NAMES.get(i) + " field '" + fields[i] + "'";
            }
        }
        return "";
    }

    /**
     * cron-utils is evaluated on UTC, where no DST interferes, so its answers are pure wall-clock
     * times. Asking for the first run after 23:59 of the previous day gives the first run of the
     * first day that fires.
     */
    private static Optional<LocalDate> firstDayOnOrAfter(ExecutionTime executionTime, LocalDate day) {
        return executionTime.nextExecution(lastMinuteBefore(day)).map(ZonedDateTime::toLocalDate);
    }

    private static ZonedDateTime lastMinuteBefore(LocalDate day) {
        return ZonedDateTime.of(day.minusDays(1), LocalTime.of(23, 59), ZoneOffset.UTC);
    }

    /**
     * The times of one day the expression fires, as every hour it fires times every minute it fires.
     * That takes at most 24 + 60 calls into cron-utils instead of up to 1,440.
     */
    private static LocalTime[] timesOfDayOn(ExecutionTime executionTime, LocalDate day) {
        ZonedDateTime first = nextOn(executionTime, lastMinuteBefore(day), day)
                .orElseThrow(() -> new IllegalStateException("cron-utils found no run on " + day + ", the day it named"));
        List<Integer> minutes = new ArrayList<>();
        for (@Nullable ZonedDateTime t = first; t != null && t.getHour() == first.getHour(); t = nextOn(executionTime, t, day).orElse(null)) {
            minutes.add(t.getMinute());
        }
        List<Integer> hours = new ArrayList<>();
        for (@Nullable ZonedDateTime t = first; t != null; t = nextOn(executionTime, t.withMinute(59), day).orElse(null)) {
            hours.add(t.getHour());
        }
        List<LocalTime> times = new ArrayList<>();
        for (int hour : hours) {
            for (int minute : minutes) {
                times.add(LocalTime.of(hour, minute));
            }
        }
        return times.toArray(LocalTime[]::new);
    }

    private static Optional<ZonedDateTime> nextOn(ExecutionTime executionTime, ZonedDateTime after, LocalDate day) {
        return executionTime.nextExecution(after).filter(next -> next.toLocalDate().equals(day));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CronExpression cron && cron.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }

    /** Walks day by day through cron-utils, then through the day's times from the table. */
    private final class WallClockTimes implements Iterator<LocalDateTime> {

        private @Nullable LocalDate day;
        private int timeIndex;

        WallClockTimes(LocalDateTime from) {
            day = firstDayOnOrAfter(executionTime, from.toLocalDate()).orElse(null);
            if (from.toLocalDate().equals(day)) {
                int found = Arrays.binarySearch(timesOfDay, from.toLocalTime());
                timeIndex = found >= 0 ? found : -found - 1;
                if (timeIndex == timesOfDay.length) {
                    moveToNextDay();
                }
            }
        }

        @Override
        public boolean hasNext() {
            return day != null;
        }

        @Override
        public LocalDateTime next() {
            LocalDate current = day;
            if (current == null) {
                throw new NoSuchElementException();
            }
            LocalDateTime time = current.atTime(timesOfDay[timeIndex++]);
            if (timeIndex == timesOfDay.length) {
                moveToNextDay();
            }
            return time;
        }

        private void moveToNextDay() {
            LocalDate current = day;
            day = current == null ? null : firstDayOnOrAfter(executionTime, current.plusDays(1)).orElse(null);
            timeIndex = 0;
        }
    }
}

package dev.almanac.recurrence;

import java.util.List;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The cron dialects Almanac reads, each parsed and validated by cron-utils with that dialect's
 * definition, and each with its own rule for combining day-of-month and day-of-week:
 * <ul>
 *   <li>{@link #UNIX}: POSIX crontab. When both day fields are restricted (not {@code *}), a day
 *       matching <em>either</em> fires: {@code 0 8 1-7 * 1} is the 1st to 7th and every Monday.</li>
 *   <li>{@link #QUARTZ}: exactly one day field must be {@code ?}, and the other alone decides.
 *       {@code 0 0 8 1-7 * 2} is rejected; {@code 0 0 10 ? * 6L} is the last Friday of each month.</li>
 *   <li>{@link #SPRING}: Spring Framework 5.3 and later ({@code CronExpression}). A day must match
 *       <em>both</em> fields, {@code ?} meaning {@code *}: {@code 0 0 8 1-7 * MON} is the first Monday.</li>
 * </ul>
 */
public enum CronDialect {

    /** {@code minute hour day-of-month month day-of-week}; days 0 and 7 are Sunday. */
    UNIX(CronType.UNIX, DayFieldCombination.EITHER_WHEN_BOTH_RESTRICTED,
            List.of("minute", "hour", "day-of-month", "month", "day-of-week")),

    /**
     * {@code second minute hour day-of-month month day-of-week [year]}; days 1 (Sunday) to 7
     * (Saturday); {@code L}, {@code W}, {@code LW}, {@code L-n}, {@code nL} and {@code n#k}.
     */
    QUARTZ(CronType.QUARTZ, DayFieldCombination.BOTH,
            List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week", "year")),

    /**
     * {@code second minute hour day-of-month month day-of-week}; days 0 and 7 are Sunday; Quartz's
     * {@code L}, {@code W} and {@code #} and nicknames such as {@code @daily}, as in Spring 5.3+.
     */
    SPRING(CronType.SPRING53, DayFieldCombination.BOTH,
            List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week"));

    /** How a dialect joins its two day fields. */
    enum DayFieldCombination {
        /** POSIX: either field when both are restricted, otherwise the restricted one. */
        EITHER_WHEN_BOTH_RESTRICTED,
        /** Both fields must match; {@code *} and {@code ?} match every day. */
        BOTH
    }

    private final CronType cronUtilsType;
    private final DayFieldCombination dayFieldCombination;
    private final List<String> fieldNames;
    private final CronParser parser;

    CronDialect(CronType cronUtilsType, DayFieldCombination dayFieldCombination, List<String> fieldNames) {
        this.cronUtilsType = cronUtilsType;
        this.dayFieldCombination = dayFieldCombination;
        this.fieldNames = fieldNames;
        this.parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(cronUtilsType));
    }

    /** The cron-utils definition this dialect is parsed, validated and described with. */
    public CronType cronUtilsType() {
        return cronUtilsType;
    }

    /** The names of the fields in order, the optional Quartz year included. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    DayFieldCombination dayFieldCombination() {
        return dayFieldCombination;
    }

    CronParser parser() {
        return parser;
    }
}

package dev.almanac.recurrence;

import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.util.Arrays;

import dev.almanac.recurrence.CronDialect.DayFieldCombination;

/**
 * What a cron expression compiles to: the times of day it fires (the same on every day it fires,
 * because no cron field ties a time to a date), and the months, years and days of each month it
 * fires on, as bit masks. Finding the next day is a few bit operations per month instead of a
 * search through cron-utils, which is what makes expansion fast; the masks are built from
 * cron-utils' parse tree by {@link CronCompiler}.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class CronPlan implements WallClockPlan {

    static final int SECONDS_PER_DAY = 86_400;
    /** The Gregorian calendar, weekdays included, repeats every 400 years: silent that long means silent forever. */
    static final int CALENDAR_CYCLE_YEARS = 400;

    /** Ascending seconds of the day. */
    private final int[] secondsOfDay;
    /** Bit {@code m} for month {@code m}, 1 to 12. */
    private final int months;
    /** Years the cron fires in, or null for every year. */
    private final YearSet years;
    private final DayRule days;

    CronPlan(int[] secondsOfDay, int months, YearSet years, DayRule days) {
        this.secondsOfDay = secondsOfDay;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    int[] secondsOfDay() {
        return secondsOfDay.clone();
    }

    /** Whether some day within {@link #CALENDAR_CYCLE_YEARS} of 2000, or in the cron's own years, matches. */
    boolean firesOnSomeDay() {
        int firstYear = years.isEvery() ? 2000 : years.first();
        int lastYear = years.isEvery() ? 2000 + CALENDAR_CYCLE_YEARS - 1 : years.last();
        for (int year = firstYear; year <= lastYear; year++) {
            if (!years.contains(year)) {
                continue;
            }
            for (int month = 1; month <= 12; month++) {
                if (dayMask(year, month) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean isFinite() {
        return !years.isEvery();
    }

    @Override
    public WallClockCursor cursor(long fromLocalSecond, long untilLocalSecond) {
        return new Cursor(fromLocalSecond, untilLocalSecond);
    }

    @Override
    public long firstLocalSecond() {
        return years.isEvery() ? Long.MIN_VALUE : LocalDate.of(years.first(), 1, 1).toEpochDay() * SECONDS_PER_DAY;
    }

    @Override
    public long lastLocalSecond() {
        return years.isEvery() ? Long.MAX_VALUE : LocalDate.of(years.last() + 1, 1, 1).toEpochDay() * SECONDS_PER_DAY - 1;
    }

    /** Days of the month, bit {@code d} for day {@code d}, on which the cron fires; 0 when none or the month or year does not fire. */
    int dayMask(int year, int month) {
        if ((months & (1 << month)) == 0 || !years.contains(year)) {
            return 0;
        }
        int length = Month.of(month).length(Year.isLeap(year));
        long firstDay = LocalDate.of(year, month, 1).toEpochDay();
        return days.mask(length, isoDayOfWeek(firstDay));
    }

    /** 1 (Monday) to 7 (Sunday); 1970-01-01 was a Thursday. */
    static int isoDayOfWeek(long epochDay) {
        return (int) Math.floorMod(epochDay + 3, 7L) + 1;
    }

    /** Bits 1 to {@code length}. */
    static int daysOf(int length) {
        return (int) (((1L << length) - 1) << 1);
    }

    /**
     * Walks month by month, and within a month from set bit to set bit of its day mask; on each day
     * through the table of times. Stops at the bound, or when no day fires within a calendar cycle
     * (which a validated cron never does except after the last year of a Quartz year field).
     */
    private final class Cursor extends WallClockCursor {

        private final long untilLocalSecond;
        private final long lastDay;
        private int year;
        private int month;
        private long firstDayOfMonth;
        /** Days of the current month not yet walked through. */
        private int remainingDays;
        private long day;
        private int timeIndex;
        private boolean exhausted;
        private boolean gaveUp;

        Cursor(long fromLocalSecond, long untilLocalSecond) {
            this.untilLocalSecond = untilLocalSecond;
            this.lastDay = Math.floorDiv(untilLocalSecond - 1, SECONDS_PER_DAY);
            long firstDay = Math.floorDiv(fromLocalSecond, SECONDS_PER_DAY);
            LocalDate first = LocalDate.ofEpochDay(firstDay);
            enterMonth(first.getYear(), first.getMonthValue());
            remainingDays &= -(1 << first.getDayOfMonth());
            int secondOfDay = (int) Math.floorMod(fromLocalSecond, SECONDS_PER_DAY);
            if (secondOfDay > secondsOfDay[secondsOfDay.length - 1] || (remainingDays & (1 << first.getDayOfMonth())) == 0) {
                remainingDays &= ~(1 << first.getDayOfMonth());
                moveToNextDay();
            } else {
                day = firstDay;
                remainingDays &= ~(1 << first.getDayOfMonth());
                int found = Arrays.binarySearch(secondsOfDay, secondOfDay);
                timeIndex = found >= 0 ? found : -found - 1;
            }
        }

        @Override
        long next() {
            if (exhausted) {
                return END;
            }
            if (timeIndex == secondsOfDay.length) {
                moveToNextDay();
                if (exhausted) {
                    return END;
                }
                if (gaveUp) {
                    gaveUp = false;
                    return GAVE_UP;
                }
            }
            long localSecond = day * SECONDS_PER_DAY + secondsOfDay[timeIndex++];
            if (localSecond >= untilLocalSecond) {
                exhausted = true;
                return END;
            }
            return localSecond;
        }

        private void moveToNextDay() {
            timeIndex = 0;
            int monthsWithoutDays = 0;
            while (remainingDays == 0) {
                if (++monthsWithoutDays > 12 * CALENDAR_CYCLE_YEARS || firstDayOfMonth > lastDay || beyondLastYear()) {
                    exhausted = true;
                    return;
                }
                if (idleAfter(1)) {
                    // Resume from the month after this one on the next call.
                    gaveUp = true;
                    timeIndex = secondsOfDay.length;
                    advanceMonth();
                    return;
                }
                advanceMonth();
            }
            int dayOfMonth = Integer.numberOfTrailingZeros(remainingDays);
            remainingDays &= remainingDays - 1;
            day = firstDayOfMonth + dayOfMonth - 1;
            if (day > lastDay) {
                exhausted = true;
            }
        }

        @Override
        long reached() {
            return timeIndex < secondsOfDay.length ? day * SECONDS_PER_DAY + secondsOfDay[timeIndex]
                    : remainingDays != 0 ? firstDayOfMonth * SECONDS_PER_DAY + (Integer.numberOfTrailingZeros(remainingDays) - 1) * (long) SECONDS_PER_DAY
                    : firstDayOfMonth * SECONDS_PER_DAY;
        }

        private void advanceMonth() {
            if (month == 12) {
                enterMonth(year + 1, 1);
            } else {
                enterMonth(year, month + 1);
            }
        }

        private boolean beyondLastYear() {
            return !years.isEvery() && year > years.last();
        }

        private void enterMonth(int year, int month) {
            this.year = year;
            this.month = month;
            this.firstDayOfMonth = LocalDate.of(year, month, 1).toEpochDay();
            this.remainingDays = dayMask(year, month);
        }
    }

    /** The years a Quartz year field allows; {@link #EVERY} when the field is absent or {@code *}. */
    static final class YearSet {

        static final YearSet EVERY = new YearSet(0, new long[0]);

        private final int first;
        private final long[] bits;

        private YearSet(int first, long[] bits) {
            this.first = first;
            this.bits = bits;
        }

        static YearSet of(int[] sortedYears) {
            int first = sortedYears[0];
            long[] bits = new long[(sortedYears[sortedYears.length - 1] - first) / 64 + 1];
            for (int year : sortedYears) {
                bits[(year - first) / 64] |= 1L << ((year - first) % 64);
            }
            return new YearSet(first, bits);
        }

        boolean isEvery() {
            return bits.length == 0;
        }

        boolean contains(int year) {
            if (isEvery()) {
                return true;
            }
            int index = year - first;
            return index >= 0 && index / 64 < bits.length && (bits[index / 64] & (1L << (index % 64))) != 0;
        }

        int first() {
            return first;
        }

        int last() {
            int word = bits.length - 1;
            while (bits[word] == 0) {
                word--;
            }
            return first + word * 64 + 63 - Long.numberOfLeadingZeros(bits[word]);
        }
    }

    /**
     * The day-of-month and day-of-week fields of one cron. Plain values are bit masks; Quartz's
     * specials ({@code L}, {@code L-n}, {@code nW}, {@code LW}, {@code nL}, {@code n#k}) depend on
     * the month's length and first weekday and are worked out per month.
     */
    static final class DayRule {

        private final DayFieldCombination combination;
        private final boolean dayOfMonthRestricted;
        private final boolean dayOfWeekRestricted;
        /** Bit {@code d} for plain day-of-month values. */
        private final int daysOfMonth;
        private final boolean lastDayOfMonth;
        /** Bit {@code n} for each {@code L-n}. */
        private final int daysBeforeLast;
        /** Bit {@code n} for each {@code nW}. */
        private final int nearestWeekdays;
        private final boolean lastWeekdayOfMonth;
        /** Per first weekday of the month (index 1 to 7), the days whose weekday a plain value names. */
        private final int[] weekdayPattern;
        /** Bit {@code w} (ISO weekday) for each {@code wL}. */
        private final int lastWeekdaysInMonth;
        /** Per ISO weekday, bit {@code k} for each {@code w#k}. */
        private final int[] nthWeekdays;

        DayRule(DayFieldCombination combination, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted,
                int daysOfMonth, boolean lastDayOfMonth, int daysBeforeLast, int nearestWeekdays, boolean lastWeekdayOfMonth,
                int isoWeekdays, int lastWeekdaysInMonth, int[] nthWeekdays) {
            this.combination = combination;
            this.dayOfMonthRestricted = dayOfMonthRestricted;
            this.dayOfWeekRestricted = dayOfWeekRestricted;
            this.daysOfMonth = daysOfMonth;
            this.lastDayOfMonth = lastDayOfMonth;
            this.daysBeforeLast = daysBeforeLast;
            this.nearestWeekdays = nearestWeekdays;
            this.lastWeekdayOfMonth = lastWeekdayOfMonth;
            this.lastWeekdaysInMonth = lastWeekdaysInMonth;
            this.nthWeekdays = nthWeekdays.clone();
            this.weekdayPattern = new int[8];
            for (int firstWeekday = 1; firstWeekday <= 7; firstWeekday++) {
                int pattern = 0;
                for (int dayOfMonth = 1; dayOfMonth <= 31; dayOfMonth++) {
                    int weekday = (firstWeekday - 1 + dayOfMonth - 1) % 7 + 1;
                    if ((isoWeekdays & (1 << weekday)) != 0) {
                        pattern |= 1 << dayOfMonth;
                    }
                }
                weekdayPattern[firstWeekday] = pattern;
            }
        }

        int mask(int length, int firstWeekday) {
            int all = daysOf(length);
            int byDayOfMonth = dayOfMonthRestricted ? dayOfMonthMask(length, firstWeekday) & all : all;
            int byDayOfWeek = dayOfWeekRestricted ? dayOfWeekMask(length, firstWeekday) & all : all;
            if (combination == DayFieldCombination.EITHER_WHEN_BOTH_RESTRICTED && dayOfMonthRestricted && dayOfWeekRestricted) {
                return byDayOfMonth | byDayOfWeek;
            }
            return byDayOfMonth & byDayOfWeek;
        }

        private int dayOfMonthMask(int length, int firstWeekday) {
            int mask = daysOfMonth;
            if (lastDayOfMonth) {
                mask |= 1 << length;
            }
            for (int before = daysBeforeLast; before != 0; before &= before - 1) {
                int day = length - Integer.numberOfTrailingZeros(before);
                if (day >= 1) {
                    mask |= 1 << day;
                }
            }
            for (int nearest = nearestWeekdays; nearest != 0; nearest &= nearest - 1) {
                int day = Integer.numberOfTrailingZeros(nearest);
                if (day <= length) {
                    mask |= 1 << weekdayNearest(day, length, firstWeekday);
                }
            }
            if (lastWeekdayOfMonth) {
                int weekday = weekdayOf(length, firstWeekday);
                mask |= 1 << (weekday == 6 ? length - 1 : weekday == 7 ? length - 2 : length);
            }
            return mask;
        }

        private int dayOfWeekMask(int length, int firstWeekday) {
            int mask = weekdayPattern[firstWeekday];
            int lastWeekday = weekdayOf(length, firstWeekday);
            for (int weekdays = lastWeekdaysInMonth; weekdays != 0; weekdays &= weekdays - 1) {
                int weekday = Integer.numberOfTrailingZeros(weekdays);
                mask |= 1 << (length - Math.floorMod(lastWeekday - weekday, 7));
            }
            for (int weekday = 1; weekday <= 7; weekday++) {
                int firstSuchDay = 1 + Math.floorMod(weekday - firstWeekday, 7);
                for (int ordinals = nthWeekdays[weekday]; ordinals != 0; ordinals &= ordinals - 1) {
                    int day = firstSuchDay + 7 * (Integer.numberOfTrailingZeros(ordinals) - 1);
                    if (day <= length) {
                        mask |= 1 << day;
                    }
                }
            }
            return mask;
        }

        private static int weekdayOf(int dayOfMonth, int firstWeekday) {
            return (firstWeekday - 1 + dayOfMonth - 1) % 7 + 1;
        }

        /**
         * Quartz's {@code nW}: the weekday nearest to day {@code n} without leaving the month. A
         * Saturday moves to the Friday before (the Monday after for the 1st), a Sunday to the Monday
         * after (the Friday before for the last day).
         */
        private static int weekdayNearest(int day, int length, int firstWeekday) {
            int weekday = weekdayOf(day, firstWeekday);
            if (weekday == 6) {
                return day == 1 ? 3 : day - 1;
            }
            if (weekday == 7) {
                return day == length ? day - 2 : day + 1;
            }
            return day;
        }
    }
}

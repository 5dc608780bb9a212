package dev.almanac.recurrence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronField;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.expression.QuestionMark;
import com.cronutils.model.field.value.FieldValue;
import com.cronutils.model.field.value.IntegerFieldValue;
import com.cronutils.model.field.value.SpecialChar;
import dev.almanac.recurrence.CronPlan.DayRule;
import dev.almanac.recurrence.CronPlan.YearSet;
import org.jspecify.annotations.Nullable;

/**
 * Turns cron-utils' parse tree of a validated cron into a {@link CronPlan}. cron-utils has already
 * checked every value against its field's range and mapped names ({@code MON}, {@code JAN}) to
 * numbers; this class only reads the tree: a value, a range, a step over either, a list of those,
 * {@code *}, {@code ?}, and the day fields' specials. The plan's answers are compared with
 * cron-utils' {@code ExecutionTime} and Spring's {@code CronExpression} in the tests.
 */
final class CronCompiler {

    private static final int ISO_SATURDAY = 6;

    private final CronDialect dialect;
    private final String text;

    private CronCompiler(CronDialect dialect, String text) {
        this.dialect = dialect;
        this.text = text;
    }

    static CronPlan compile(CronDialect dialect, String text, Cron cron) {
        return new CronCompiler(dialect, text).compile(cron);
    }

    private CronPlan compile(Cron cron) {
        long seconds = cron.retrieve(CronFieldName.SECOND) == null ? 1L : values(field(cron, CronFieldName.SECOND), 0, 59);
        long minutes = values(field(cron, CronFieldName.MINUTE), 0, 59);
        long hours = values(field(cron, CronFieldName.HOUR), 0, 23);
        int months = (int) values(field(cron, CronFieldName.MONTH), 1, 12);
        return new CronPlan(timesOfDay(hours, minutes, seconds), months, years(cron), days(cron));
    }

    private static FieldExpression field(Cron cron, CronFieldName name) {
        return cron.retrieve(name).getExpression();
    }

    private static int[] timesOfDay(long hours, long minutes, long seconds) {
        int[] times = new int[Long.bitCount(hours) * Long.bitCount(minutes) * Long.bitCount(seconds)];
        int next = 0;
        for (long h = hours; h != 0; h &= h - 1) {
            for (long m = minutes; m != 0; m &= m - 1) {
                for (long s = seconds; s != 0; s &= s - 1) {
                    times[next++] = Long.numberOfTrailingZeros(h) * 3600 + Long.numberOfTrailingZeros(m) * 60 + Long.numberOfTrailingZeros(s);
                }
            }
        }
        return times;
    }

    private YearSet years(Cron cron) {
        CronField year = cron.retrieve(CronFieldName.YEAR);
        if (year == null || year.getExpression() instanceof Always || year.getExpression() instanceof QuestionMark) {
            return YearSet.EVERY;
        }
        int first = year.getConstraints().getStartRange();
        int last = year.getConstraints().getEndRange();
        List<Integer> allowed = new ArrayList<>();
        collect(year.getExpression(), first, last, allowed);
        return YearSet.of(allowed.stream().mapToInt(Integer::intValue).distinct().sorted().toArray());
    }

    /** Bit {@code v} for every value {@code v} in {@code [min, max]} the expression names; only for fields without specials. */
    private long values(FieldExpression expression, int min, int max) {
        List<Integer> collected = new ArrayList<>();
        collect(expression, min, max, collected);
        long bits = 0;
        for (int value : collected) {
            bits |= 1L << value;
        }
        return bits;
    }

    private void collect(FieldExpression expression, int min, int max, List<Integer> into) {
        if (expression instanceof Always || expression instanceof QuestionMark) {
            range(min, max, 1, min, max, into);
        } else if (expression instanceof On on) {
            if (on.getSpecialChar().getValue() != SpecialChar.NONE) {
                throw unsupported(on);
            }
            into.add(on.getTime().getValue());
        } else if (expression instanceof Between between) {
            range(number(between.getFrom()), number(between.getTo()), 1, min, max, into);
        } else if (expression instanceof Every every) {
            int step = every.getPeriod().getValue();
            FieldExpression base = every.getExpression();
            if (base instanceof Always) {
                range(min, max, step, min, max, into);
            } else if (base instanceof On on && on.getSpecialChar().getValue() == SpecialChar.NONE) {
                range(on.getTime().getValue(), max, step, min, max, into);
            } else if (base instanceof Between between) {
                range(number(between.getFrom()), number(between.getTo()), step, min, max, into);
            } else {
                throw unsupported(every);
            }
        } else if (expression instanceof And and) {
            for (FieldExpression part : and.getExpressions()) {
                collect(part, min, max, into);
            }
        } else {
            throw unsupported(expression);
        }
    }

    /**
     * {@code from} to {@code to} in steps; a range whose start is after its end wraps around the
     * field ({@code FRI-MON} in Quartz is Friday, Saturday, Sunday, Monday).
     */
    private static void range(int from, int to, int step, int min, int max, List<Integer> into) {
        int span = from <= to ? to - from : (max - from) + (to - min) + 1;
        for (int offset = 0; offset <= span; offset += step) {
            int value = from + offset;
            into.add(value > max ? value - max - 1 + min : value);
        }
    }

    private int number(FieldValue<?> value) {
        if (value instanceof IntegerFieldValue integer) {
            return integer.getValue();
        }
        throw new InvalidCronException("cron expression '" + text + "' uses '" + value + "' where a number belongs");
    }

    private DayRule days(Cron cron) {
        FieldExpression dayOfMonth = field(cron, CronFieldName.DAY_OF_MONTH);
        FieldExpression dayOfWeek = field(cron, CronFieldName.DAY_OF_WEEK);
        DayFields fields = new DayFields();
        fields.readDaysOfMonth(dayOfMonth);
        fields.readDaysOfWeek(dayOfWeek);
        return new DayRule(dialect.dayFieldCombination(), isRestricted(dayOfMonth), isRestricted(dayOfWeek),
                fields.daysOfMonth, fields.lastDayOfMonth, fields.daysBeforeLast, fields.nearestWeekdays, fields.lastWeekdayOfMonth,
                fields.isoWeekdays, fields.lastWeekdaysInMonth, fields.nthWeekdays);
    }

    /** Restricted means not {@code *} (nor {@code ?}); a stepped star such as {@code *}{@code /2} is restricted, as cron-utils reads it. */
    private static boolean isRestricted(FieldExpression expression) {
        return !(expression instanceof Always || expression instanceof QuestionMark);
    }

    /** The numbering of day-of-week values in this dialect, turned into ISO weekdays (1 Monday to 7 Sunday). */
    private int isoWeekday(int value) {
        if (dialect == CronDialect.QUARTZ) {
            return value == 1 ? 7 : value - 1;
        }
        return value == 0 ? 7 : value;
    }

    private InvalidCronException unsupported(FieldExpression expression) {
        return new InvalidCronException("cron expression '" + text + "' uses '" + expression.asString()
                + "', which the " + dialect.name().toLowerCase(Locale.ROOT) + " dialect does not define");
    }

    /** Collects the two day fields, plain values and specials apart. */
    private final class DayFields {

        int daysOfMonth;
        boolean lastDayOfMonth;
        int daysBeforeLast;
        int nearestWeekdays;
        boolean lastWeekdayOfMonth;
        int isoWeekdays;
        int lastWeekdaysInMonth;
        final int[] nthWeekdays = new int[8];

        void readDaysOfMonth(FieldExpression expression) {
            for (FieldExpression part : parts(expression)) {
                if (part instanceof On on && on.getSpecialChar().getValue() != SpecialChar.NONE) {
                    readDayOfMonthSpecial(on);
                } else {
                    for (long bits = values(part, 1, 31); bits != 0; bits &= bits - 1) {
                        daysOfMonth |= 1 << Long.numberOfTrailingZeros(bits);
                    }
                }
            }
        }

        private void readDayOfMonthSpecial(On on) {
            int time = on.getTime().getValue();
            switch (on.getSpecialChar().getValue()) {
                case L -> {
                    int before = on.getNth().getValue();
                    if (before > 0) {
                        daysBeforeLast |= 1 << Math.min(before, 31);
                    } else {
                        lastDayOfMonth = true;
                    }
                }
                case LW -> lastWeekdayOfMonth = true;
                case W -> {
                    if (time < 1) {
                        throw unsupported(on);
                    }
                    nearestWeekdays |= 1 << time;
                }
                default -> throw unsupported(on);
            }
        }

        void readDaysOfWeek(FieldExpression expression) {
            int first = dialect == CronDialect.QUARTZ ? 1 : 0;
            for (FieldExpression part : parts(expression)) {
                if (part instanceof On on && on.getSpecialChar().getValue() != SpecialChar.NONE) {
                    readDayOfWeekSpecial(on);
                } else if (dialect == CronDialect.SPRING && part instanceof Every every && every.getExpression() instanceof Always) {
                    // Spring steps a star over its own day-of-week range, 1 (Monday) to 7 (Sunday): */2 is MON,WED,FRI,SUN.
                    List<Integer> stepped = new ArrayList<>();
                    range(1, 7, every.getPeriod().getValue(), 1, 7, stepped);
                    stepped.forEach(value -> isoWeekdays |= 1 << isoWeekday(value));
                } else {
                    rejectSpringBackwardRange(part);
                    for (long bits = values(part, first, 7); bits != 0; bits &= bits - 1) {
                        isoWeekdays |= 1 << isoWeekday(Long.numberOfTrailingZeros(bits));
                    }
                }
            }
        }

        /** Spring refuses a day-of-week range whose start is after its end; cron-utils' Spring definition lets it through. */
        private void rejectSpringBackwardRange(FieldExpression part) {
            @Nullable Between between = part instanceof Between b ? b
                    : part instanceof Every every && every.getExpression() instanceof Between b ? b : null;
            if (dialect == CronDialect.SPRING && between != null && number(between.getFrom()) > number(between.getTo())
                    && number(between.getFrom()) != 7) {
                throw new InvalidCronException("invalid cron expression '" + text + "' in the day-of-week field '"
                        + between.asString() + "': Spring does not accept a range whose start is after its end");
            }
        }

        private void readDayOfWeekSpecial(On on) {
            int time = on.getTime().getValue();
            switch (on.getSpecialChar().getValue()) {
                case L -> {
                    if (time < 0 && dialect == CronDialect.SPRING) {
                        throw new InvalidCronException("invalid cron expression '" + text
                                + "' in the day-of-week field 'L': Spring needs a day before 'L', such as 5L");
                    }
                    if (time < 0) {
                        // Quartz reads a bare L in the day-of-week field as its last day: every Saturday.
                        isoWeekdays |= 1 << ISO_SATURDAY;
                    } else {
                        lastWeekdaysInMonth |= 1 << isoWeekday(time);
                    }
                }
                case HASH -> {
                    int nth = on.getNth().getValue();
                    if (nth < 1 || nth > 5) {
                        throw new InvalidCronException("invalid cron expression '" + text + "' in the day-of-week field '"
                                + on.asString() + "': the ordinal after # must be 1 to 5");
                    }
                    nthWeekdays[isoWeekday(time)] |= 1 << nth;
                }
                default -> throw unsupported(on);
            }
        }

        private List<FieldExpression> parts(FieldExpression expression) {
            return expression instanceof And and ? and.getExpressions() : List.of(expression);
        }
    }
}

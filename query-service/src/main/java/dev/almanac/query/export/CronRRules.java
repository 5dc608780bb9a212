package dev.almanac.query.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.almanac.recurrence.CronDialect;
import dev.almanac.recurrence.CronExpression;

/**
 * A cron expression as an RFC 5545 RRULE, where one says the same: {@code FREQ=DAILY} with BYMONTH, BYMONTHDAY and BYDAY
 * limiting the days and BYHOUR, BYMINUTE (and BYSECOND) expanding the times of each day. Only plain fields map: numbers,
 * names, {@code *}, {@code ?}, lists, ranges and steps. Quartz's and Spring's {@code L}, {@code W} and {@code #}, nicknames,
 * a Quartz year, and a UNIX expression that restricts both day fields (a day matching either fires, which no single RRULE
 * says) do not map; such a rule is exported as its occurrences (ADR 0082).
 */
final class CronRRules {

    private static final String[] WEEKDAYS = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
    private static final Map<String, Integer> MONTH_NAMES = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3),
            Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9),
            Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAY_NAMES = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

    private CronRRules() {
    }

    /** The RRULE value (without COUNT or UNTIL) that fires at the same wall-clock times as {@code cron}; empty where none does. */
    static Optional<String> of(CronExpression cron) {
        String[] fields = cron.expression().trim().split("\\s+");
        CronDialect dialect = cron.dialect();
        boolean seconds = dialect != CronDialect.UNIX;
        int expected = seconds ? 6 : 5;
        if (fields.length != expected && !(dialect == CronDialect.QUARTZ && fields.length == 7 && isAny(fields[6]))) {
            return Optional.empty();
        }
        int offset = seconds ? 1 : 0;
        try {
            TreeSet<Integer> second = seconds ? values(fields[0], 0, 59, Map.of()) : new TreeSet<>(List.of(0));
            TreeSet<Integer> minute = values(fields[offset], 0, 59, Map.of());
            TreeSet<Integer> hour = values(fields[offset + 1], 0, 23, Map.of());
            String dayOfMonth = fields[offset + 2];
            TreeSet<Integer> month = values(fields[offset + 3], 1, 12, MONTH_NAMES);
            String dayOfWeek = fields[offset + 4];
            TreeSet<Integer> monthDays = values(dayOfMonth, 1, 31, Map.of());
            TreeSet<Integer> weekDays = weekDays(dayOfWeek, dialect);
            boolean monthDaysRestricted = !isAny(dayOfMonth);
            boolean weekDaysRestricted = !isAny(dayOfWeek);
            if (dialect == CronDialect.UNIX && monthDaysRestricted && weekDaysRestricted) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            parts.add("FREQ=DAILY");
            if (month.size() < 12) {
                parts.add("BYMONTH=" + joined(month));
            }
            if (monthDaysRestricted) {
                parts.add("BYMONTHDAY=" + joined(monthDays));
            }
            if (weekDaysRestricted) {
                parts.add("BYDAY=" + weekDays.stream().map(day -> WEEKDAYS[day]).collect(Collectors.joining(",")));
            }
            parts.add("BYHOUR=" + joined(hour));
            parts.add("BYMINUTE=" + joined(minute));
            parts.add("BYSECOND=" + joined(second));
            return Optional.of(String.join(";", parts));
        } catch (IllegalArgumentException unmapped) {
            return Optional.empty();
        }
    }

    private static boolean isAny(String field) {
        return field.equals("*") || field.equals("?");
    }

    /** Day-of-week values as 0 (Sunday) to 6; Quartz counts 1 (Sunday) to 7, the others 0 or 7 for Sunday. */
    private static TreeSet<Integer> weekDays(String field, CronDialect dialect) {
        if (dialect == CronDialect.QUARTZ) {
            TreeSet<Integer> days = new TreeSet<>();
            Map<String, Integer> names = DAY_NAMES.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue() + 1));
            values(field, 1, 7, names).forEach(day -> days.add(day - 1));
            return days;
        }
        TreeSet<Integer> days = new TreeSet<>();
        values(field, 0, 7, DAY_NAMES).forEach(day -> days.add(day % 7));
        return days;
    }

    /**
     * The values a plain field names within {@code [min, max]}.
     *
     * @throws IllegalArgumentException for anything else ({@code L}, {@code W}, {@code #}, a malformed part)
     */
    static TreeSet<Integer> values(String field, int min, int max, Map<String, Integer> names) {
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : field.split(",", -1)) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = Integer.parseInt(part.substring(slash + 1));
                range = part.substring(0, slash);
                if (step < 1) {
                    throw new IllegalArgumentException("step " + step);
                }
            }
            int from;
            int to;
            if (isAny(range)) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw new IllegalArgumentException(range);
                }
                from = number(bounds[0], names);
                to = number(bounds[1], names);
            } else {
                from = number(range, names);
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException(part);
            }
            for (int value = from; value <= to; value += step) {
                values.add(value);
            }
        }
        return values;
    }

    private static int number(String text, Map<String, Integer> names) {
        Integer named = names.get(text.toUpperCase(Locale.ROOT));
        return named != null ? named : Integer.parseInt(text);
    }

    private static String joined(TreeSet<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

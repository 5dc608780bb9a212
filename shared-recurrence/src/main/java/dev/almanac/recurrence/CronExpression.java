package dev.almanac.recurrence;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.Cron;
import dev.almanac.recurrence.InvalidScheduleException.Problem;
import org.jspecify.annotations.Nullable;

/**
 * A validated cron expression in one of the {@link CronDialect}s, read as wall-clock time. It carries
 * no zone: {@link RecurrenceExpander} pairs it with a rule's zone and DST policy.
 *
 * <p>cron-utils parses and validates the text with the dialect's definition, and describes it. The
 * semantics are the dialect's own (see {@link CronDialect}); for {@link CronDialect#UNIX}, which
 * {@link #parse(String)} reads:
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
 * <p>An expression that never fires, such as {@code 0 0 30 2 *} (30 February), is rejected. Evaluation
 * does not go through cron-utils' {@code ExecutionTime}: the parsed fields compile to bit masks and a
 * table of times of day ({@link CronPlan}), which is faster and cannot loop. Instances are immutable
 * and thread-safe.
 */
public final class CronExpression implements Schedule {

    /**
     * Expressions parsed before, by dialect and text. Rules share few schedules, and a rule's is parsed
     * each time its definition is read (twice for each rule rule-expander materialises), while cron-utils
     * takes about 0.1 ms a parse. Instances are immutable, so any thread may share one; the map is
     * emptied when full rather than ordered by use, as a miss costs only a parse.
     */
    private static final Map<Parsed, CronExpression> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 4_096;

    private final CronDialect dialect;
    private final String expression;
    private final Cron cron;
    private final CronPlan plan;

    private CronExpression(CronDialect dialect, String expression, Cron cron, CronPlan plan) {
        this.dialect = dialect;
        this.expression = expression;
        this.cron = cron;
        this.plan = plan;
    }

    /**
     * Parses and validates a 5-field UNIX cron expression.
     *
     * @throws InvalidCronException if the text is not a valid expression (the message names the field
     *     and passes on cron-utils' reason) or if it never fires
     */
    public static CronExpression parse(String expression) {
        return parse(CronDialect.UNIX, expression);
    }

    /**
     * Parses and validates a cron expression in {@code dialect}.
     *
     * @throws InvalidCronException if the text is not a valid expression in that dialect (the message
     *     names the field and passes on cron-utils' reason) or if it never fires
     */
    public static CronExpression parse(CronDialect dialect, String expression) {
        String text = expression.strip();
        Parsed key = new Parsed(dialect, text);
        CronExpression known = PARSED.get(key);
        if (known != null) {
            return known;
        }
        if (text.isEmpty()) {
            throw new InvalidCronException("cron expression is blank; expected " + expectedFields(dialect));
        }
        Cron cron = parseWithCronUtils(dialect, text);
        CronPlan plan = CronCompiler.compile(dialect, text, cron);
        if (!plan.firesOnSomeDay()) {
            throw new InvalidCronException(Problem.NEVER_FIRES, "cron expression '" + text
                    + "' never fires: no date matches its day-of-month, month" + (plan.isFinite() ? ", day-of-week and year" : " and day-of-week")
                    + " fields");
        }
        CronExpression parsed = new CronExpression(dialect, text, cron, plan);
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear();
        }
        PARSED.put(key, parsed);
        return parsed;
    }

    /** A dialect and an expression's text, by which parsed expressions are kept. */
    private record Parsed(CronDialect dialect, String text) {
    }

    /** The expression as given, without surrounding whitespace. */
    public String expression() {
        return expression;
    }

    public CronDialect dialect() {
        return dialect;
    }

    /** In English, as cron-utils describes it: {@code at 10:00 last Friday of every month}. */
    @Override
    public String description() {
        return CronDescriptor.instance(Locale.ENGLISH).describe(cron);
    }

    /** Only a Quartz expression whose year field names particular years ends. */
    @Override
    public boolean isFinite() {
        return plan.isFinite();
    }

    CronPlan plan() {
        return plan;
    }

    /**
     * The wall-clock times this expression names, at or after {@code from}, ascending. The sequence
     * ends only with a Quartz year field; callers bound it.
     */
    Iterator<LocalDateTime> wallClockTimesFrom(LocalDateTime from) {
        long fromSecond = from.toEpochSecond(ZoneOffset.UTC) + (from.getNano() > 0 ? 1 : 0);
        WallClockCursor cursor = plan.cursor(fromSecond, LocalDateTime.MAX.minusYears(1).toEpochSecond(ZoneOffset.UTC));
        return new Iterator<>() {
            private long next = cursor.next();

            @Override
            public boolean hasNext() {
                return next != WallClockCursor.END;
            }

            @Override
            public LocalDateTime next() {
                if (next == WallClockCursor.END) {
                    throw new NoSuchElementException();
                }
                LocalDateTime time = LocalDateTime.ofEpochSecond(next, 0, ZoneOffset.UTC);
                next = cursor.next();
                return time;
            }
        };
    }

    private static String expectedFields(CronDialect dialect) {
        List<String> names = dialect.fieldNames();
        return switch (dialect) {
            case UNIX -> "5 fields: " + String.join(" ", names);
            case QUARTZ -> "6 or 7 fields: " + String.join(" ", names.subList(0, 6)) + " [" + names.get(6) + "]";
            case SPRING -> "6 fields: " + String.join(" ", names);
        };
    }

    private static Cron parseWithCronUtils(CronDialect dialect, String text) {
        try {
            return dialect.parser().parse(text).validate();
        } catch (RuntimeException e) {
            throw new InvalidCronException("invalid cron expression '" + text + "'" + locate(dialect, text) + ": " + e.getMessage(), e);
        }
    }

    /** cron-utils names the bad value but not its field; find the field by parsing each one alone. */
    private static String locate(CronDialect dialect, String text) {
        String[] fields = text.split("\\s+");
        List<String> names = dialect.fieldNames();
        boolean optionalYearAbsent = dialect == CronDialect.QUARTZ && fields.length == names.size() - 1;
        if (fields.length != names.size() && !optionalYearAbsent) {
            return "";
        }
        for (int i = 0; i < fields.length; i++) {
            try {
                dialect.parser().parse(String.join(" ", probe(dialect, fields.length, i, fields[i]))).validate();
            } catch (RuntimeException e) {
                return " in the " + names.get(i) + " field '" + fields[i] + "'";
            }
        }
        return "";
    }

    /**
     * An expression valid in {@code dialect} but for field {@code index}, which holds {@code value}.
     * Quartz wants exactly one {@code ?} among the day fields, so the other day field takes it unless
     * the probed value is {@code ?} itself.
     */
    private static String[] probe(CronDialect dialect, int length, int index, String value) {
        String[] probe = switch (dialect) {
            case UNIX -> new String[] {"*", "*", "*", "*", "*"};
            case QUARTZ -> Arrays.copyOf(new String[] {"0", "0", "0", "*", "*", "?", "*"}, length);
            case SPRING -> new String[] {"0", "0", "0", "*", "*", "*"};
        };
        if (dialect == CronDialect.QUARTZ && (index == 3 || index == 5)) {
            probe[index == 3 ? 5 : 3] = "?".equals(value) ? "*" : "?";
        }
        probe[index] = value;
        return probe;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CronExpression cron && cron.dialect == dialect && cron.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return 31 * dialect.hashCode() + expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}

package dev.almanac.commands.rule.change;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.IanaZones;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleChange;

/**
 * Reads a short English instruction into the {@link RuleChange} it means, by a small, strict grammar
 * (words are case-insensitive, a zone is spelled as the tz database spells it):
 *
 * <pre>
 * instruction := "every" schedule [zone] | "move to" time [zone] | "pause" [end] | "resume"
 * schedule    := days "at" time
 *              | "minute" | N ("minute" | "minutes")               N divides 60
 *              | "hour" | N ("hour" | "hours") ["at minute" M]    N divides 24, M 0..59
 * days        := "day" | "weekday" | "weekend" ["day"] | dayname {("," | "and" | ", and") dayname}
 * time        := H ":" MM [am|pm] | H (am|pm) | "noon" | "midnight"   (24-hour clock without am/pm)
 * end         := "until" date ["at" time] | "for" N ("minutes" | "hours" | "days" | "weeks")
 * date        := YYYY-MM-DD | "tomorrow" | dayname
 * zone        := "in" IANA-zone
 * </pre>
 *
 * Schedules become unix crons: {@code every weekday at 9:30} is {@code 30 9 * * 1-5}. {@code move to}
 * keeps the schedule and changes its one time of day. Dates resolve in the rule's zone against the
 * clock: {@code pause until monday} ends at the start of the coming Monday there (the first instant
 * of that day when a DST gap swallows midnight). Nothing is guessed: an instruction outside the
 * grammar, or one with two readings, is refused with the reason and examples.
 */
final class ChangeInstructions {

    static final String FIELD = "instruction";
    static final String EXAMPLES = "every weekday at 9:30, every monday at 8am, every 15 minutes, every 2 hours, "
            + "move to 14:00, pause until Monday, pause until 2027-01-04, pause for 3 days, resume";

    private static final Pattern TIME = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?(am|pm)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern OTHER_DATE = Pattern.compile("\\d{1,4}[/.]\\d{1,2}[/.]\\d{1,4}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern SINGLE_VALUE = Pattern.compile("\\d{1,2}");
    private static final Set<Integer> MINUTE_STEPS = Set.of(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30);
    private static final Set<Integer> HOUR_STEPS = Set.of(1, 2, 3, 4, 6, 8, 12);
    private static final Map<String, DayOfWeek> DAYS = dayNames();

    private final List<String> words;
    private final List<String> original;
    private final RuleSnapshot rule;
    private final Instant now;
    private int next;

    private ChangeInstructions(List<String> original, RuleSnapshot rule, Instant now) {
        this.original = original;
        this.words = original.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        this.rule = rule;
        this.now = now;
    }

    /**
     * @throws CommandRejectedException 400 on {@value #FIELD}: {@code instruction_grammar} outside the grammar,
     *     {@code ambiguous} with two readings, {@code uneven_interval}, {@code future}, {@code iana_zone} or {@code range}
     */
    static RuleChange read(String instruction, RuleSnapshot rule, Instant now) {
        List<String> words = new ArrayList<>();
        for (String word : instruction.strip().split("\\s+")) {
            // A comma is a word of its own: "monday, friday" and "monday ,friday" read alike.
            Matcher parts = Pattern.compile("[^,]+|,").matcher(word);
            while (parts.find()) {
                words.add(parts.group());
            }
        }
        return new ChangeInstructions(words, rule, now).instruction();
    }

    private RuleChange instruction() {
        String first = take("an instruction: every, move to, pause or resume");
        RuleChange change = switch (first) {
            case "every" -> every();
            case "move" -> move();
            case "pause" -> pause();
            case "resume" -> RuleChange.resume();
            default -> throw grammar("an instruction starts with every, move to, pause or resume, not '" + original(next - 1) + "'");
        };
        if (next < words.size()) {
            throw grammar("'" + String.join(" ", original.subList(next, original.size())) + "' is not part of the instruction");
        }
        return change;
    }

    private RuleChange every() {
        String word = take("what the rule repeats on: day, weekday, a day's name, N minutes or N hours");
        if (NUMBER.matcher(word).matches()) {
            int amount = Integer.parseInt(word);
            if (amount < 1) {
                throw rejected("range", "every 0 " + (next < original.size() ? original(next) : "") + " never fires; the interval is at "
                        + "least 1");
            }
            String unit = take("minutes or hours after " + word);
            if (unit.equals("minute") || unit.equals("minutes")) {
                return RuleChange.cron(minutely(amount), null, zone());
            }
            if (unit.equals("hour") || unit.equals("hours")) {
                return RuleChange.cron(hourly(amount, minuteOfHour()), null, zone());
            }
            throw grammar("after 'every " + word + "' Almanac reads minutes or hours, not '" + original(next - 1) + "'");
        }
        if (word.equals("minute")) {
            return RuleChange.cron("* * * * *", null, zone());
        }
        if (word.equals("hour")) {
            return RuleChange.cron(hourly(1, minuteOfHour()), null, zone());
        }
        if (word.equals("next") || word.equals("other") || word.equals("second")) {
            throw grammar("'every " + word + "' is not read; say which days: every day, every weekday, every monday, every 2 hours");
        }
        next--;
        String days = days();
        expect("at", "'at' and a time after the days, as in every weekday at 9:30");
        LocalTime time = time();
        return RuleChange.cron(time.getMinute() + " " + time.getHour() + " * * " + days, null, zone());
    }

    private String minutely(int amount) {
        if (!MINUTE_STEPS.contains(amount)) {
            throw rejected("uneven_interval", "every " + amount + " minutes does not divide the hour, so no cron keeps it even "
                    + "across the hour; Almanac reads every N minutes for N = " + sorted(MINUTE_STEPS) + "; for another interval send "
                    + "a patch with an rrule such as FREQ=MINUTELY;INTERVAL=" + Math.max(amount, 1));
        }
        return amount == 1 ? "* * * * *" : "*/" + amount + " * * * *";
    }

    private String hourly(int amount, int minute) {
        if (!HOUR_STEPS.contains(amount)) {
            throw rejected("uneven_interval", "every " + amount + " hours does not divide the day, so no cron keeps it even "
                    + "across midnight; Almanac reads every N hours for N = " + sorted(HOUR_STEPS) + "; for another interval send "
                    + "a patch with an rrule such as FREQ=HOURLY;INTERVAL=" + Math.max(amount, 1));
        }
        return minute + " " + (amount == 1 ? "*" : "*/" + amount) + " * * *";
    }

    /** "at minute M" after an hourly schedule; on the hour without it. */
    private int minuteOfHour() {
        if (!peek("at")) {
            return 0;
        }
        next++;
        expect("minute", "'minute' and a number after an hourly schedule's 'at', as in every 2 hours at minute 15");
        String minute = take("the minute of the hour, 0 to 59");
        if (!SINGLE_VALUE.matcher(minute).matches() || Integer.parseInt(minute) > 59) {
            throw grammar("the minute of the hour is a number from 0 to 59, not '" + original(next - 1) + "'");
        }
        return Integer.parseInt(minute);
    }

    /** The day-of-week field of the cron the days mean. */
    private String days() {
        String word = take("the days: day, weekday, weekend or a day's name");
        switch (word) {
            case "day":
                return "*";
            case "weekday":
                return "1-5";
            case "weekend":
                if (peek("day")) {
                    next++;
                }
                return "0,6";
            default:
                break;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        days.add(dayName(word));
        while (peek(",") || peek("and")) {
            next++;
            if (peek("and")) {
                next++;
            }
            days.add(dayName(take("a day's name after the comma or 'and'")));
        }
        return days.stream().map(day -> Integer.toString(day.getValue() % 7)).sorted().collect(Collectors.joining(","));
    }

    private DayOfWeek dayName(String word) {
        DayOfWeek day = DAYS.get(word);
        if (day == null) {
            if (DAYS.containsKey(word.endsWith("s") ? word.substring(0, word.length() - 1) : word)) {
                throw grammar("write the day in the singular: every " + word.substring(0, word.length() - 1));
            }
            throw grammar("'" + original(next - 1) + "' is not a day: write day, weekday, weekend or a day's name such as monday");
        }
        return day;
    }

    private RuleChange move() {
        expect("to", "'to' and the new time, as in move to 14:00");
        LocalTime time = time();
        ZoneId zone = zone();
        RuleDefinition definition = rule.definition();
        if (definition.schedule().rrule() != null) {
            return RuleChange.rrule(movedRrule(definition.schedule().rrule(), time), zone);
        }
        return RuleChange.cron(movedCron(definition.schedule().cron(), definition.schedule().cronDialect(), time),
                definition.schedule().cronDialect(), zone);
    }

    /** The cron with its one time of day replaced; a cron with several times a day has no one time to move. */
    private String movedCron(String cron, @Nullable CronSyntax dialect, LocalTime time) {
        String[] fields = cron.strip().split("\\s+");
        int minute = dialect == null || dialect == CronSyntax.UNIX ? 0 : 1;
        boolean withSeconds = minute == 1;
        if (fields.length <= minute + 1 || !SINGLE_VALUE.matcher(fields[minute]).matches()
                || !SINGLE_VALUE.matcher(fields[minute + 1]).matches() || withSeconds && !SINGLE_VALUE.matcher(fields[0]).matches()) {
            throw severalTimes("'" + cron + "'");
        }
        if (withSeconds) {
            fields[0] = "0";
        }
        fields[minute] = Integer.toString(time.getMinute());
        fields[minute + 1] = Integer.toString(time.getHour());
        return String.join(" ", fields);
    }

    /**
     * The recurrence at the new time of day: its BYHOUR and BYMINUTE (when it has them), its DTSTART,
     * and the exception and extra dates that sat at the old time. A recurrence that runs several
     * times a day, or has dates at other times, has no one time to move.
     */
    private RecurrenceRule movedRrule(RecurrenceRule recurrence, LocalTime time) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : recurrence.rrule().split(";")) {
            int equals = part.indexOf('=');
            parts.put(equals < 0 ? part.toUpperCase(Locale.ROOT) : part.substring(0, equals).toUpperCase(Locale.ROOT),
                    equals < 0 ? "" : part.substring(equals + 1));
        }
        String frequency = parts.getOrDefault("FREQ", "").toUpperCase(Locale.ROOT);
        if (!Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY").contains(frequency)) {
            throw severalTimes("FREQ=" + frequency);
        }
        for (String by : List.of("BYHOUR", "BYMINUTE", "BYSECOND")) {
            if (parts.containsKey(by) && !SINGLE_VALUE.matcher(parts.get(by)).matches()) {
                throw severalTimes(by + "=" + parts.get(by));
            }
        }
        LocalDateTime start = recurrence.dtstart();
        LocalTime old = LocalTime.of(
                parts.containsKey("BYHOUR") ? Integer.parseInt(parts.get("BYHOUR")) : start.getHour(),
                parts.containsKey("BYMINUTE") ? Integer.parseInt(parts.get("BYMINUTE")) : start.getMinute(),
                parts.containsKey("BYSECOND") ? Integer.parseInt(parts.get("BYSECOND")) : start.getSecond());
        parts.computeIfPresent("BYHOUR", (key, value) -> Integer.toString(time.getHour()));
        parts.computeIfPresent("BYMINUTE", (key, value) -> Integer.toString(time.getMinute()));
        parts.computeIfPresent("BYSECOND", (key, value) -> "0");
        String moved = parts.entrySet().stream()
                .map(part -> part.getValue().isEmpty() ? part.getKey() : part.getKey() + "=" + part.getValue())
                .collect(Collectors.joining(";"));
        return new RecurrenceRule(moved, start.toLocalDate().atTime(time), movedDates(recurrence.exdates(), old, time, "EXDATE"),
                movedDates(recurrence.rdates(), old, time, "RDATE"));
    }

    private List<LocalDateTime> movedDates(List<LocalDateTime> dates, LocalTime old, LocalTime time, String kind) {
        List<LocalDateTime> moved = new ArrayList<>();
        for (LocalDateTime date : dates) {
            if (!date.toLocalTime().equals(old)) {
                throw rejected("ambiguous", "the rule's " + kind + " " + date + " is not at its time of day " + old
                        + ", so 'move to' cannot tell whether it moves too; send a patch with the whole rrule");
            }
            moved.add(date.toLocalDate().atTime(time));
        }
        return moved;
    }

    private CommandRejectedException severalTimes(String schedule) {
        return rejected("ambiguous", "the rule runs at more than one time of day (" + schedule + "), so 'move to' cannot tell which "
                + "time to move; give the whole schedule instead, such as: every day at 14:00");
    }

    private RuleChange pause() {
        if (next == words.size()) {
            return RuleChange.pause(null);
        }
        String word = take("until or for");
        ZoneId zone = rule.definition().timezone();
        Instant end = switch (word) {
            case "until" -> {
                LocalDate date = date(zone);
                LocalTime time = LocalTime.MIDNIGHT;
                if (peek("at")) {
                    next++;
                    time = time();
                }
                // A wall-clock time in a DST gap (midnight, in some zones) is shifted forward by the gap, as java.time does.
                yield ZonedDateTime.of(date, time, zone).toInstant();
            }
            case "for" -> {
                String amount = take("how long, such as 3 days");
                if (!NUMBER.matcher(amount).matches() || Integer.parseInt(amount) < 1) {
                    throw rejected("range", "a pause lasts a whole number from 1 to 9999 of minutes, hours, days or weeks, not '"
                            + original(next - 1) + "'");
                }
                int count = Integer.parseInt(amount);
                String unit = take("minutes, hours, days or weeks");
                ZonedDateTime local = now.atZone(zone);
                yield switch (unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit) {
                    case "minute" -> now.plus(Duration.ofMinutes(count));
                    case "hour" -> now.plus(Duration.ofHours(count));
                    // Days and weeks are the zone's: the same wall-clock time that many days later, across a DST change too.
                    case "day" -> local.plusDays(count).toInstant();
                    case "week" -> local.plusWeeks(count).toInstant();
                    default -> throw grammar("a pause lasts minutes, hours, days or weeks, not '" + original(next - 1) + "'");
                };
            }
            default -> throw grammar("after 'pause' comes 'until' and a date, 'for' and a length, or nothing; not '"
                    + original(next - 1) + "'");
        };
        Instant resumeAfter = end.truncatedTo(ChronoUnit.MILLIS);
        if (!resumeAfter.isAfter(now)) {
            throw rejected("future", "the pause would end at " + resumeAfter + " (" + resumeAfter.atZone(zone).toLocalDateTime()
                    + " in " + zone + "), which is not in the future");
        }
        return RuleChange.pause(resumeAfter);
    }

    private LocalDate date(ZoneId zone) {
        String word = take("a date: YYYY-MM-DD, tomorrow or a day's name");
        LocalDate today = now.atZone(zone).toLocalDate();
        if (word.equals("tomorrow")) {
            return today.plusDays(1);
        }
        if (word.equals("today")) {
            throw rejected("ambiguous", "'until today' has already begun; give a time (until today at 17:00) or a later date");
        }
        if (Set.of("next", "this", "coming").contains(word)) {
            throw rejected("ambiguous", "'" + word + " " + (next < original.size() ? original(next) : "") + "' can mean the coming "
                    + "day of that name or the one a week later; write the day alone (the coming one) or a date such as "
                    + today.plusWeeks(1));
        }
        if (OTHER_DATE.matcher(word).matches()) {
            throw rejected("ambiguous", "'" + word + "' can be read in more than one order of day, month and year; write the date "
                    + "as YYYY-MM-DD, such as " + today.plusDays(3));
        }
        if (ISO_DATE.matcher(word).matches()) {
            try {
                return LocalDate.parse(word);
            } catch (DateTimeParseException e) {
                throw grammar("'" + word + "' is not a date in the calendar");
            }
        }
        DayOfWeek day = DAYS.get(word);
        if (day == null) {
            throw grammar("'" + original(next - 1) + "' is not a date: write YYYY-MM-DD (2027-01-04), tomorrow or a day's name");
        }
        if (day == today.getDayOfWeek()) {
            throw rejected("ambiguous", "today is " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " in " + zone
                    + ", so 'until " + word + "' can mean today or next week; write the date, such as " + today.plusWeeks(1));
        }
        return today.with(TemporalAdjusters.next(day));
    }

    /** A wall-clock time: 9:30, 09:30, 21:30, 9:30pm, 9pm, 9 pm, noon, midnight. A bare hour has two readings. */
    private LocalTime time() {
        String word = take("a time such as 9:30, 8am or 14:00");
        if (word.equals("noon")) {
            return LocalTime.NOON;
        }
        if (word.equals("midnight")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher time = TIME.matcher(word);
        if (!time.matches()) {
            throw grammar("'" + original(next - 1) + "' is not a time: write 9:30, 8am or 14:00");
        }
        String halfOfDay = time.group(3);
        if (halfOfDay == null && (peek("am") || peek("pm"))) {
            halfOfDay = words.get(next++);
        }
        int hour = Integer.parseInt(time.group(1));
        int minute = time.group(2) == null ? 0 : Integer.parseInt(time.group(2));
        if (time.group(2) == null && halfOfDay == null) {
            if (hour < 1 || hour > 12) {
                throw grammar("'" + word + "' is not a time: write the minutes too, as in " + hour + ":00");
            }
            throw rejected("ambiguous", "'" + word + "' can be " + String.format(Locale.ROOT, "%02d:00", hour % 12)
                    + " or " + (hour % 12 + 12) + ":00; write " + word + ":00, " + word + "am or " + (hour % 12 + 12) + ":00");
        }
        if (minute > 59) {
            throw grammar("'" + word + "' is not a time: the minutes run from 00 to 59");
        }
        if (halfOfDay == null) {
            if (hour > 23) {
                throw grammar("'" + word + "' is not a time: the hours run from 0 to 23");
            }
            return LocalTime.of(hour, minute);
        }
        if (hour < 1 || hour > 12) {
            throw grammar("'" + word + " " + halfOfDay + "' is not a time: with am or pm the hours run from 1 to 12");
        }
        return LocalTime.of(hour % 12 + (halfOfDay.equals("pm") ? 12 : 0), minute);
    }

    /** "in Europe/London" at the end of a schedule, or null to keep the rule's zone. */
    private @Nullable ZoneId zone() {
        if (!peek("in")) {
            return null;
        }
        next++;
        take("an IANA time zone such as Europe/London");
        String zone = original(next - 1);
        if (!IanaZones.isKnown(zone)) {
            throw rejected("iana_zone", "'" + zone + "' is not an IANA time zone; write it as the tz database does, such as "
                    + "Europe/London or America/New_York");
        }
        return ZoneId.of(zone);
    }

    private boolean peek(String word) {
        return next < words.size() && words.get(next).equals(word);
    }

    private void expect(String word, String what) {
        if (!take(what).equals(word)) {
            throw grammar("expected " + what + ", but found '" + original(next - 1) + "'");
        }
    }

    private String take(String what) {
        if (next == words.size()) {
            throw grammar("the instruction ends where Almanac expects " + what);
        }
        return words.get(next++);
    }

    private String original(int index) {
        return original.get(index);
    }

    private static CommandRejectedException grammar(String why) {
        return rejected("instruction_grammar", why);
    }

    private static CommandRejectedException rejected(String rule, String why) {
        return CommandRejectedException.invalid(FIELD, rule, why + ". Instructions Almanac reads: " + EXAMPLES
                + "; or send the change as a patch");
    }

    private static String sorted(Set<Integer> values) {
        return values.stream().sorted().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            names.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
            names.put(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
        }
        return Map.copyOf(names);
    }
}

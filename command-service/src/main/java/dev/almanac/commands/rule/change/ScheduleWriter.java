package dev.almanac.commands.rule.change;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.commands.rule.RuleDefinition;
import dev.almanac.commands.rule.RuleSnapshot;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;
import dev.almanac.events.rule.RuleChange;
import dev.almanac.events.rule.RuleChangeAction;
import dev.almanac.events.rule.RuleChangeWarning;
import dev.almanac.commands.rule.change.Phrase.Clock;
import dev.almanac.commands.rule.change.Phrase.DayPart;
import dev.almanac.commands.rule.change.Phrase.Direction;
import dev.almanac.commands.rule.change.Phrase.OrdinalDay;
import dev.almanac.commands.rule.change.Phrase.Schedule;
import dev.almanac.commands.rule.change.Phrase.Unit;

/**
 * Turns a parsed schedule into the change it means for one rule: a unix cron where cron can say it,
 * an RRULE where it cannot (the last day of the month, the first monday, every other week, intervals
 * that do not divide the hour or the day). Clauses the phrase left out come from the rule as it
 * stands. Bare hours are settled here, by the phrase's own words (in the evening, a 24-hour time
 * beside them) or, failing those, read one way with a doubt and the other reading as an alternative.
 * Expansion is never done here: the preview expands what this writes, with shared-recurrence.
 */
final class ScheduleWriter {

    private static final Set<DayOfWeek> ALL_DAYS = EnumSet.allOf(DayOfWeek.class);
    private static final Pattern NUMBERS = Pattern.compile("\\d{1,2}(,\\d{1,2})*");
    private static final Pattern SINGLE = Pattern.compile("\\d{1,2}");
    private static final String[] BYDAY = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

    private final Schedule phrase;
    private final RuleSnapshot rule;
    private final Instant now;
    private final String instruction;
    private final List<RuleChangeWarning> notes = new ArrayList<>();
    private final ZoneId zone;

    private ScheduleWriter(Schedule phrase, RuleSnapshot rule, Instant now, String instruction) {
        this.phrase = phrase;
        this.rule = rule;
        this.now = now;
        this.instruction = instruction;
        this.zone = phrase.zone != null ? phrase.zone : rule.definition().timezone();
    }

    static Reading write(Schedule phrase, RuleSnapshot rule, Instant now, String instruction) {
        ScheduleWriter writer = new ScheduleWriter(phrase, rule, now, instruction);
        RuleChange change = writer.change();
        return new Reading(change, writer.notes);
    }

    private RuleChange change() {
        if (phrase.businessHours != null) {
            throw ChangeInstructions.rejected("business_hours", "calendar " + rule.definition().calendarId() + " keeps no business "
                    + "hours, so 'during " + (phrase.businessHours.is("hours") ? "" : phrase.businessHours.original() + " ")
                    + "hours' has none to take; give the hours, such as "
                    + "'between 9 and 17'");
        }
        if (phrase.shift != null) {
            if (phrase.hasDays() || !phrase.times.isEmpty() || phrase.interval != null || phrase.hasWindow()) {
                throw ChangeInstructions.rejected("ambiguous", "a shift moves the rule's own times; give it alone (30 minutes later) "
                        + "or give the new schedule instead");
            }
            return shifted();
        }
        List<LocalTime> times = times();
        if (phrase.timesPerDay != null && !times.isEmpty() && phrase.timesPerDay != times.size()) {
            throw ChangeInstructions.rejected("ambiguous", "the instruction says " + phrase.timesPerDay + " times a day but gives "
                    + times.size() + " times (" + times + "); give as many times as runs");
        }
        if (phrase.timesPerDay != null && phrase.timesPerDay > 1 && times.isEmpty()) {
            throw ChangeInstructions.grammar("'" + phrase.timesPerDay + " times a day' needs the times, such as twice a day at 6:00 "
                    + "and 18:00");
        }
        if (phrase.interval != null && (phrase.interval.unit() == Unit.MINUTE || phrase.interval.unit() == Unit.HOUR)) {
            if (!times.isEmpty()) {
                throw ChangeInstructions.rejected("ambiguous", "the instruction gives an interval and times of day; give one, or a "
                        + "window: every 15 minutes between 9 and 17");
            }
            return update(subDaily(days(ALL_DAYS)));
        }
        if (phrase.hasWindow()) {
            throw ChangeInstructions.rejected("ambiguous", "a window (between ... and ...) bounds an interval; say how often in it, "
                    + "such as every 15 minutes between 9 and 17");
        }
        if (phrase.minuteOfHour != null) {
            throw ChangeInstructions.grammar("'at minute' follows an hourly interval, as in every 2 hours at minute 15");
        }
        boolean daysGiven = phrase.hasDays() || !phrase.except.isEmpty() || phrase.interval != null;
        if (phrase.weekly && phrase.weekdays.isEmpty() && !phrase.everyDay) {
            throw ChangeInstructions.grammar("'weekly' needs the day, such as every week on monday at 9:00");
        }
        if (phrase.monthly && phrase.monthDays.isEmpty() && phrase.ordinals.isEmpty()) {
            throw ChangeInstructions.grammar("'monthly' needs the day of the month, such as monthly on the 1st at 9:00 or the first "
                    + "monday of the month");
        }
        if (!daysGiven && times.isEmpty()) {
            if (phrase.zone != null) {
                return new RuleChange(RuleChangeAction.UPDATE, null, null, null, phrase.zone, null, null, null, null);
            }
            throw ChangeInstructions.grammar("the instruction gives no schedule: say when, such as every weekday at 9:30, or move it "
                    + "to 14:00");
        }
        if (!daysGiven) {
            return moved(times);
        }
        if (times.isEmpty()) {
            return redayed();
        }
        return update(daily(times));
    }

    private RuleChange update(Written schedule) {
        return schedule.rrule != null ? RuleChange.rrule(schedule.rrule, phrase.zone) : RuleChange.cron(schedule.cron, null, phrase.zone);
    }

    /** A new schedule: a cron, or an rrule when cron cannot say it. */
    private record Written(@Nullable String cron, @Nullable RecurrenceRule rrule) {
        static Written cron(String cron) {
            return new Written(cron, null);
        }

        static Written rrule(RecurrenceRule rrule) {
            return new Written(null, rrule);
        }
    }

    // ---- times of day -------------------------------------------------------------------------------------------

    private List<LocalTime> times() {
        boolean twentyFourHour = phrase.times.stream().anyMatch(Clock::twentyFourHour) || phrase.insteadOf.stream().anyMatch(Clock::twentyFourHour)
                || phrase.windowFrom != null && (phrase.windowFrom.twentyFourHour() || phrase.windowTo.twentyFourHour());
        TreeSet<LocalTime> times = new TreeSet<>();
        boolean doubt = false;
        for (Clock clock : phrase.times) {
            LocalTime time = resolve(clock, twentyFourHour);
            if (time == null) {
                doubt = true;
                time = LocalTime.of(clock.hour() % 12 == 0 ? 12 : clock.hour(), clock.minute());
            }
            times.add(time);
        }
        if (doubt) {
            List<Clock> bare = phrase.times.stream().filter(Clock::bare).toList();
            String written = bare.stream().map(clock -> "'" + clock.token().original() + "'").collect(Collectors.joining(" and "));
            boolean noon = bare.stream().allMatch(clock -> clock.hour() == 12);
            String read = bare.stream().map(clock -> LocalTime.of(clock.hour() % 12 == 0 ? 12 : clock.hour(), clock.minute()).toString())
                    .collect(Collectors.joining(" and "));
            String other = bare.stream().map(clock -> LocalTime.of(clock.hour() % 12 == 0 ? 0 : clock.hour() + 12, clock.minute()).toString())
                    .collect(Collectors.joining(" and "));
            notes.add(new RuleChangeWarning("ambiguous_time", written + " can be " + read + " or " + other + "; read as " + read
                    + (noon ? " (noon)" : " (morning)") + ". Write am or pm, or a 24-hour time, to say which"));
            notes.add(new RuleChangeWarning(Reading.ALTERNATIVE, instruction.strip() + (noon ? " at night" : " in the evening")));
        }
        return List.copyOf(times);
    }

    /** The time a clock means, or null when the phrase leaves morning or evening open. */
    private @Nullable LocalTime resolve(Clock clock, boolean twentyFourHour) {
        if (!clock.bare() || twentyFourHour) {
            return LocalTime.of(clock.hour(), clock.minute());
        }
        DayPart part = phrase.dayPart;
        if (part == null) {
            return null;
        }
        int hour = clock.hour() % 12;
        return LocalTime.of(switch (part) {
            case MORNING -> hour;
            case AFTERNOON, EVENING -> hour + 12;
            // "at 11 at night" is 23:00, "at 2 at night" 02:00, "at 12 at night" midnight.
            case NIGHT -> hour >= 6 ? hour + 12 : hour;
        }, clock.minute());
    }

    /** A window's bounds: bare hours take the reading that keeps the start before the end ("between 9 and 5" is 9:00 to 17:00). */
    private LocalTime[] window() {
        Clock from = phrase.windowFrom;
        Clock to = phrase.windowTo;
        boolean twentyFourHour = from.twentyFourHour() || to.twentyFourHour();
        LocalTime start = resolve(from, twentyFourHour);
        LocalTime end = resolve(to, twentyFourHour);
        if (start == null && end == null) {
            start = LocalTime.of(from.hour() % 12, from.minute());
            end = LocalTime.of(to.hour() % 12, to.minute());
            if (!end.isAfter(start)) {
                end = end.plusHours(12);
            }
            if (start.getHour() < 7) {
                notes.add(new RuleChangeWarning("ambiguous_time", "'" + from.token().original() + "' to '" + to.token().original()
                        + "' can be " + start + " to " + end + " or " + start.plusHours(12) + " to " + end.plusHours(12) + "; read as "
                        + start + " to " + end + ". Write am or pm, or 24-hour times, to say which"));
                notes.add(new RuleChangeWarning(Reading.ALTERNATIVE, instruction.strip() + " in the afternoon"));
            }
        } else if (start == null) {
            start = sameHalf(from, end, true);
        } else if (end == null) {
            end = sameHalf(to, start, false);
        }
        return new LocalTime[] {start, end};
    }

    /** The reading of a bare bound that falls on the right side of the other bound, the same half of the day first. */
    private static LocalTime sameHalf(Clock bare, LocalTime other, boolean isStart) {
        LocalTime morning = LocalTime.of(bare.hour() % 12, bare.minute());
        LocalTime evening = morning.plusHours(12);
        LocalTime first = other.getHour() >= 12 ? evening : morning;
        LocalTime second = first == evening ? morning : evening;
        return isStart == first.isBefore(other) ? first : second;
    }

    // ---- whole schedules ----------------------------------------------------------------------------------------

    /** The days the phrase names, with its exceptions taken out; {@code otherwise} when it names none. */
    private Set<DayOfWeek> days(Set<DayOfWeek> otherwise) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        days.addAll(phrase.everyDay || phrase.weekdays.isEmpty() ? otherwise : phrase.weekdays);
        days.removeAll(phrase.except);
        if (days.isEmpty()) {
            throw ChangeInstructions.rejected("range", "the instruction leaves no day to run on");
        }
        if (!phrase.monthDays.isEmpty() && !phrase.ordinals.isEmpty()) {
            throw ChangeInstructions.rejected("ambiguous", "the instruction names days of the month and nth weekdays together; "
                    + "give one kind, such as the 1st and 15th, or the second and last friday");
        }
        if (!phrase.monthDays.isEmpty() || !phrase.ordinals.isEmpty()) {
            if (!phrase.weekdays.isEmpty() || !phrase.except.isEmpty()) {
                throw ChangeInstructions.rejected("ambiguous", "the instruction names days of the month and days of the week; say "
                        + "one, such as the 1st of the month or the first monday of the month");
            }
        }
        return days;
    }

    private Written subDaily(Set<DayOfWeek> days) {
        int step = phrase.interval.step();
        boolean minutes = phrase.interval.unit() == Unit.MINUTE;
        List<Integer> hours = null;
        if (phrase.hasWindow()) {
            LocalTime[] window = window();
            if (window[0].getMinute() != 0 || window[1].getMinute() != 0) {
                throw ChangeInstructions.rejected("window", "a window starts and ends on the hour, such as between 9 and 17; not "
                        + window[0] + " to " + window[1]);
            }
            if (window[0].equals(window[1])) {
                throw ChangeInstructions.rejected("window", "the window from " + window[0] + " to " + window[1] + " is empty");
            }
            hours = new ArrayList<>();
            for (int hour = window[0].getHour(); hour != window[1].getHour(); hour = (hour + 1) % 24) {
                hours.add(hour);
            }
        }
        if (!phrase.monthDays.isEmpty() && phrase.monthDays.stream().anyMatch(day -> day < 0) || !phrase.ordinals.isEmpty()) {
            throw ChangeInstructions.rejected("ambiguous", "an interval on the last day or an nth weekday of the month is not read; "
                    + "send a patch with an rrule");
        }
        String dayFields = dayFields(days);
        if (minutes) {
            if (phrase.minuteOfHour != null) {
                throw ChangeInstructions.grammar("'at minute' follows an hourly interval, as in every 2 hours at minute 15");
            }
            if (60 % step == 0) {
                return Written.cron((step == 1 ? "*" : "*/" + step) + " " + (hours == null ? "*" : cronField(hours)) + " " + dayFields);
            }
            if (hours != null) {
                throw uneven("minutes", step, "the hour", "MINUTELY");
            }
            return Written.rrule(rrule("FREQ=MINUTELY;INTERVAL=" + step + byDay(days) + ";BYSECOND=0", startOfToday()));
        }
        int minute = phrase.minuteOfHour == null ? 0 : phrase.minuteOfHour;
        if (24 % step == 0 || hours != null) {
            List<Integer> stepped = new ArrayList<>();
            for (int index = 0; index < (hours == null ? 24 : hours.size()); index += step) {
                stepped.add(hours == null ? index : hours.get(index));
            }
            String hourField = hours == null ? (step == 1 ? "*" : "*/" + step) : cronField(stepped);
            return Written.cron(minute + " " + hourField + " " + dayFields);
        }
        return Written.rrule(rrule("FREQ=HOURLY;INTERVAL=" + step + byDay(days) + ";BYMINUTE=" + minute + ";BYSECOND=0",
                startOfToday()));
    }

    private CommandRejectedException uneven(String unit, int step, String span, String frequency) {
        return ChangeInstructions.rejected("uneven_interval", "every " + step + " " + unit + " does not divide " + span + ", so its "
                + "runs in a window would drift from day to day; give an interval that divides it, or send a patch with an rrule "
                + "such as FREQ=" + frequency + ";INTERVAL=" + step);
    }

    /** Times of day on the phrase's days: cron for days of the week and of the month, RRULE for the rest. */
    private Written daily(List<LocalTime> times) {
        Set<DayOfWeek> days = days(ALL_DAYS);
        int step = phrase.interval == null ? 1 : phrase.interval.step();
        Unit unit = phrase.interval == null ? Unit.DAY : phrase.interval.unit();
        boolean monthly = !phrase.monthDays.isEmpty() || !phrase.ordinals.isEmpty();
        if (phrase.ordinalWithoutMonth != null) {
            OrdinalDay first = phrase.ordinals.get(0);
            String day = first.day().getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            notes.add(new RuleChangeWarning("ambiguous_ordinal", "'" + phrase.ordinalWithoutMonth.original() + " " + day + "' can be "
                    + "that " + day + " of each month or every other " + day + "; read as of each month"));
            notes.add(new RuleChangeWarning(Reading.ALTERNATIVE, "every other " + day + " at " + times.get(0)));
        }
        if (step == 1 && !monthly) {
            return cronOrSetPos(times, "* * " + dow(days), "FREQ=DAILY" + byDay(days));
        }
        if (step == 1 && phrase.ordinals.isEmpty() && phrase.monthDays.stream().allMatch(day -> day > 0)) {
            return cronOrSetPos(times, cronField(phrase.monthDays) + " * *", "FREQ=DAILY;BYMONTHDAY=" + field(phrase.monthDays));
        }
        if (monthly) {
            if (step != 1) {
                throw ChangeInstructions.rejected("ambiguous", "an interval on days of the month is not read; send a patch with an rrule");
            }
            String by = !phrase.ordinals.isEmpty()
                    ? ";BYDAY=" + phrase.ordinals.stream().map(ordinal -> ordinal.ordinal() + BYDAY[ordinal.day().ordinal()])
                    .collect(Collectors.joining(","))
                    : ";BYMONTHDAY=" + phrase.monthDays.stream().map(String::valueOf).collect(Collectors.joining(","));
            return Written.rrule(rrule("FREQ=MONTHLY" + by + byTime(times), startOfToday()));
        }
        // Every N days or weeks: the first run is the next one from now, unless the phrase says when to start.
        LocalDate first = phrase.starting != null ? phrase.starting : firstDay(days, times);
        if (phrase.starting == null) {
            LocalDate later = unit == Unit.WEEK ? first.plusWeeks(1) : first.plusDays(1);
            notes.add(new RuleChangeWarning("ambiguous_phase", "every " + (step == 2 ? "other " : step + " ") + (unit == Unit.WEEK ? "week"
                    : "day") + " is counted from " + first + ", the next day it can run; it could as well start on " + later));
            notes.add(new RuleChangeWarning(Reading.ALTERNATIVE, instruction.strip() + " starting " + later));
        }
        if (unit == Unit.WEEK) {
            if (phrase.weekdays.isEmpty()) {
                throw ChangeInstructions.grammar("every " + step + " weeks needs the day, such as every other week on monday at 9:00");
            }
            return Written.rrule(rrule("FREQ=WEEKLY;INTERVAL=" + step + byDay(days) + byTime(times) + ";WKST=MO", first.atStartOfDay()));
        }
        return Written.rrule(rrule("FREQ=DAILY;INTERVAL=" + step + byDay(days) + byTime(times), first.atStartOfDay()));
    }

    /** The first day, from today in the zone, on which one of the times is still ahead. */
    private LocalDate firstDay(Set<DayOfWeek> days, List<LocalTime> times) {
        ZonedDateTime local = now.atZone(zone);
        for (LocalDate date = local.toLocalDate(); ; date = date.plusDays(1)) {
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            LocalDate day = date;
            if (times.stream().anyMatch(time -> ZonedDateTime.of(day, time, zone).toInstant().isAfter(now))) {
                return date;
            }
        }
    }

    /**
     * A cron when the times are every minute of the listed hours (6:00 and 18:00, 6:00 and 6:30), an RRULE
     * that picks the times out of that grid by BYSETPOS otherwise (6:30 and 18:00).
     */
    private Written cronOrSetPos(List<LocalTime> times, String dayFields, String rruleDays) {
        TreeSet<Integer> minutes = times.stream().map(LocalTime::getMinute).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<Integer> hours = times.stream().map(LocalTime::getHour).collect(Collectors.toCollection(TreeSet::new));
        if (minutes.size() * hours.size() == times.size()) {
            return Written.cron(cronField(minutes) + " " + cronField(hours) + " " + dayFields);
        }
        List<Integer> positions = new ArrayList<>();
        int position = 1;
        for (int hour : hours) {
            for (int minute : minutes) {
                if (times.contains(LocalTime.of(hour, minute))) {
                    positions.add(position);
                }
                position++;
            }
        }
        return Written.rrule(rrule(rruleDays + byTime(times) + ";BYSETPOS=" + field(positions), startOfToday()));
    }

    private String dayFields(Set<DayOfWeek> days) {
        if (!phrase.monthDays.isEmpty()) {
            return cronField(phrase.monthDays) + " * *";
        }
        return "* * " + dow(days);
    }

    // ---- edits of the rule as it stands ---------------------------------------------------------------------------

    /** New times on the rule's own days ("move it to 10:15"). */
    private RuleChange moved(List<LocalTime> times) {
        RuleDefinition definition = rule.definition();
        if (definition.schedule().rrule() != null) {
            if (times.size() != 1) {
                throw ChangeInstructions.rejected("ambiguous", "the rule is an RRULE; give its whole schedule with several times, "
                        + "such as every day at 6:00 and 18:00");
            }
            return RuleChange.rrule(RuleTimes.moved(definition.schedule().rrule(), times.get(0)), phrase.zone);
        }
        CronSyntax dialect = definition.schedule().cronDialect();
        String[] fields = definition.schedule().cron().strip().split("\\s+");
        if (dialect != null && dialect != CronSyntax.UNIX) {
            if (times.size() != 1) {
                throw ChangeInstructions.rejected("ambiguous", "give the rule's whole schedule with several times, such as every day "
                        + "at 6:00 and 18:00");
            }
            return RuleChange.cron(RuleTimes.movedCron(definition.schedule().cron(), dialect, times.get(0)), dialect, phrase.zone);
        }
        List<LocalTime> current = cronTimes(fields);
        List<LocalTime> replaced = new ArrayList<>(times);
        if (!phrase.insteadOf.isEmpty()) {
            List<LocalTime> old = phrase.insteadOf.stream().map(clock -> LocalTime.of(clock.hour(), clock.minute())).toList();
            if (current == null || !current.containsAll(old)) {
                throw ChangeInstructions.rejected("ambiguous", "the rule does not run at " + old + " (it runs "
                        + (current == null ? "on " + definition.schedule().cron() : "at " + current) + "); say the time it runs at");
            }
            replaced = new ArrayList<>(current);
            replaced.removeAll(old);
            replaced.addAll(times);
        } else if (current == null || current.size() > 1 && times.size() == 1) {
            throw RuleTimes.severalTimes("'" + definition.schedule().cron() + "'");
        }
        String days = String.join(" ", List.of(fields).subList(2, 5));
        return update(cronOrSetPos(replaced.stream().distinct().sorted().toList(), days, rruleDaysOf(fields)));
    }

    /** New days at the rule's own times ("on weekdays instead", "except weekends"). */
    private RuleChange redayed() {
        RuleDefinition definition = rule.definition();
        String cron = definition.schedule().cron();
        CronSyntax dialect = definition.schedule().cronDialect();
        if (definition.schedule().rrule() != null || dialect != null && dialect != CronSyntax.UNIX) {
            throw ChangeInstructions.rejected("ambiguous", "the rule's schedule (" + (definition.schedule().rrule() != null
                    ? definition.schedule().rrule().rrule() : cron) + ") has no one time to keep; give the time too, such as every "
                    + "friday at 9:00");
        }
        String[] fields = cron.strip().split("\\s+");
        Set<DayOfWeek> current = cronDays(fields);
        Set<DayOfWeek> days = days(phrase.weekdays.isEmpty() && !phrase.everyDay && current != null ? current : ALL_DAYS);
        boolean fixedTimes = cronTimes(fields) != null;
        if (!fixedTimes && (phrase.interval != null || !phrase.ordinals.isEmpty() || phrase.monthDays.stream().anyMatch(day -> day < 0))) {
            throw ChangeInstructions.rejected("ambiguous", "the rule runs at several times an hour; give the whole schedule");
        }
        if (phrase.interval != null || !phrase.ordinals.isEmpty() || phrase.monthDays.stream().anyMatch(day -> day < 0)) {
            List<LocalTime> times = cronTimes(fields);
            return update(daily(times));
        }
        return update(Written.cron(fields[0] + " " + fields[1] + " " + dayFields(days)));
    }

    /** The rule's times moved by the phrase's shift ("an hour later"). */
    private RuleChange shifted() {
        Phrase.Shift shift = phrase.shift;
        Duration by = shift.direction() == Direction.LATER ? shift.amount() : shift.amount().negated();
        if (shift.doubtful() != null) {
            String other = shift.direction() == Direction.LATER ? "earlier" : "later";
            String read = ShortMinutes.of(shift.amount()) + " " + (shift.direction() == Direction.LATER ? "later" : "earlier");
            boolean named = shift.doubtful().is("back") || shift.doubtful().is("forward") || shift.doubtful().is("ahead");
            notes.add(new RuleChangeWarning("ambiguous_direction", (named ? "'" + shift.doubtful().original() + "' is read both ways"
                    : "the instruction names no direction") + "; read as " + read));
            notes.add(new RuleChangeWarning(Reading.ALTERNATIVE, ShortMinutes.of(shift.amount()) + " " + other));
        }
        RuleDefinition definition = rule.definition();
        if (definition.schedule().rrule() != null) {
            LocalTime old = RuleTimes.timeOf(definition.schedule().rrule());
            return RuleChange.rrule(RuleTimes.moved(definition.schedule().rrule(), sameDay(old, by)), phrase.zone);
        }
        CronSyntax dialect = definition.schedule().cronDialect();
        String cron = definition.schedule().cron();
        String[] fields = cron.strip().split("\\s+");
        if (dialect != null && dialect != CronSyntax.UNIX) {
            int minute = 1;
            if (fields.length < 3 || !SINGLE.matcher(fields[minute]).matches() || !SINGLE.matcher(fields[minute + 1]).matches()) {
                throw RuleTimes.severalTimes("'" + cron + "'");
            }
            LocalTime old = LocalTime.of(Integer.parseInt(fields[2]), Integer.parseInt(fields[1]));
            return RuleChange.cron(RuleTimes.movedCron(cron, dialect, sameDay(old, by)), dialect, phrase.zone);
        }
        List<LocalTime> times = cronTimes(fields);
        if (times == null) {
            throw ChangeInstructions.rejected("ambiguous", "the rule runs on '" + cron + "', not at set times of day, so there is "
                    + "no time to shift; give the whole schedule");
        }
        boolean everyDay = fields[2].equals("*") && fields[4].equals("*");
        List<LocalTime> moved = new ArrayList<>();
        for (LocalTime time : times) {
            moved.add(everyDay ? time.plus(by) : sameDay(time, by));
        }
        return update(cronOrSetPos(moved.stream().distinct().sorted().toList(), String.join(" ", List.of(fields).subList(2, 5)),
                rruleDaysOf(fields)));
    }

    /** {@code time} moved by {@code by}, refused when it would cross midnight onto another day. */
    private static LocalTime sameDay(LocalTime time, Duration by) {
        long minutes = time.toSecondOfDay() / 60 + by.toMinutes();
        if (minutes < 0 || minutes >= 24 * 60) {
            throw ChangeInstructions.rejected("ambiguous", "moving " + time + " by " + ShortMinutes.of(by.abs()) + " crosses midnight, "
                    + "which moves the days too; give the whole schedule, such as every monday at 0:30");
        }
        return time.plus(by);
    }

    /** The times a unix cron runs at when its minute and hour fields are plain numbers; null otherwise. */
    private static @Nullable List<LocalTime> cronTimes(String[] fields) {
        if (fields.length != 5 || !NUMBERS.matcher(fields[0]).matches() || !NUMBERS.matcher(fields[1]).matches()) {
            return null;
        }
        List<LocalTime> times = new ArrayList<>();
        for (String hour : fields[1].split(",")) {
            for (String minute : fields[0].split(",")) {
                times.add(LocalTime.of(Integer.parseInt(hour), Integer.parseInt(minute)));
            }
        }
        return times.stream().distinct().sorted().toList();
    }

    /** The days of the week a unix cron names when it runs on every day of the month; null otherwise. */
    private static @Nullable Set<DayOfWeek> cronDays(String[] fields) {
        if (fields.length != 5 || !fields[2].equals("*") || !fields[3].equals("*")) {
            return null;
        }
        if (fields[4].equals("*")) {
            return EnumSet.copyOf(ALL_DAYS);
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : fields[4].split(",")) {
            String[] range = part.split("-");
            if (!range[0].matches("\\d") || range.length == 2 && !range[1].matches("\\d") || range.length > 2) {
                return null;
            }
            int from = Integer.parseInt(range[0]);
            int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
            for (int day = from; day <= to; day++) {
                days.add(DayOfWeek.of(day % 7 == 0 ? 7 : day % 7));
            }
        }
        return days;
    }

    private static String rruleDaysOf(String[] fields) {
        Set<DayOfWeek> days = cronDays(fields);
        if (days == null) {
            if (fields.length == 5 && fields[3].equals("*") && fields[4].equals("*") && NUMBERS.matcher(fields[2]).matches()) {
                return "FREQ=DAILY;BYMONTHDAY=" + fields[2];
            }
            throw ChangeInstructions.rejected("ambiguous", "the rule's days ('" + String.join(" ", fields) + "') cannot take times "
                    + "at different minutes; give the whole schedule");
        }
        return "FREQ=DAILY" + byDay(days);
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    private LocalDateTime startOfToday() {
        return now.atZone(zone).toLocalDate().atStartOfDay();
    }

    private static RecurrenceRule rrule(String rule, LocalDateTime dtstart) {
        return new RecurrenceRule(rule, dtstart, List.of(), List.of());
    }

    private static String byDay(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "";
        }
        return ";BYDAY=" + days.stream().sorted().map(day -> BYDAY[day.ordinal()]).collect(Collectors.joining(","));
    }

    private static String byTime(List<LocalTime> times) {
        return ";BYHOUR=" + field(times.stream().map(LocalTime::getHour).collect(Collectors.toCollection(TreeSet::new)))
                + ";BYMINUTE=" + field(times.stream().map(LocalTime::getMinute).collect(Collectors.toCollection(TreeSet::new)))
                + ";BYSECOND=0";
    }

    private static String dow(Set<DayOfWeek> days) {
        if (days.size() == 7) {
            return "*";
        }
        return cronField(days.stream().map(day -> day.getValue() % 7).collect(Collectors.toCollection(TreeSet::new)));
    }

    /** An RRULE list, and a cron field for numbers without runs. */
    private static String field(Collection<Integer> values) {
        return new TreeSet<>(values).stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A cron field: runs of three or more as ranges (1-5), which RRULE has no syntax for. */
    private static String cronField(Collection<Integer> values) {
        List<Integer> sorted = List.copyOf(new TreeSet<>(values));
        List<String> parts = new ArrayList<>();
        for (int from = 0; from < sorted.size(); ) {
            int to = from;
            while (to + 1 < sorted.size() && sorted.get(to + 1) == sorted.get(to) + 1) {
                to++;
            }
            if (to - from >= 2) {
                parts.add(sorted.get(from) + "-" + sorted.get(to));
            } else {
                for (int at = from; at <= to; at++) {
                    parts.add(String.valueOf(sorted.get(at)));
                }
            }
            from = to + 1;
        }
        return String.join(",", parts);
    }

    /** "30 minutes", "1 hour", "1 h 30 min" for notes. */
    static final class ShortMinutes {
        private ShortMinutes() {
        }

        static String of(Duration duration) {
            long minutes = duration.toMinutes();
            if (minutes % 60 == 0) {
                return minutes == 60 ? "1 hour" : minutes / 60 + " hours";
            }
            return minutes < 60 ? minutes + " minutes" : minutes / 60 + " h " + minutes % 60 + " min";
        }
    }
}

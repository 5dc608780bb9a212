package dev.almanac.commands.rule.change;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
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
import dev.almanac.commands.rule.change.Phrase.Clock;
import dev.almanac.commands.rule.change.Phrase.DayPart;
import dev.almanac.commands.rule.change.Phrase.Direction;
import dev.almanac.commands.rule.change.Phrase.Interval;
import dev.almanac.commands.rule.change.Phrase.Meridiem;
import dev.almanac.commands.rule.change.Phrase.OrdinalDay;
import dev.almanac.commands.rule.change.Phrase.Schedule;
import dev.almanac.commands.rule.change.Phrase.Shift;
import dev.almanac.commands.rule.change.Phrase.Unit;
import dev.almanac.commands.rule.change.PhraseTokens.Token;
import dev.almanac.events.IanaZones;

/**
 * A recursive-descent parser for how people write schedule changes in English (ADR 0077). Each
 * method below reads one production; filler words (please, it, the rule, run, change, to) are
 * skipped between clauses, and a schedule's clauses may come in any order:
 *
 * <pre>
 * instruction := pause | resume | skip | schedule
 * pause       := ("pause" | "hold" ["off"] | "suspend" | "freeze") [("until" | "till") date ["at" time] | "for" amount unit]
 * resume      := "resume" | "unpause" | "restart" | "reactivate" | "continue" | "start" "again"
 * skip        := "skip" ( ["the"] ["next"] [count] [run-word] | date ["'s" run-word] )
 * schedule    := clause { clause }
 * clause      := interval | days | monthdays | times | window | shift | zone | "instead" ["of" times] | "starting" date
 * interval    := "every" (N unit | unit | "half" ["an"] "hour" | "quarter" ["of"] ["an"] "hour" | "other" unit | days | ordinal-days)
 *              | "hourly" | "half" "hourly" | "daily" | "nightly" | "weekly" | "monthly" | "fortnightly"
 *              | "once" ("a" | "an" | "per" | "every") unit | "twice" ("a" | "an" | "per") ("hour" | "day") | N "times" "a" "day"
 * days        := ["on" | "every" | "each"] dayterm {("," | "and" | "&" | "or") dayterm} | dayname ("to" | "through" | "-") dayname
 *              | ("except" | "excluding" | "but" "not") days
 * dayterm     := dayname["s"] | "weekday"["s"] | "weekend"["s"] | "workday"["s"] | ("working" | "business") "days" | "day" [daypart]
 * monthdays   := ["on"] ["the"] ordinal ["day" | dayname] {("," | "and") ["the"] ordinal} ["of" ["the" | "every" | "each"] "month"]
 * times       := ["at"] time {("," | "and" | "&") ["at"] time} [daypart]
 * time        := H:MM | H.MM | H[:MM](am|pm) | H ["o'clock"] | "noon" | "midday" | "midnight"
 *              | "half" "past" H | "quarter" ("past" | "to") H
 * window      := ("between" | "from") time ("and" | "to" | "until" | "-") time | "during" [words] "hours"
 * shift       := ["by"] amount [direction] | direction ["by"] amount
 * amount      := (N | "a" | "an" | number-word) ("minute"["s"] | "hour"["s"]) | "half" "an" "hour"
 * direction   := "later" | "earlier" | "sooner" | "back" | "forward" | "ahead"
 * zone        := ["in"] IANA-zone | ["in"] "utc"
 * </pre>
 *
 * Dates resolve in the rule's zone against the clock. Anything outside the grammar is refused with
 * what was read before it.
 */
final class PhraseParser {

    private static final Map<String, DayOfWeek> DAYS = dayNames();
    private static final Map<String, Integer> NUMBER_WORDS = numberWords();
    private static final Map<String, Integer> ORDINAL_WORDS = Map.of("first", 1, "second", 2, "third", 3, "fourth", 4, "fifth", 5,
            "last", -1);
    private static final Pattern ORDINAL = Pattern.compile("(\\d{1,2})(st|nd|rd|th)");
    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2})(?:[:.](\\d{2}))?(am|pm|h)?");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern OTHER_DATE = Pattern.compile("\\d{1,4}[/.]\\d{1,2}[/.]\\d{1,4}");
    private static final Set<String> FILLER = Set.of("please", "kindly", "can", "could", "would", "will", "you", "i", "i'd", "we",
            "want", "wanna", "need", "like", "let's", "lets", "let", "it", "this", "that", "job", "rule", "task", "run", "runs",
            "running", "make", "have", "do", "set", "change", "move", "switch", "update", "reschedule", "should", "only", "just",
            "thanks", "thank", "so", "to", "the", "schedule", "scheduled", "shift", "push", "bring", "delay", "postpone", "put",
            "fire", "trigger", "execute", "one", "be", "is", "now", "also", "ok", "okay", "hey", "actually", "rather", "going",
            "on", "go", "out", "but", ",", "and", "&");
    private static final Set<String> DIRECTIONS = Set.of("later", "earlier", "sooner", "back", "forward", "ahead");
    private static final Set<String> RUN_WORDS = Set.of("run", "runs", "occurrence", "occurrences", "one", "ones", "time", "times",
            "execution", "executions", "instance", "instances");

    private final List<Token> tokens;
    private final ZoneId zone;
    private final Instant now;
    private final List<String> read = new ArrayList<>();
    private final Set<String> verbs = new HashSet<>();
    private int next;

    private PhraseParser(List<Token> tokens, ZoneId zone, Instant now) {
        this.tokens = tokens;
        this.zone = zone;
        this.now = now;
    }

    /**
     * @param zone the rule's zone, in which dates are read
     * @throws CommandRejectedException 400 on {@code instruction}: {@code instruction_grammar}, {@code ambiguous},
     *     {@code future} or {@code iana_zone}
     */
    static Phrase parse(String instruction, ZoneId zone, Instant now) {
        return new PhraseParser(PhraseTokens.of(instruction), zone, now).instruction();
    }

    private Phrase instruction() {
        skipFiller();
        if (atEnd()) {
            throw ChangeInstructions.grammar("the instruction ends where Almanac expects a schedule, a pause, a resume or a skip");
        }
        Phrase phrase;
        if (peekAny("pause", "hold", "suspend", "freeze")) {
            phrase = pause();
        } else if (peekAny("resume", "unpause", "restart", "reactivate", "continue", "reenable", "re-enable")
                || peek("start") && peekAt(1, "again") || peek("start") && peekAt(1, "it") && peekAt(2, "again")) {
            next++;
            skipWords("it", "again", "up");
            phrase = new Phrase.Resume();
            read.add("resume");
        } else if (peek("skip")) {
            phrase = skip();
        } else {
            phrase = schedule();
        }
        skipFiller();
        if (!atEnd()) {
            throw unread();
        }
        return phrase;
    }

    // ---- pause, resume, skip ------------------------------------------------------------------------------------

    private Phrase pause() {
        String word = take().text();
        if (word.equals("hold")) {
            skipWords("off");
        }
        skipFiller();
        read.add(word);
        if (atEnd()) {
            return new Phrase.Pause(null);
        }
        if (peekAny("until", "till", "til", "untill")) {
            next++;
            LocalDate date = date();
            LocalTime time = LocalTime.MIDNIGHT;
            if (peek("at")) {
                next++;
                Clock clock = time();
                if (clock.bare()) {
                    throw ChangeInstructions.rejected("ambiguous", "'" + clock.token().original() + "' can be "
                            + String.format(Locale.ROOT, "%02d:00 or %d:00", clock.hour() % 12, clock.hour() % 12 + 12)
                            + "; write it with am or pm, or as 24-hour time such as 17:00");
                }
                time = resolvedWithoutDoubt(clock);
            }
            // A wall-clock time in a DST gap (midnight, in some zones) is shifted forward by the gap, as java.time does.
            return futurePause(ZonedDateTime.of(date, time, zone).toInstant());
        }
        if (peek("for")) {
            next++;
            int count = count("how long, such as 3 days");
            Unit unit = unit(true);
            ZonedDateTime local = now.atZone(zone);
            // Days and weeks are the zone's: the same wall-clock time that many days later, across a DST change too.
            return futurePause(switch (unit) {
                case MINUTE -> now.plus(Duration.ofMinutes(count));
                case HOUR -> now.plus(Duration.ofHours(count));
                case DAY -> local.plusDays(count).toInstant();
                case WEEK -> local.plusWeeks(count).toInstant();
            });
        }
        throw ChangeInstructions.grammar("after '" + word + "' comes 'until' and a date, 'for' and a length, or nothing; not '"
                + peekToken().original() + "'");
    }

    private Phrase.Pause futurePause(Instant end) {
        Instant resumeAfter = end.truncatedTo(ChronoUnit.MILLIS);
        if (!resumeAfter.isAfter(now)) {
            throw ChangeInstructions.rejected("future", "the pause would end at " + resumeAfter + " ("
                    + resumeAfter.atZone(zone).toLocalDateTime() + " in " + zone + "), which is not in the future");
        }
        read.add("until " + resumeAfter.atZone(zone).toLocalDateTime());
        return new Phrase.Pause(resumeAfter);
    }

    private Phrase skip() {
        next++;
        read.add("skip");
        skipWords("the", "it", "over");
        if (!atEnd() && (peek("tomorrow") || peek("today") || DAYS.containsKey(peekToken().text())
                || ISO_DATE.matcher(peekToken().text()).matches() || OTHER_DATE.matcher(peekToken().text()).matches()
                || peekToken().text().endsWith("'s") && !peek("let's"))) {
            Token day = peekToken();
            LocalDate date;
            if (day.text().endsWith("'s")) {
                tokens.set(next, new Token(day.text().substring(0, day.text().length() - 2), day.original(), day.start(), day.end()));
            }
            if (peek("today")) {
                next++;
                date = now.atZone(zone).toLocalDate();
            } else {
                date = date();
            }
            skipWords("run", "runs", "occurrence", "occurrences", "one", "ones");
            return new Phrase.Skip(0, date);
        }
        skipWords("next", "upcoming", "coming");
        int count = 1;
        if (!atEnd() && (peekToken().isNumber() || NUMBER_WORDS.containsKey(peekToken().text()) && !peek("one"))) {
            count = count("how many runs");
        }
        skipWords(RUN_WORDS.toArray(String[]::new));
        if (count < 1 || count > 100) {
            throw ChangeInstructions.rejected("range", "Almanac skips from 1 to 100 of the next runs, not " + count);
        }
        return new Phrase.Skip(count, null);
    }

    /** YYYY-MM-DD, today's date words, or a day's name (the coming one), in the rule's zone. */
    private LocalDate date() {
        Token word = take("a date: YYYY-MM-DD, tomorrow or a day's name");
        LocalDate today = now.atZone(zone).toLocalDate();
        String text = word.text();
        if (text.equals("tomorrow")) {
            return today.plusDays(1);
        }
        if (text.equals("today") || text.equals("tonight")) {
            throw ChangeInstructions.rejected("ambiguous", "'until today' has already begun; give a time (until today at 17:00) or a "
                    + "later date");
        }
        if (Set.of("next", "this", "coming").contains(text)) {
            throw ChangeInstructions.rejected("ambiguous", "'" + text + " " + (atEnd() ? "" : peekToken().original()) + "' can mean "
                    + "the coming day of that name or the one a week later; write the day alone (the coming one) or a date such as "
                    + today.plusWeeks(1));
        }
        if (OTHER_DATE.matcher(text).matches()) {
            throw ChangeInstructions.rejected("ambiguous", "'" + text + "' can be read in more than one order of day, month and "
                    + "year; write the date as YYYY-MM-DD, such as " + today.plusDays(3));
        }
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw ChangeInstructions.grammar("'" + text + "' is not a date in the calendar");
            }
        }
        DayOfWeek day = DAYS.get(text);
        if (day == null) {
            throw ChangeInstructions.grammar("'" + word.original() + "' is not a date: write YYYY-MM-DD (2027-01-04), tomorrow or "
                    + "a day's name");
        }
        if (day == today.getDayOfWeek()) {
            throw ChangeInstructions.rejected("ambiguous", "today is " + day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " in "
                    + zone + ", so '" + word.original() + "' can mean today or next week; write the date, such as " + today.plusWeeks(1));
        }
        return today.with(TemporalAdjusters.next(day));
    }

    // ---- schedules ----------------------------------------------------------------------------------------------

    private Phrase schedule() {
        Schedule schedule = new Schedule();
        while (true) {
            skipFiller();
            if (atEnd()) {
                break;
            }
            int start = next;
            if (!clause(schedule)) {
                next = start;
                throw unread();
            }
            read.add(span(start, next));
        }
        return schedule;
    }

    private boolean clause(Schedule schedule) {
        Token token = peekToken();
        String word = token.text();
        if (zone(schedule)) {
            return true;
        }
        switch (word) {
            case "instead" -> {
                next++;
                if (peek("of")) {
                    next++;
                    skipWords("at", "the");
                    schedule.insteadOf.addAll(times());
                }
                return true;
            }
            case "from" -> {
                if (peekAt(1, "now")) {
                    next += 2;
                    skipWords("on");
                    return true;
                }
                return window(schedule);
            }
            case "going" -> {
                next++;
                return true;
            }
            case "starting", "beginning" -> {
                next++;
                skipWords("on", "from");
                if (peek("now") || peek("today")) {
                    next++;
                    return true;
                }
                schedule.starting = date();
                return true;
            }
            case "between" -> {
                return window(schedule);
            }
            case "during" -> {
                next++;
                int from = next;
                while (!atEnd() && !peek("hours")) {
                    next++;
                }
                if (atEnd()) {
                    next = from - 1;
                    return false;
                }
                schedule.businessHours = tokens.get(from);
                next++;
                return true;
            }
            case "half" -> {
                if (peekAt(1, "an") || peekAt(1, "a")) {
                    return shift(schedule);
                }
                if (peekAt(1, "past") || peekAt(1, "to")) {
                    return times(schedule);
                }
                return interval(schedule);
            }
            case "every", "each", "once", "twice", "hourly", "daily", "nightly", "weekly", "monthly", "fortnightly", "biweekly",
                 "bimonthly", "quarter" -> {
                if ((word.equals("half") || word.equals("quarter")) && (peekAt(1, "past") || peekAt(1, "to"))) {
                    return times(schedule);
                }
                return interval(schedule);
            }
            case "except", "excluding", "exclude", "not", "apart" -> {
                next++;
                skipWords("for", "from", "than", "on", "the");
                int before = schedule.weekdays.size();
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                if (!dayList(days, schedule)) {
                    return false;
                }
                schedule.except.addAll(days);
                return before == schedule.weekdays.size();
            }
            case "at", "@" -> {
                if (peekAt(1, "minute")) {
                    next += 2;
                    schedule.minuteOfHour = minute();
                    return true;
                }
                if (peekAt(1, "night")) {
                    next += 2;
                    schedule.dayPart = DayPart.NIGHT;
                    return true;
                }
                next++;
                return times(schedule);
            }
            case "by", "later", "earlier", "sooner", "back", "forward", "ahead", "a", "an" -> {
                return shift(schedule);
            }
            case "in" -> {
                if (peekAt(1, "the") && dayPart(tokens.size() > next + 2 ? tokens.get(next + 2).text() : "") != null) {
                    next += 2;
                    schedule.dayPart = dayPart(take().text());
                    return true;
                }
                return false;
            }
            case "noon", "midday", "midnight" -> {
                return times(schedule);
            }
            case "tonight" -> {
                next++;
                schedule.dayPart = DayPart.NIGHT;
                return true;
            }
            default -> {
                break;
            }
        }
        if (dayPart(word) != null) {
            next++;
            schedule.dayPart = dayPart(word);
            return true;
        }
        if (ORDINAL.matcher(word).matches() || ORDINAL_WORDS.containsKey(word) || word.equals("day") && peekAt(1, "of") == false
                && !atEnd(1) && tokens.get(next + 1).isNumber()) {
            return monthDays(schedule);
        }
        if (isDayTerm(word)) {
            return days(schedule);
        }
        if (token.isNumber() && next > 0 && tokens.get(next - 1).is("to") && (atEnd(1) || !isUnit(tokens.get(next + 1).text()))) {
            // "move it to 7": a number that a move goes to is a time.
            return times(schedule);
        }
        if (token.isNumber() || NUMBER_WORDS.containsKey(word)) {
            // "3 times a day", "30 minutes later"; a number here is a time only with am, pm or o'clock.
            if (!atEnd(1) && peekAt(1, "times")) {
                int count = count("how many times");
                next++;
                skipWords("a", "an", "per", "every", "each");
                if (!peek("day")) {
                    return false;
                }
                next++;
                schedule.timesPerDay = count;
                return true;
            }
            if (!atEnd(1) && isUnit(tokens.get(next + 1).text())) {
                return shift(schedule);
            }
            if (CLOCK.matcher(word).matches() && (word.contains(":") || word.contains(".") || word.endsWith("am") || word.endsWith("pm")
                    || !atEnd(1) && (peekAt(1, "am") || peekAt(1, "pm") || peekAt(1, "o'clock") || peekAt(1, "oclock")))) {
                return times(schedule);
            }
            return false;
        }
        if (CLOCK.matcher(word).matches()) {
            return times(schedule);
        }
        return false;
    }

    private boolean zone(Schedule schedule) {
        int at = next;
        if (peek("in")) {
            at++;
        }
        if (at >= tokens.size()) {
            return false;
        }
        Token candidate = tokens.get(at);
        boolean utc = candidate.text().equals("utc") || candidate.text().equals("gmt");
        if (!candidate.text().contains("/") && !utc || ISO_DATE.matcher(candidate.text()).matches()
                || OTHER_DATE.matcher(candidate.text()).matches()) {
            return false;
        }
        String id = utc ? candidate.text().toUpperCase(Locale.ROOT) : candidate.original();
        if (!IanaZones.isKnown(id)) {
            throw ChangeInstructions.rejected("iana_zone", "'" + id + "' is not an IANA time zone; write it as the tz database does, "
                    + "such as Europe/London or America/New_York");
        }
        next = at + 1;
        skipWords("time");
        schedule.zone = ZoneId.of(id);
        return true;
    }

    private boolean interval(Schedule schedule) {
        String word = take().text();
        switch (word) {
            case "hourly" -> {
                return setInterval(schedule, Unit.HOUR, 1);
            }
            case "half", "quarter" -> {
                // "half hourly", "half-hourly", "quarter-hourly"
                skipWords("-");
                if (!peek("hourly")) {
                    return false;
                }
                next++;
                return setInterval(schedule, Unit.MINUTE, word.equals("half") ? 30 : 15);
            }
            case "daily" -> {
                schedule.everyDay = true;
                return true;
            }
            case "nightly" -> {
                schedule.everyDay = true;
                schedule.dayPart = DayPart.NIGHT;
                return true;
            }
            case "weekly" -> {
                schedule.weekly = true;
                return true;
            }
            case "monthly" -> {
                schedule.monthly = true;
                return true;
            }
            case "fortnightly" -> {
                schedule.weekly = true;
                return setInterval(schedule, Unit.WEEK, 2);
            }
            case "biweekly", "bimonthly" -> throw ChangeInstructions.rejected("ambiguous", "'" + word + "' means twice a "
                    + (word.equals("biweekly") ? "week" : "month") + " to some and every other " + (word.equals("biweekly") ? "week" : "month")
                    + " to others; write 'every other week' or the days, such as 'every monday and thursday'");
            case "once" -> {
                skipWords("a", "an", "per", "every", "each");
                Token unit = take("hour, day, week or month after 'once a'");
                return switch (unit.text()) {
                    case "hour" -> setInterval(schedule, Unit.HOUR, 1);
                    case "day" -> {
                        schedule.everyDay = true;
                        schedule.timesPerDay = 1;
                        yield true;
                    }
                    case "week" -> {
                        schedule.weekly = true;
                        yield true;
                    }
                    case "month" -> {
                        schedule.monthly = true;
                        yield true;
                    }
                    default -> false;
                };
            }
            case "twice" -> {
                skipWords("a", "an", "per", "every", "each");
                Token unit = take("hour or day after 'twice a'");
                if (unit.is("hour")) {
                    return setInterval(schedule, Unit.MINUTE, 30);
                }
                if (unit.is("day") || unit.is("daily")) {
                    schedule.timesPerDay = 2;
                    return true;
                }
                return false;
            }
            default -> {
                break;
            }
        }
        // every / each
        if (atEnd()) {
            return false;
        }
        Token after = peekToken();
        String text = after.text();
        if (text.equals("other") || text.equals("second") && !atEnd(1) && isUnit(tokens.get(next + 1).text())
                && !peekAt(1, "minute") && !peekAt(1, "minutes")) {
            next++;
            if (!atEnd() && isDayTerm(peekToken().text()) && !peek("day")) {
                schedule.weekly = true;
                setInterval(schedule, Unit.WEEK, 2);
                return days(schedule);
            }
            Unit unit = unit(false);
            if (unit == Unit.DAY) {
                schedule.everyDay = true;
            }
            if (unit == Unit.WEEK) {
                schedule.weekly = true;
            }
            return setInterval(schedule, unit, 2);
        }
        if (dayPart(text) != null) {
            next++;
            schedule.everyDay = true;
            schedule.dayPart = dayPart(text);
            return true;
        }
        if (text.equals("half") || text.equals("quarter")) {
            next++;
            skipWords("of", "an", "a");
            if (!peek("hour")) {
                return false;
            }
            next++;
            return setInterval(schedule, Unit.MINUTE, text.equals("half") ? 30 : 15);
        }
        if (text.equals("minute") || text.equals("hour")) {
            next++;
            return setInterval(schedule, text.equals("minute") ? Unit.MINUTE : Unit.HOUR, 1);
        }
        if (text.equals("week")) {
            next++;
            schedule.weekly = true;
            return true;
        }
        if (text.equals("month")) {
            next++;
            schedule.monthly = true;
            return true;
        }
        if (after.isNumber() || NUMBER_WORDS.containsKey(text) && !text.equals("a") && !text.equals("an")) {
            int step = count("how often");
            if (step < 1) {
                throw ChangeInstructions.rejected("range", "every 0 never fires; the interval is at least 1");
            }
            Unit unit = unit(false);
            if (unit == Unit.DAY) {
                schedule.everyDay = true;
            }
            if (unit == Unit.WEEK) {
                schedule.weekly = true;
            }
            return setInterval(schedule, unit, step);
        }
        if (ORDINAL.matcher(text).matches() || ORDINAL_WORDS.containsKey(text)) {
            return monthDays(schedule);
        }
        if (isDayTerm(text)) {
            return days(schedule);
        }
        return false;
    }

    private boolean setInterval(Schedule schedule, Unit unit, int step) {
        if (schedule.interval != null) {
            throw ChangeInstructions.rejected("ambiguous", "the instruction gives two intervals; give one, such as every 15 minutes");
        }
        schedule.interval = new Interval(unit, step);
        return true;
    }

    private boolean days(Schedule schedule) {
        skipWords("on", "every", "each");
        if (!schedule.weekdays.isEmpty() || schedule.everyDay) {
            throw twice("days");
        }
        return dayList(schedule.weekdays, schedule);
    }

    /** A list of day terms, or a range "monday to friday", into {@code days}; "day" alone is every day. */
    private boolean dayList(Set<DayOfWeek> days, Schedule schedule) {
        if (atEnd() || !isDayTerm(peekToken().text())) {
            return false;
        }
        while (true) {
            Token term = take();
            String text = term.text();
            DayOfWeek day = dayOf(text);
            if (day != null && !atEnd(1) && (peekAny("to", "through", "thru", "till", "until", "-")) && dayOf(tokens.get(next + 1).text()) != null) {
                next++;
                DayOfWeek last = dayOf(take().text());
                for (DayOfWeek at = day; ; at = at.plus(1)) {
                    days.add(at);
                    if (at == last) {
                        break;
                    }
                }
            } else if (day != null) {
                days.add(day);
            } else if (text.startsWith("weekday") || text.startsWith("workday") || text.startsWith("weeknight")) {
                days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
                if (text.startsWith("weeknight")) {
                    schedule.dayPart = DayPart.NIGHT;
                }
            } else if (text.startsWith("weekend")) {
                skipWords("day", "days");
                days.addAll(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
            } else if (text.equals("working") || text.equals("business") || text.equals("work")) {
                if (!peekAny("days", "day")) {
                    return false;
                }
                next++;
                days.addAll(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
            } else if (text.equals("day") || text.equals("days") || text.equals("night") || text.equals("morning")
                    || text.equals("evening") || text.equals("afternoon")) {
                if (days != schedule.weekdays) {
                    return false;
                }
                schedule.everyDay = true;
                if (!text.startsWith("day")) {
                    schedule.dayPart = dayPart(text);
                }
            } else {
                return false;
            }
            if (!atEnd() && dayPart(peekToken().text()) != null && !peek("day")) {
                schedule.dayPart = dayPart(take().text());
            }
            int mark = next;
            skipWords(",", "and", "&", "or");
            skipWords("on", "every", "each");
            if (atEnd() || !isDayTerm(peekToken().text()) || peek("day") || peek("days")) {
                next = mark;
                return true;
            }
        }
    }

    private boolean monthDays(Schedule schedule) {
        skipWords("on", "the", "every", "each");
        if (!schedule.monthDays.isEmpty() || !schedule.ordinals.isEmpty()) {
            throw twice("days of the month");
        }
        boolean plain = false;
        if (peek("day") && !atEnd(1) && tokens.get(next + 1).isNumber()) {
            next++;
            plain = true;
        }
        // "first and third monday": ordinals waiting for the weekday that follows them.
        List<Token> pending = new ArrayList<>();
        while (true) {
            Token token = take("a day of the month such as 1st or the last day");
            Integer ordinal = plain && token.isNumber() ? Integer.valueOf(token.number()) : ordinalOf(token);
            if (ordinal == null) {
                return false;
            }
            pending.add(token);
            DayOfWeek day = atEnd() ? null : dayOf(peekToken().text());
            if (day != null) {
                next++;
                for (Token each : pending) {
                    int nth = plain && each.isNumber() ? each.number() : ordinalOf(each);
                    if (nth < -1 || nth == 0 || nth > 4) {
                        throw ChangeInstructions.grammar("'" + each.original() + " " + tokens.get(next - 1).original()
                                + "' is not a weekday of the month: write first to fourth, or last");
                    }
                    schedule.ordinals.add(new OrdinalDay(nth, day));
                    if (nth > 1) {
                        schedule.ordinalWithoutMonth = each;
                    }
                }
                pending.clear();
            } else if (peek("day")) {
                skipWords("day");
                for (Token each : pending) {
                    int nth = plain && each.isNumber() ? each.number() : ordinalOf(each);
                    if (nth < -1 || nth == 0 || nth > 31) {
                        throw ChangeInstructions.grammar("'" + each.original() + "' is not a day of the month: write 1st to 31st, "
                                + "or the last day");
                    }
                    schedule.monthDays.add(nth);
                }
                pending.clear();
            }
            int mark = next;
            skipWords(",", "and", "&");
            skipWords("the", "on");
            if (mark == next || atEnd() || ordinalOf(peekToken()) == null && !(plain && peekToken().isNumber())) {
                next = mark;
                break;
            }
        }
        if (!pending.isEmpty()) {
            // "the first of the month": a word ordinal without a weekday is a day of the month.
            for (Token each : pending) {
                int nth = plain && each.isNumber() ? each.number() : ordinalOf(each);
                if (nth < -1 || nth == 0 || nth > 31) {
                    throw ChangeInstructions.grammar("'" + each.original() + "' is not a day of the month: write 1st to 31st, "
                            + "or the last day");
                }
                schedule.monthDays.add(nth);
            }
        }
        if (peek("of")) {
            next++;
            skipWords("the", "every", "each", "a");
            if (!peek("month")) {
                return false;
            }
            next++;
            schedule.ordinalWithoutMonth = null;
        } else if (peek("monthly") || peek("each") && peekAt(1, "month") || peek("every") && peekAt(1, "month")) {
            skipWords("monthly", "each", "every", "month");
            schedule.ordinalWithoutMonth = null;
        }
        schedule.monthly = true;
        return true;
    }

    private boolean times(Schedule schedule) {
        List<Clock> clocks = times();
        if (clocks.isEmpty()) {
            return false;
        }
        if (!atEnd() && peek("-") && !atEnd(1)) {
            // "9-17" is a window.
            next++;
            Clock to = time();
            if (clocks.size() != 1) {
                return false;
            }
            return setWindow(schedule, clocks.get(0), to);
        }
        if (!schedule.times.isEmpty()) {
            throw twice("times");
        }
        schedule.times.addAll(clocks);
        return true;
    }

    /** One or more times: "6 and 18", "8:00, 12:00 and 16:00". */
    private List<Clock> times() {
        List<Clock> clocks = new ArrayList<>();
        clocks.add(time());
        while (true) {
            int mark = next;
            skipWords(",", "and", "&");
            skipWords("at", "@");
            if (mark == next || atEnd() || !startsTime()) {
                next = mark;
                return clocks;
            }
            clocks.add(time());
        }
    }

    private boolean startsTime() {
        String text = peekToken().text();
        if (Set.of("noon", "midday", "midnight").contains(text)) {
            return true;
        }
        if ((text.equals("half") || text.equals("quarter")) && (peekAt(1, "past") || peekAt(1, "to"))) {
            return true;
        }
        Matcher clock = CLOCK.matcher(text);
        // "at 6 and 18" is a list of times, but "at 9 and every friday" is not: a bare number must not be a count.
        return clock.matches() && (atEnd(1) || !isUnit(tokens.get(next + 1).text()) && !peekAt(1, "times"));
    }

    /** A time of day as written: am/pm may be a word of its own, and a bare hour stays bare for the resolver. */
    private Clock time() {
        Token token = take("a time such as 9:30, 8am or 14:00");
        String text = token.text();
        switch (text) {
            case "noon", "midday" -> {
                return new Clock(12, 0, Meridiem.PM, false, token);
            }
            case "midnight" -> {
                return new Clock(0, 0, Meridiem.AM, false, token);
            }
            case "half", "quarter" -> {
                Token relation = take("'past' or 'to'");
                Clock hour = time();
                if (!hour.bare() && hour.meridiem() == Meridiem.NONE) {
                    throw ChangeInstructions.grammar("'" + text + " " + relation.original() + "' takes an hour, such as half past 8");
                }
                int minutes = text.equals("half") ? 30 : 15;
                int total = hour.hour() * 60 + (relation.is("past") ? minutes : -minutes);
                if (!relation.is("past") && !relation.is("to") || text.equals("half") && relation.is("to")) {
                    throw ChangeInstructions.grammar("'" + text + " " + relation.original() + "' is not a time: write half past, "
                            + "quarter past or quarter to an hour");
                }
                int h = Math.floorMod(total, 24 * 60) / 60;
                return new Clock(h, Math.floorMod(total, 60), hour.meridiem(), hour.bare(), token);
            }
            default -> {
                break;
            }
        }
        Integer spelled = NUMBER_WORDS.get(text);
        if (spelled != null && spelled >= 1 && spelled <= 12) {
            text = Integer.toString(spelled);
        }
        Matcher clock = CLOCK.matcher(text);
        if (!clock.matches()) {
            throw ChangeInstructions.grammar("'" + token.original() + "' is not a time: write 9:30, 8am or 14:00");
        }
        String meridiem = clock.group(3);
        if ("h".equals(meridiem)) {
            meridiem = null;
        }
        if (meridiem == null && (peek("am") || peek("pm"))) {
            meridiem = take().text();
        }
        boolean oclock = false;
        if (peek("o'clock") || peek("oclock")) {
            next++;
            oclock = true;
        }
        int hour = Integer.parseInt(clock.group(1));
        int minute = clock.group(2) == null ? 0 : Integer.parseInt(clock.group(2));
        if (minute > 59) {
            throw ChangeInstructions.grammar("'" + token.original() + "' is not a time: the minutes run from 00 to 59");
        }
        if (meridiem != null) {
            if (hour < 1 || hour > 12) {
                throw ChangeInstructions.grammar("'" + token.original() + "' is not a time: with am or pm the hours run from 1 to 12");
            }
            return new Clock(hour % 12 + (meridiem.equals("pm") ? 12 : 0), minute, meridiem.equals("pm") ? Meridiem.PM : Meridiem.AM,
                    false, token);
        }
        if (hour > 23) {
            throw ChangeInstructions.grammar("'" + token.original() + "' is not a time: the hours run from 0 to 23");
        }
        // Minutes with a colon are a 24-hour clock (14:00, 9:30); a bare hour or a dotted time leaves morning or evening open.
        boolean bare = (clock.group(2) == null || text.contains(".")) && hour >= 1 && hour <= 12 && !text.startsWith("0");
        return new Clock(hour, minute, Meridiem.NONE, bare || oclock && hour <= 12 && hour >= 1, token);
    }

    private LocalTime resolvedWithoutDoubt(Clock clock) {
        return LocalTime.of(clock.hour(), clock.minute());
    }

    private boolean window(Schedule schedule) {
        next++;
        Clock from = time();
        if (!peekAny("and", "to", "until", "till", "-", "through", "thru")) {
            return false;
        }
        next++;
        Clock to = time();
        return setWindow(schedule, from, to);
    }

    private boolean setWindow(Schedule schedule, Clock from, Clock to) {
        if (schedule.windowFrom != null) {
            throw ChangeInstructions.rejected("ambiguous", "the instruction gives two windows; give one, such as between 9 and 17");
        }
        schedule.windowFrom = from;
        schedule.windowTo = to;
        return true;
    }

    private boolean shift(Schedule schedule) {
        Token direction = null;
        if (DIRECTIONS.contains(peekToken().text())) {
            direction = take();
        }
        skipWords("by");
        Duration amount = amount();
        if (amount == null) {
            return false;
        }
        if (direction == null && !atEnd() && DIRECTIONS.contains(peekToken().text())) {
            direction = take();
        }
        skipWords("later", "earlier");
        if (schedule.shift != null) {
            throw ChangeInstructions.rejected("ambiguous", "the instruction shifts the rule twice; give one shift, such as 30 minutes later");
        }
        if (direction == null) {
            // "shift by 30 minutes", "delay by an hour": the verb decides, and later is what both usually mean.
            boolean certain = verbs.contains("delay") || verbs.contains("postpone");
            schedule.shift = new Shift(amount, Direction.LATER, certain ? null : tokens.get(next - 1));
            return true;
        }
        Direction sign = switch (direction.text()) {
            case "later", "back" -> Direction.LATER;
            default -> Direction.EARLIER;
        };
        // "back" and "forward" are read both ways by English speakers; "bring forward" is earlier, "push back" later.
        boolean doubtful = direction.is("back") && !verbs.contains("push") && !verbs.contains("delay") && !verbs.contains("postpone")
                || direction.is("forward") && !verbs.contains("bring") || direction.is("ahead");
        schedule.shift = new Shift(amount, sign, doubtful ? direction : null);
        return true;
    }

    private @Nullable Duration amount() {
        if (atEnd()) {
            return null;
        }
        if (peek("half") && (peekAt(1, "an") || peekAt(1, "a")) && peekAt(2, "hour")) {
            next += 3;
            return Duration.ofMinutes(30);
        }
        if (peek("a") && peekAt(1, "quarter") || peek("quarter")) {
            skipWords("a", "quarter", "of", "an");
            if (!peek("hour")) {
                return null;
            }
            next++;
            return Duration.ofMinutes(15);
        }
        int count;
        if (peek("a") || peek("an")) {
            next++;
            count = 1;
        } else if (peekToken().isNumber() || NUMBER_WORDS.containsKey(peekToken().text())) {
            count = count("how much");
        } else {
            return null;
        }
        if (atEnd() || !isUnit(peekToken().text())) {
            return null;
        }
        Unit unit = unit(false);
        if (peek("and") && peekAt(1, "a") && peekAt(2, "half")) {
            next += 3;
            return switch (unit) {
                case HOUR -> Duration.ofMinutes(count * 60L + 30);
                default -> null;
            };
        }
        return switch (unit) {
            case MINUTE -> Duration.ofMinutes(count);
            case HOUR -> Duration.ofHours(count);
            default -> null;
        };
    }

    private int minute() {
        Token minute = take("the minute of the hour, 0 to 59");
        if (!minute.isNumber() || minute.number() > 59) {
            throw ChangeInstructions.grammar("the minute of the hour is a number from 0 to 59, not '" + minute.original() + "'");
        }
        return minute.number();
    }

    // ---- words --------------------------------------------------------------------------------------------------

    private int count(String what) {
        Token token = take(what);
        if (token.isNumber()) {
            return token.number();
        }
        Integer value = token.is("a") || token.is("an") ? Integer.valueOf(1) : NUMBER_WORDS.get(token.text());
        if (value == null) {
            throw ChangeInstructions.rejected("range", "a count is a whole number, not '" + token.original() + "'");
        }
        if (value % 10 == 0 && value >= 20 && !atEnd()) {
            int mark = next;
            skipWords("-");
            Integer unit = atEnd() ? null : NUMBER_WORDS.get(peekToken().text());
            if (unit != null && unit < 10) {
                next++;
                return value + unit;
            }
            next = mark;
        }
        return value;
    }

    private Unit unit(boolean forPause) {
        Token token = take("minutes, hours, days or weeks");
        Unit unit = unitOf(token.text());
        if (unit == null) {
            throw ChangeInstructions.grammar((forPause ? "a pause lasts" : "an interval is") + " minutes, hours, days or weeks, not '"
                    + token.original() + "'");
        }
        return unit;
    }

    private static boolean isUnit(String text) {
        return unitOf(text) != null;
    }

    private static @Nullable Unit unitOf(String text) {
        return switch (text) {
            case "minute", "minutes", "min", "mins", "m" -> Unit.MINUTE;
            case "hour", "hours", "hr", "hrs", "h" -> Unit.HOUR;
            case "day", "days" -> Unit.DAY;
            case "week", "weeks" -> Unit.WEEK;
            default -> null;
        };
    }

    private static @Nullable DayPart dayPart(String text) {
        return switch (text) {
            case "morning", "mornings" -> DayPart.MORNING;
            case "afternoon", "afternoons" -> DayPart.AFTERNOON;
            case "evening", "evenings" -> DayPart.EVENING;
            case "night", "nights" -> DayPart.NIGHT;
            default -> null;
        };
    }

    private static boolean isDayTerm(String text) {
        return dayOf(text) != null || text.startsWith("weekday") || text.startsWith("weekend") || text.startsWith("workday")
                || text.startsWith("weeknight") || text.equals("working") || text.equals("business") || text.equals("work")
                || text.equals("day") || text.equals("days");
    }

    private static @Nullable DayOfWeek dayOf(String text) {
        DayOfWeek day = DAYS.get(text);
        if (day == null && text.endsWith("s")) {
            day = DAYS.get(text.substring(0, text.length() - 1));
        }
        return day;
    }

    private static @Nullable Integer ordinalOf(Token token) {
        Matcher ordinal = ORDINAL.matcher(token.text());
        if (ordinal.matches()) {
            return Integer.parseInt(ordinal.group(1));
        }
        return ORDINAL_WORDS.get(token.text());
    }

    /** Two clauses of one kind are two schedules in one phrase ("every monday at 9 and every friday at 10"), which no one rule is. */
    private CommandRejectedException twice(String what) {
        return ChangeInstructions.rejected("ambiguous", "the instruction gives " + what + " twice, as if it were two schedules; one "
                + "rule has one schedule: list them together, such as 'every monday and friday at 9:00', or make two rules");
    }

    private void skipFiller() {
        while (!atEnd() && FILLER.contains(peekToken().text()) && !startsClause()) {
            verbs.add(peekToken().text());
            next++;
        }
    }

    /** A filler word that begins a clause here ("on" before days, "one" as a number) is read as the clause. */
    private boolean startsClause() {
        Token token = peekToken();
        if (token.is("on") && !atEnd(1)) {
            return false;
        }
        if (token.is("one") && !atEnd(1) && isUnit(tokens.get(next + 1).text())) {
            return true;
        }
        return false;
    }

    private void skipWords(String... words) {
        Set<String> skipped = Set.of(words);
        while (!atEnd() && skipped.contains(peekToken().text())) {
            next++;
        }
    }

    private boolean peek(String word) {
        return !atEnd() && tokens.get(next).is(word);
    }

    private boolean peekAt(int ahead, String word) {
        return next + ahead < tokens.size() && tokens.get(next + ahead).is(word);
    }

    private boolean peekAny(String... words) {
        for (String word : words) {
            if (peek(word)) {
                return true;
            }
        }
        return false;
    }

    private Token peekToken() {
        return tokens.get(next);
    }

    private boolean atEnd() {
        return next >= tokens.size();
    }

    private boolean atEnd(int ahead) {
        return next + ahead >= tokens.size();
    }

    private Token take() {
        return tokens.get(next++);
    }

    private Token take(String what) {
        if (atEnd()) {
            throw ChangeInstructions.grammar("the instruction ends where Almanac expects " + what
                    + (read.isEmpty() ? "" : "; it read " + quoted(read)));
        }
        return tokens.get(next++);
    }

    private String span(int from, int to) {
        return tokens.subList(from, to).stream().map(Token::original).collect(Collectors.joining(" "));
    }

    private CommandRejectedException unread() {
        Token token = tokens.get(Math.min(next, tokens.size() - 1));
        return ChangeInstructions.grammar((read.isEmpty() ? "Almanac read nothing it knows" : "Almanac read " + quoted(read))
                + ", but not '" + span(next, tokens.size()) + "' (from '" + token.original() + "')");
    }

    private static String quoted(List<String> parts) {
        return parts.stream().map(part -> "'" + part + "'").collect(Collectors.joining(", "));
    }

    private static Map<String, DayOfWeek> dayNames() {
        Map<String, DayOfWeek> names = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            names.put(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
            names.put(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT), day);
        }
        names.put("tues", DayOfWeek.TUESDAY);
        names.put("tue", DayOfWeek.TUESDAY);
        names.put("weds", DayOfWeek.WEDNESDAY);
        names.put("thur", DayOfWeek.THURSDAY);
        names.put("thurs", DayOfWeek.THURSDAY);
        names.put("thu", DayOfWeek.THURSDAY);
        return Map.copyOf(names);
    }

    private static Map<String, Integer> numberWords() {
        String[] small = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
        Map<String, Integer> words = new LinkedHashMap<>();
        for (int i = 0; i < small.length; i++) {
            words.put(small[i], i);
        }
        words.put("twenty", 20);
        words.put("thirty", 30);
        words.put("forty", 40);
        words.put("fifty", 50);
        words.put("sixty", 60);
        words.put("ninety", 90);
        return Map.copyOf(words);
    }
}

package dev.almanac.commands.rule.change;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.rule.change.PhraseTokens.Token;

/**
 * What an instruction says, as {@link PhraseParser} reads it, before it is resolved against the rule
 * it changes: a pause, a resume, a skip, or a schedule made of the clauses the phrase gave (times,
 * days, an interval, a window, a shift, a zone). A clause the phrase leaves out is taken from the
 * rule as it stands: "at 10:15" keeps the rule's days, "on fridays" its time.
 */
sealed interface Phrase {

    /** A pause until {@code resumeAfter}, or until resumed when null. */
    record Pause(@Nullable Instant resumeAfter) implements Phrase {
    }

    record Resume() implements Phrase {
    }

    /** Skip the next {@code count} runs, or (when {@code date} is given) every run on that local date, if they are the next. */
    record Skip(int count, @Nullable LocalDate date) implements Phrase {
    }

    /** Part of the day a phrase names, which settles whether a bare hour is morning or evening. */
    enum DayPart {
        MORNING, AFTERNOON, EVENING, NIGHT
    }

    enum Meridiem {
        AM, PM, NONE
    }

    /**
     * A time of day as written. {@code bare} when the phrase gave neither minutes nor am/pm ("at 6",
     * "half past 8"), which leaves morning or evening open; a zero-padded or over-12 hour is a 24-hour clock.
     */
    record Clock(int hour, int minute, Meridiem meridiem, boolean bare, Token token) {

        boolean twentyFourHour() {
            return meridiem == Meridiem.NONE && (hour > 12 || hour == 0 || token.text().startsWith("0"));
        }
    }

    /** The nth weekday of the month: 1 to 4, or -1 for the last. */
    record OrdinalDay(int ordinal, DayOfWeek day) {
    }

    enum Direction {
        LATER, EARLIER
    }

    /** A move of the rule's times by {@code amount}; {@code doubtful} names the word whose direction people read both ways. */
    record Shift(Duration amount, Direction direction, @Nullable Token doubtful) {
    }

    enum Unit {
        MINUTE, HOUR, DAY, WEEK
    }

    /** Every {@code step} units. */
    record Interval(Unit unit, int step) {
    }

    /**
     * The clauses of a schedule; each is empty or null where the phrase did not give it. Built by the
     * parser clause by clause.
     */
    final class Schedule implements Phrase {
        final List<Clock> times = new ArrayList<>();
        final Set<DayOfWeek> weekdays = EnumSet.noneOf(DayOfWeek.class);
        final Set<DayOfWeek> except = EnumSet.noneOf(DayOfWeek.class);
        final List<Integer> monthDays = new ArrayList<>();
        final List<OrdinalDay> ordinals = new ArrayList<>();
        final List<Clock> insteadOf = new ArrayList<>();
        boolean everyDay;
        boolean weekly;
        boolean monthly;
        /** "every second tuesday": of the month, or every other week. */
        @Nullable Token ordinalWithoutMonth;
        @Nullable DayPart dayPart;
        @Nullable Interval interval;
        @Nullable Integer minuteOfHour;
        @Nullable Clock windowFrom;
        @Nullable Clock windowTo;
        @Nullable Token businessHours;
        @Nullable Shift shift;
        @Nullable ZoneId zone;
        @Nullable Integer timesPerDay;
        @Nullable LocalDate starting;

        boolean hasDays() {
            return everyDay || !weekdays.isEmpty() || !monthDays.isEmpty() || !ordinals.isEmpty();
        }

        boolean hasWindow() {
            return windowFrom != null;
        }
    }
}

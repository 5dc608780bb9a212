package dev.almanac.query.window;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * The wall-clock periods of a zone, as the instants they start at.
 * <ul>
 * <li>A day runs from one local midnight to the next (or from the first instant of the day where
 * midnight falls in a gap), so a daylight-saving day lasts 23 or 25 hours (23.5 or 24.5 on Lord
 * Howe Island).</li>
 * <li>A week runs from Monday's start to the next Monday's (ISO weeks).</li>
 * <li>An hour runs from one local hour mark to the next in the offset in force, and never spans an
 * offset change: the change starts a new hour. The repeated hour of a fall-back is therefore two
 * hours, and a half-hour shift (Lord Howe) leaves a half-hour period.</li>
 * </ul>
 */
public final class LocalPeriods {

    private LocalPeriods() {
    }

    /** Starts of every period that overlaps {@code [from, till)}, in order; the first is at or before {@code from}. */
    public static List<Instant> starts(Instant from, Instant till, ZoneId zone, Granularity granularity) {
        List<Instant> starts = new ArrayList<>();
        for (Instant start = startOf(from, zone, granularity); start.isBefore(till); start = next(start, zone, granularity)) {
            starts.add(start);
        }
        return starts;
    }

    /** The start of the period that contains {@code instant}. */
    public static Instant startOf(Instant instant, ZoneId zone, Granularity granularity) {
        return switch (granularity) {
            case HOUR -> hourStart(instant, zone);
            case DAY -> localDate(instant, zone).atStartOfDay(zone).toInstant();
            case WEEK -> localDate(instant, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(zone).toInstant();
        };
    }

    /** The start of the period after the one that starts at {@code periodStart}. */
    public static Instant next(Instant periodStart, ZoneId zone, Granularity granularity) {
        return switch (granularity) {
            case HOUR -> nextHourStart(periodStart, zone);
            case DAY -> localDate(periodStart, zone).plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> localDate(periodStart, zone).plusWeeks(1).atStartOfDay(zone).toInstant();
        };
    }

    private static LocalDate localDate(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }

    /** The later of the local hour mark at or before the instant and the last offset change at or before it. */
    private static Instant hourStart(Instant instant, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.getOffset(instant);
        Instant mark = LocalDateTime.ofInstant(instant, offset).truncatedTo(ChronoUnit.HOURS).toInstant(offset);
        ZoneOffsetTransition change = rules.previousTransition(instant.plusNanos(1));
        return change != null && change.getInstant().isAfter(mark) ? change.getInstant() : mark;
    }

    /** The earlier of the next local hour mark in the current offset and the next offset change. */
    private static Instant nextHourStart(Instant start, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        ZoneOffset offset = rules.getOffset(start);
        Instant mark = LocalDateTime.ofInstant(start, offset).truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant(offset);
        ZoneOffsetTransition change = rules.nextTransition(start);
        return change != null && change.getInstant().isBefore(mark) ? change.getInstant() : mark;
    }
}

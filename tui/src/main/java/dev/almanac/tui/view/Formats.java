package dev.almanac.tui.view;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * How times, run states and levels read on a terminal: English, fixed width, one glyph per run state. Names of days
 * and months are spelled here rather than by DateTimeFormatter, whose locale data (CLDR's providers and bundles) was
 * a hundred classes on the way to the first frame.
 */
public final class Formats {

    /** One column per run state, ASCII so that every terminal font has it; the help lists them. */
    public static final Map<String, String> RUN_STATE_GLYPHS = Map.ofEntries(
            Map.entry("scheduled", " "), Map.entry("running", ">"), Map.entry("success", "+"), Map.entry("succeeded", "+"),
            Map.entry("failed", "x"), Map.entry("missed", "!"), Map.entry("paused", "="), Map.entry("disabled", "-"),
            Map.entry("dispatched", "~"), Map.entry("buffered", "~"), Map.entry("skipped", "/"), Map.entry("timed_out", "x"),
            Map.entry("retry_scheduled", "?"), Map.entry("retries_exhausted", "x"));

    private Formats() {
    }

    public static String glyph(String status) {
        return RUN_STATE_GLYPHS.getOrDefault(status, "?");
    }

    public static String time(Instant instant, ZoneId zone, boolean hour12) {
        return clock(instant.atZone(zone), hour12);
    }

    /** 14:05, or 2:05pm. */
    private static String clock(TemporalAccessor at, boolean hour12) {
        int hour = at.get(ChronoField.HOUR_OF_DAY);
        String minute = twoDigits(at.get(ChronoField.MINUTE_OF_HOUR));
        if (hour12) {
            return (hour % 12 == 0 ? 12 : hour % 12) + ":" + minute + (hour < 12 ? "am" : "pm");
        }
        return twoDigits(hour) + ":" + minute;
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    /** Wed 18 Nov 2026. */
    public static String day(LocalDate date) {
        return weekday(date) + " " + date.getDayOfMonth() + " " + name(date.getMonth()).substring(0, 3) + " " + date.getYear();
    }

    /** November 2026. */
    public static String month(LocalDate date) {
        return name(date.getMonth()) + " " + date.getYear();
    }

    /** Wed. */
    public static String weekday(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return name(day.name()).substring(0, 3);
    }

    private static String name(Month month) {
        return name(month.name());
    }

    /** NOVEMBER as November: java.time's constants are the English names. */
    private static String name(String constant) {
        return constant.charAt(0) + constant.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A zone with its offset at {@code at}: Europe/Berlin (UTC+01:00). */
    public static String zone(ZoneId zone, Instant at) {
        ZoneOffset offset = zone.getRules().getOffset(at);
        return zone.getId() + " (UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()) + ")";
    }

    /** A moment with its date, wall-clock time and offset, exact on either side of a DST change. */
    public static String moment(ZonedDateTime at, boolean hour12) {
        return day(at.toLocalDate()) + " " + clock(at, hour12) + " (UTC"
                + (at.getOffset().getTotalSeconds() == 0 ? "" : at.getOffset().getId()) + ")";
    }

    public static String duration(long seconds) {
        Duration length = Duration.ofSeconds(seconds);
        if (length.toMinutes() < 60) {
            return length.toMinutes() + " min";
        }
        return length.toHours() + " h" + (length.toMinutesPart() == 0 ? "" : " " + length.toMinutesPart() + " min");
    }
}

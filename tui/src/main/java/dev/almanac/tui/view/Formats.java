package dev.almanac.tui.view;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/** How times, run states and levels read on a terminal: English, fixed width, one glyph per run state. */
public final class Formats {

    private static final DateTimeFormatter H24 = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter H12 = DateTimeFormatter.ofPattern("h:mma", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

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
        return (hour12 ? H12 : H24).format(instant.atZone(zone)).toLowerCase(Locale.ROOT);
    }

    public static String day(LocalDate date) {
        return DAY.format(date);
    }

    public static String month(LocalDate date) {
        return MONTH.format(date);
    }

    public static String weekday(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    /** A zone with its offset at {@code at}: Europe/Berlin (UTC+01:00). */
    public static String zone(ZoneId zone, Instant at) {
        ZoneOffset offset = zone.getRules().getOffset(at);
        return zone.getId() + " (UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId()) + ")";
    }

    /** A moment with its date, wall-clock time and offset, exact on either side of a DST change. */
    public static String moment(ZonedDateTime at, boolean hour12) {
        return DAY.format(at) + " " + (hour12 ? H12 : H24).format(at).toLowerCase(Locale.ROOT) + " (UTC"
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

package dev.almanac.commands.rule.change;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.almanac.commands.CommandRejectedException;
import dev.almanac.events.rule.CronSyntax;
import dev.almanac.events.rule.RecurrenceRule;

/**
 * A rule's one time of day, read and replaced in its own form: the minute and hour of a cron in any
 * dialect, or an RRULE's BYHOUR and BYMINUTE, DTSTART, and the dates that sat at the old time. A rule
 * that runs at several times of day has no one time to move.
 */
final class RuleTimes {

    private static final Pattern SINGLE_VALUE = Pattern.compile("\\d{1,2}");

    private RuleTimes() {
    }

    /** The cron with its one time of day replaced. */
    static String movedCron(String cron, @Nullable CronSyntax dialect, LocalTime time) {
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

    /** The one time of day of a recurrence: its BYHOUR and BYMINUTE, or its DTSTART's. */
    static LocalTime timeOf(RecurrenceRule recurrence) {
        Map<String, String> parts = parts(recurrence);
        checkOneTime(parts);
        LocalDateTime start = recurrence.dtstart();
        return LocalTime.of(
                parts.containsKey("BYHOUR") ? Integer.parseInt(parts.get("BYHOUR")) : start.getHour(),
                parts.containsKey("BYMINUTE") ? Integer.parseInt(parts.get("BYMINUTE")) : start.getMinute(),
                parts.containsKey("BYSECOND") ? Integer.parseInt(parts.get("BYSECOND")) : start.getSecond());
    }

    /** The recurrence at the new time of day, with the exception and extra dates that sat at the old time. */
    static RecurrenceRule moved(RecurrenceRule recurrence, LocalTime time) {
        LocalTime old = timeOf(recurrence);
        Map<String, String> parts = parts(recurrence);
        parts.computeIfPresent("BYHOUR", (key, value) -> Integer.toString(time.getHour()));
        parts.computeIfPresent("BYMINUTE", (key, value) -> Integer.toString(time.getMinute()));
        parts.computeIfPresent("BYSECOND", (key, value) -> "0");
        String moved = parts.entrySet().stream()
                .map(part -> part.getValue().isEmpty() ? part.getKey() : part.getKey() + "=" + part.getValue())
                .collect(Collectors.joining(";"));
        return new RecurrenceRule(moved, recurrence.dtstart().toLocalDate().atTime(time), movedDates(recurrence.exdates(), old, time,
                "EXDATE"), movedDates(recurrence.rdates(), old, time, "RDATE"));
    }

    private static Map<String, String> parts(RecurrenceRule recurrence) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : recurrence.rrule().split(";")) {
            int equals = part.indexOf('=');
            parts.put(equals < 0 ? part.toUpperCase(Locale.ROOT) : part.substring(0, equals).toUpperCase(Locale.ROOT),
                    equals < 0 ? "" : part.substring(equals + 1));
        }
        return parts;
    }

    private static void checkOneTime(Map<String, String> parts) {
        String frequency = parts.getOrDefault("FREQ", "").toUpperCase(Locale.ROOT);
        if (!Set.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY").contains(frequency)) {
            throw severalTimes("FREQ=" + frequency);
        }
        for (String by : List.of("BYHOUR", "BYMINUTE", "BYSECOND")) {
            if (parts.containsKey(by) && !SINGLE_VALUE.matcher(parts.get(by)).matches()) {
                throw severalTimes(by + "=" + parts.get(by));
            }
        }
    }

    private static List<LocalDateTime> movedDates(List<LocalDateTime> dates, LocalTime old, LocalTime time, String kind) {
        List<LocalDateTime> moved = new ArrayList<>();
        for (LocalDateTime date : dates) {
            if (!date.toLocalTime().equals(old)) {
                throw ChangeInstructions.rejected("ambiguous", "the rule's " + kind + " " + date + " is not at its time of day " + old
                        + ", so moving its time cannot tell whether it moves too; send a patch with the whole rrule");
            }
            moved.add(date.toLocalDate().atTime(time));
        }
        return moved;
    }

    static CommandRejectedException severalTimes(String schedule) {
        return ChangeInstructions.rejected("ambiguous", "the rule runs at more than one time of day (" + schedule + "), so 'move to' "
                + "cannot tell which time to move; give the whole schedule instead, such as: every day at 14:00");
    }
}

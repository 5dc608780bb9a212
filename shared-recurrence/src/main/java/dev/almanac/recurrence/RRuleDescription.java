package dev.almanac.recurrence;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * An English reading of a checked RRULE, in the manner of cron-utils' descriptions:
 * {@code monthly on the last Friday at 10:00, from 2026-12-01T10:00}. ical4j has no describer.
 */
final class RRuleDescription {

    private static final Map<String, String[]> UNITS = Map.of(
            "SECONDLY", new String[] {"every second", "seconds"},
            "MINUTELY", new String[] {"every minute", "minutes"},
            "HOURLY", new String[] {"hourly", "hours"},
            "DAILY", new String[] {"daily", "days"},
            "WEEKLY", new String[] {"weekly", "weeks"},
            "MONTHLY", new String[] {"monthly", "months"},
            "YEARLY", new String[] {"yearly", "years"});
    private static final Map<String, String> WEEKDAYS = Map.of(
            "MO", "Monday", "TU", "Tuesday", "WE", "Wednesday", "TH", "Thursday", "FR", "Friday", "SA", "Saturday", "SU", "Sunday");

    private RRuleDescription() {
    }

    static String of(RRuleParts parts, LocalDateTime dtstart, int exdates, int rdates) {
        List<String> phrases = new ArrayList<>();
        String[] unit = UNITS.get(parts.frequency());
        phrases.add(parts.interval() == 1 ? unit[0] : "every " + parts.interval() + " " + unit[1]);
        @Nullable String byMonth = parts.value("BYMONTH");
        if (byMonth != null) {
            phrases.add("in " + join(map(byMonth, month -> Month.of(Integer.parseInt(month)).getDisplayName(TextStyle.FULL, Locale.ENGLISH))));
        }
        @Nullable String byWeekNo = parts.value("BYWEEKNO");
        if (byWeekNo != null) {
            phrases.add("in week " + join(map(byWeekNo, RRuleDescription::ordinalDay)));
        }
        @Nullable String byYearDay = parts.value("BYYEARDAY");
        if (byYearDay != null) {
            phrases.add("on day " + join(map(byYearDay, RRuleDescription::ordinalDay)) + " of the year");
        }
        @Nullable String byMonthDay = parts.value("BYMONTHDAY");
        if (byMonthDay != null) {
            phrases.add("on day " + join(map(byMonthDay, RRuleDescription::ordinalDay)) + " of the month");
        }
        @Nullable String byDay = parts.value("BYDAY");
        if (byDay != null) {
            phrases.add("on " + ("MO,TU,WE,TH,FR".equals(byDay) ? "weekdays" : join(map(byDay, RRuleDescription::weekday))));
        }
        @Nullable String bySetPos = parts.value("BYSETPOS");
        if (bySetPos != null) {
            phrases.add("taking the " + join(map(bySetPos, RRuleDescription::position)) + " of each period's times");
        }
        String times = times(parts, dtstart);
        if (!times.isEmpty()) {
            phrases.add(times);
        }
        StringBuilder text = new StringBuilder(String.join(" ", phrases));
        text.append(", from ").append(dtstart);
        @Nullable Integer count = parts.count();
        if (count != null) {
            text.append(", ").append(count).append(count == 1 ? " time" : " times");
        }
        @Nullable String until = parts.value("UNTIL");
        if (until != null) {
            text.append(", until ").append(until);
        }
        if (exdates > 0) {
            text.append(", except ").append(exdates).append(exdates == 1 ? " date" : " dates");
        }
        if (rdates > 0) {
            text.append(", plus ").append(rdates).append(rdates == 1 ? " date" : " dates");
        }
        return text.toString();
    }

    /** The times of day, from BYHOUR, BYMINUTE and BYSECOND or else from DTSTART. */
    private static String times(RRuleParts parts, LocalDateTime dtstart) {
        String frequency = parts.frequency();
        boolean subDaily = frequency.equals("SECONDLY") || frequency.equals("MINUTELY") || frequency.equals("HOURLY");
        @Nullable String hours = parts.value("BYHOUR");
        @Nullable String minutes = parts.value("BYMINUTE");
        @Nullable String seconds = parts.value("BYSECOND");
        if (subDaily && hours == null && minutes == null && seconds == null) {
            return "";
        }
        if (!subDaily && isSingle(hours) && isSingle(minutes) && isSingle(seconds)) {
            LocalTime time = LocalTime.of(
                    hours == null ? dtstart.getHour() : Integer.parseInt(hours),
                    minutes == null ? dtstart.getMinute() : Integer.parseInt(minutes),
                    seconds == null ? dtstart.getSecond() : Integer.parseInt(seconds));
            return "at " + time;
        }
        List<String> named = new ArrayList<>();
        if (hours != null) {
            named.add("hour " + join(List.of(hours.split(","))));
        }
        if (minutes != null) {
            named.add("minute " + join(List.of(minutes.split(","))));
        }
        if (seconds != null) {
            named.add("second " + join(List.of(seconds.split(","))));
        }
        return "at " + String.join(", ", named);
    }

    private static boolean isSingle(@Nullable String values) {
        return values == null || !values.contains(",");
    }

    private static String weekday(String item) {
        String day = WEEKDAYS.get(item.substring(item.length() - 2));
        return item.length() == 2 ? day : "the " + position(item.substring(0, item.length() - 2)) + " " + day;
    }

    private static String ordinalDay(String item) {
        int number = Integer.parseInt(item);
        return number > 0 ? Integer.toString(number) : position(item);
    }

    /** 1 → first, 2 → 2nd, -1 → last, -2 → 2nd to last. */
    private static String position(String item) {
        int number = Integer.parseInt(item);
        int magnitude = Math.abs(number);
        String ordinal = switch (magnitude) {
            case 1 -> number > 0 ? "first" : "last";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> magnitude + "th";
        };
        return number > 0 || magnitude == 1 ? ordinal : ordinal + " to last";
    }

    private static List<String> map(String values, Function<String, String> reading) {
        List<String> read = new ArrayList<>();
        for (String value : values.split(",")) {
            read.add(reading.apply(value));
        }
        return read;
    }

    private static String join(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}

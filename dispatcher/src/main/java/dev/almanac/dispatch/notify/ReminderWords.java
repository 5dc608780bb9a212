package dev.almanac.dispatch.notify;

import java.util.ArrayList;
import java.util.List;

/** How long before a start a reminder comes, in words: "in 30 minutes", "in 1 hour 30 minutes", "in 2 days". */
final class ReminderWords {

    private ReminderWords() {
    }

    static String lead(int minutesBefore) {
        if (minutesBefore == 0) {
            return "now";
        }
        int days = minutesBefore / (24 * 60);
        int hours = minutesBefore % (24 * 60) / 60;
        int minutes = minutesBefore % 60;
        List<String> parts = new ArrayList<>();
        add(parts, days, "day");
        add(parts, hours, "hour");
        add(parts, minutes, "minute");
        return "in " + String.join(" ", parts);
    }

    private static void add(List<String> parts, int count, String unit) {
        if (count > 0) {
            parts.add(count + " " + unit + (count == 1 ? "" : "s"));
        }
    }
}

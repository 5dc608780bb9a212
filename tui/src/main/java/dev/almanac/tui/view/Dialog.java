package dev.almanac.tui.view;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import dev.almanac.tui.api.OpsEvent;

/** What is drawn over the view and takes the keys while it is open. */
public sealed interface Dialog {

    String title();

    record Help() implements Dialog {
        public String title() {
            return "Keys";
        }
    }

    record Details(OpsEvent event) implements Dialog {
        public String title() {
            return event.title();
        }
    }

    /**
     * The date/time picker of a reschedule: a wall-clock time in the view's zone, {@code field} 0 the date, 1 the hour,
     * 2 the minutes. {@link #at()} resolves it as java.time does (a time in a spring-forward gap moves on by the gap).
     */
    record Picker(OpsEvent event, LocalDateTime wall, ZoneId zone, int field) implements Dialog {
        public String title() {
            return "Reschedule “" + event.title() + "”";
        }

        public ZonedDateTime at() {
            return ZonedDateTime.ofLocal(wall, zone, null);
        }
    }

    /** A yes/no question before a command is sent. */
    record Confirm(String title, List<String> lines) implements Dialog {
        public Confirm {
            lines = List.copyOf(lines);
        }
    }

    /** A refusal or a notice; {@code offersReload} after a 412. */
    record Message(String title, List<String> lines, boolean offersReload) implements Dialog {
        public Message {
            lines = List.copyOf(lines);
        }
    }

    /** A line of text typed in: the filter, the zone. */
    record Prompt(String title, String label, String text) implements Dialog {
    }
}

package dev.almanac.commands.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Bodies of the commands the access tests send: each the least a command accepts, on UTC calendars a week ahead. */
public final class CommandBodies {

    /** Next week's hour: items start there, so that no rule about the past or the 2-hour window applies. */
    public static final Instant NEXT_WEEK = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    private CommandBodies() {
    }

    /** A calendar's definition without its id: a PUT's body. */
    public static String calendarDefinition() {
        return "{\"name\": \"Floor\", \"type\": \"venue\", \"timezone\": \"UTC\", \"capacity\": 2, \"overbooking_policy\": \"block\"}";
    }

    public static String calendarBody(String id) {
        return "{\"id\": \"" + id + "\", " + calendarDefinition().substring(1);
    }

    /** An hour's item at next week's hour. */
    public static String itemBody(String id, String calendar) {
        return itemBody(id, calendar, 0);
    }

    /** An hour's item starting {@code hours} after next week's hour. */
    public static String itemBody(String id, String calendar, int hours) {
        Instant start = NEXT_WEEK.plus(hours, ChronoUnit.HOURS);
        return """
                {"id": "%s", "calendar_id": "%s", "title": "Review", "type": "meeting", "start": "%s", "end": "%s", "timezone": "UTC"}"""
                .formatted(id, calendar, start, start.plus(1, ChronoUnit.HOURS));
    }

    /** A rule's definition without its id: a PUT's body. */
    public static String ruleDefinition(String calendar) {
        return """
                {"name": "Nightly", "cron": "0 6 * * *", "timezone": "UTC", "queue": "%s", "job_template": {"type": "t"}}"""
                .formatted(calendar);
    }

    public static String ruleBody(String id, String calendar) {
        return "{\"id\": \"" + id + "\", " + ruleDefinition(calendar).strip().substring(1);
    }
}

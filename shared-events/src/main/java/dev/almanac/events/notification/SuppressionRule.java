package dev.almanac.events.notification;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;

/**
 * Notifications of {@code category} (of {@code calendarId} only, when named) are not sent by e-mail or webhook; their
 * history records the rule that suppressed them (seed 001: category {@code low} may suppress alerts).
 */
public record SuppressionRule(NotificationCategory category, @Nullable CalendarId calendarId) {

    /** How a notification's history names this rule: {@code suppress category=low} or {@code suppress category=low calendar=cal-ops}. */
    public String describe() {
        return "suppress category=" + category.name().toLowerCase(java.util.Locale.ROOT)
                + (calendarId == null ? "" : " calendar=" + calendarId.value());
    }
}

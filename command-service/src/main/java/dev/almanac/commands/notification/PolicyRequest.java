package dev.almanac.commands.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.notification.CalendarNotificationPolicySet;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.platform.problem.Violation;

/**
 * {@code PUT /api/v1/calendars/{id}/notification-policy}: the categories the calendar keeps from everyone's e-mail and
 * webhooks. Every violation is named at once, by its path ({@code suppress[1]}).
 */
record PolicyRequest(@Nullable List<String> suppress, @Nullable String reason) {

    static final int MAX_REASON = 256;

    CalendarNotificationPolicySet toPolicy(CalendarId calendarId) {
        List<Violation> violations = new ArrayList<>();
        List<NotificationCategory> categories = new ArrayList<>();
        if (suppress == null) {
            violations.add(new Violation("suppress", "required",
                    "suppress is required: the categories kept from e-mail and webhook, normal or low; [] lifts the policy"));
        } else {
            for (int i = 0; i < suppress.size(); i++) {
                String field = "suppress[" + i + "]";
                String value = suppress.get(i);
                if ("critical".equals(value)) {
                    violations.add(new Violation(field, "critical_always_alerts",
                            "critical notifications (failures, escalations) cannot be suppressed for everyone; each user may choose for themselves"));
                } else if (!"normal".equals(value) && !"low".equals(value)) {
                    violations.add(new Violation(field, "category", "a category suppressed for everyone is normal or low, but was '" + value + "'"));
                } else {
                    NotificationCategory category = NotificationCategory.valueOf(value.toUpperCase(Locale.ROOT));
                    if (categories.contains(category)) {
                        violations.add(new Violation(field, "unique", value + " is named twice"));
                    } else {
                        categories.add(category);
                    }
                }
            }
        }
        if (reason != null && reason.length() > MAX_REASON) {
            violations.add(new Violation("reason", "size", "reason is at most " + MAX_REASON + " characters"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        categories.sort(null);
        return new CalendarNotificationPolicySet(calendarId, categories, reason);
    }
}

package dev.almanac.events.notification;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A manager of the calendar set what its notifications do for everyone they reach (seed 001 §9: category {@code low}
 * may suppress failure alerts by policy): notifications of a category in {@code suppress} are listed in the centre
 * and sent by neither e-mail nor webhook, whatever the recipient's own preferences. {@code critical} is never among
 * them. The whole policy each time; an empty list lifts it.
 *
 * @param reason why, as the manager said it
 */
public record CalendarNotificationPolicySet(CalendarId calendarId, List<NotificationCategory> suppress, @Nullable String reason)
        implements NotificationPolicyEvent {

    public CalendarNotificationPolicySet {
        suppress = List.copyOf(suppress);
    }

    /** Whether the policy keeps {@code category} from e-mail and webhook. */
    public boolean suppresses(NotificationCategory category) {
        return suppress.contains(category);
    }

    /** How a notification's history names the policy: {@code calendar policy: suppress category=low calendar=cal-ops}. */
    public String describe(NotificationCategory category) {
        return "calendar policy: suppress category=" + category.name().toLowerCase(Locale.ROOT) + " calendar=" + calendarId.value();
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return calendarId.value();
    }
}

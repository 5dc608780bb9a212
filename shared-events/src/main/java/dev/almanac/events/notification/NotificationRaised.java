package dev.almanac.events.notification;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A fact concerns {@code recipient}: one notification per fact and recipient, whose id derives from both, so a fact read
 * again raises the same notification. {@code owner} is who owns the thing concerned (a rule's owner, an item's scheduler,
 * a calendar's owner), when known; {@code occurredAt} is the fact's time.
 */
public record NotificationRaised(
        NotificationId notificationId,
        UserId recipient,
        NotificationKind kind,
        NotificationCategory category,
        String title,
        String summary,
        NotificationSource source,
        @Nullable String owner,
        @Nullable CalendarId calendarId,
        List<NotificationLink> links,
        List<NotificationAction> actions,
        Instant occurredAt) implements NotificationEvent {

    public NotificationRaised {
        links = List.copyOf(links);
        actions = List.copyOf(actions);
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String subject() {
        return notificationId.value();
    }
}

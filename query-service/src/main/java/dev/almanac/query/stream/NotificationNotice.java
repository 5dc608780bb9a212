package dev.almanac.query.stream;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationRaised;

/** What a stream tells of a notification listed for its caller: enough to show it, or to refetch the list. */
record NotificationNotice(String notificationId, NotificationKind kind, NotificationCategory category, String title,
                          @Nullable String calendarId) {

    static NotificationNotice of(NotificationRaised raised) {
        return new NotificationNotice(raised.notificationId().value(), raised.kind(), raised.category(), raised.title(),
                raised.calendarId() == null ? null : raised.calendarId().value());
    }
}

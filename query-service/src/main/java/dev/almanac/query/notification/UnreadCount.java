package dev.almanac.query.notification;

import io.swagger.v3.oas.annotations.media.Schema;

/** How many of the caller's notifications are unread, in all and by category. */
@Schema(name = "NotificationUnreadCount")
public record UnreadCount(long unread, long critical, long normal, long low) {
}

package dev.almanac.query.notification;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A page of the caller's notifications, unread first, each group newest first. */
@Schema(name = "NotificationPage")
public record NotificationPage(
        List<NotificationView> notifications,
        @Schema(description = "How many of the caller's notifications are unread, whatever the filters") long unreadCount,
        @Schema(description = "Pass as cursor for the next page; null on the last") @Nullable String nextCursor) {
}

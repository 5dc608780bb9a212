package dev.almanac.query.notification;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.NotificationAction;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationLink;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.NotificationSource;

/** One of the caller's notifications, as raised, and where it stands for them. */
@Schema(name = "Notification")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(
        @Schema(description = "Derived from the fact and the recipient: one fact gives one notification per recipient") String id,
        NotificationKind kind,
        NotificationCategory category,
        String title,
        String summary,
        @Schema(description = "The fact it tells of, as its envelope named it") NotificationSource source,
        @Schema(description = "Who owns the thing concerned (a rule's owner, an item's scheduler, a calendar's owner), when known")
        @Nullable String owner,
        @Nullable String calendarId,
        @Schema(description = "Paths of this API that show the thing concerned") List<NotificationLink> links,
        @Schema(description = "Commands of this API that apply, each a method, a path and the body to send; a reschedule's body "
                + "also needs the new_time the caller chooses") List<NotificationAction> actions,
        @Schema(description = "When the fact happened") Instant occurredAt,
        NotificationStatus status,
        @Schema(description = "When the caller first read it (acknowledging reads it)") @Nullable Instant readAt,
        @Schema(description = "When the caller acknowledged it") @Nullable Instant acknowledgedAt) {

    static NotificationView of(NotificationRaised raised, Inbox inbox) {
        String id = raised.notificationId().value();
        return new NotificationView(id, raised.kind(), raised.category(), raised.title(), raised.summary(), raised.source(),
                raised.owner(), raised.calendarId() == null ? null : raised.calendarId().value(), raised.links(), raised.actions(),
                raised.occurredAt(), inbox.status(id), inbox.read().get(id), inbox.acknowledged().get(id));
    }
}

package dev.almanac.query.notification;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.NotificationAction;
import dev.almanac.events.notification.NotificationCategory;
import dev.almanac.events.notification.NotificationKind;
import dev.almanac.events.notification.NotificationLink;
import dev.almanac.events.notification.NotificationRaised;
import dev.almanac.events.notification.NotificationSource;
import dev.almanac.query.action.Action;

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
        @Schema(description = "Commands of this API that apply, each a method, a path and the body to send: approve_and_run, "
                + "reschedule and delete for a missed run (a reschedule's body also needs the new_time the caller chooses), "
                + "confirm and reject for a proposed change") List<Action> actions,
        @Schema(description = "When the fact happened") Instant occurredAt,
        NotificationStatus status,
        @Schema(description = "When the caller first read it (acknowledging reads it)") @Nullable Instant readAt,
        @Schema(description = "When the caller acknowledged it") @Nullable Instant acknowledgedAt,
        @Schema(description = "What became of it on its way to e-mail and webhook, oldest first: suppressed by a policy, held for "
                + "quiet hours, digested, sent, each failed attempt, dead-lettered after the last (ADR 0078). Empty while nothing "
                + "but the centre has it") List<DeliveryStep> deliveries) {

    static NotificationView of(Notifications.Stored stored, Inbox inbox) {
        NotificationRaised raised = stored.raised();
        String id = raised.notificationId().value();
        return new NotificationView(id, raised.kind(), raised.category(), raised.title(), raised.summary(), raised.source(),
                raised.owner(), raised.calendarId() == null ? null : raised.calendarId().value(), raised.links(),
                raised.actions().stream().map(NotificationView::action).toList(),
                raised.occurredAt(), inbox.status(id), inbox.read().get(id), inbox.acknowledged().get(id), stored.deliveries());
    }

    /** The notification's action as every read offers one; its body's values are the notifier's strings. */
    private static Action action(NotificationAction action) {
        Map<String, String> body = new LinkedHashMap<>();
        action.body().forEach((key, value) -> body.put(key, String.valueOf(value)));
        return new Action(action.name(), action.method(), action.path(), body.isEmpty() ? null : body);
    }
}

package dev.almanac.commands.notification;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.notification.CalendarNotificationPolicySet;

/**
 * Sets the whole of a calendar's notification policy, checked already; {@code expectedVersion} from If-Match, when
 * given, which the aggregate checks itself (Axon does not, for a command that may create its aggregate).
 */
public record SetCalendarNotificationPolicy(CalendarNotificationPolicySet policy, @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.notificationPolicy(policy.calendarId());
    }
}

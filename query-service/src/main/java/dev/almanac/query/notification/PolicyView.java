package dev.almanac.query.notification;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.CalendarNotificationPolicySet;

/** A calendar's notification policy as its managers last set it. */
@Schema(name = "CalendarNotificationPolicy")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyView(
        String calendarId,
        @Schema(description = "Categories (normal, low) kept from everyone's e-mail and webhooks; the centre still lists them")
        List<String> suppress,
        @Nullable String reason,
        long version) {

    static PolicyView of(CalendarNotificationPolicySet policy, long version) {
        return new PolicyView(policy.calendarId().value(),
                policy.suppress().stream().map(category -> category.name().toLowerCase(Locale.ROOT)).toList(), policy.reason(), version);
    }
}

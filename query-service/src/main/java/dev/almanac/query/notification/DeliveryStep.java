package dev.almanac.query.notification;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.notification.DeliveryChannel;
import dev.almanac.events.notification.DeliveryOutcome;
import dev.almanac.events.notification.NotificationDeliveryRecorded;

/** One line of a notification's delivery history, as the dispatcher's deliverer recorded it (ADR 0078). */
@Schema(name = "NotificationDelivery")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryStep(
        @Schema(description = "suppressed (by policy), held (for quiet hours, until), digested (into digest_id), sent, attempt_failed "
                + "(detail says why; another follows after a backoff), dead_lettered (after the last attempt), "
                + "unconfirmed (the sender stopped while handing it over: perhaps sent, not sent again)") DeliveryOutcome outcome,
        @Schema(description = "email or webhook; absent for a policy that concerns both") @Nullable DeliveryChannel channel,
        @Schema(description = "The policy that decided it: 'suppress category=low', 'quiet_hours 22:00-07:00 Europe/Berlin', 'digest'")
        @Nullable String policy,
        @Schema(description = "While held, when quiet hours end") @Nullable Instant until,
        @Schema(description = "The digest it went out in") @Nullable String digestId,
        @Schema(description = "The e-mail's Message-ID and the webhook's Almanac-Delivery header") @Nullable String deliveryId,
        @Schema(description = "The attempt, from 1, for sent, attempt_failed and dead_lettered") @Nullable Integer attempt,
        @Schema(description = "Why an attempt failed, or why it is unconfirmed") @Nullable String detail,
        Instant at) {

    static DeliveryStep of(NotificationDeliveryRecorded line) {
        return new DeliveryStep(line.outcome(), line.channel(), line.policy(), line.until(), line.digestId(), line.deliveryId(),
                line.attempt() == 0 ? null : line.attempt(), line.detail(), line.at());
    }
}

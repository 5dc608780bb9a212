package dev.almanac.events.subscription;

import java.time.Instant;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A subscription was revoked, for good: its feed answers 404 from then on.
 *
 * @param tokenHash the SHA-256 of its token, as issued: a reader that keeps subscriptions by it finds the one revoked
 * @param revokedBy who revoked it: its user, or an admin
 */
public record CalendarSubscriptionRevoked(
        String subscriptionId,
        CalendarId calendarId,
        String tokenHash,
        UserId revokedBy,
        Instant revokedAt) implements CalendarSubscriptionEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }
}

package dev.almanac.events.subscription;

import java.time.Instant;

import dev.almanac.events.UserId;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A user was given a secret feed URL for a calendar. The token itself is shown once, to the user, and never stored or
 * published: {@code tokenHash} is its SHA-256, hex, by which the feed finds the subscription.
 *
 * @param subscriptionId the subscription's id, by which it is revoked
 * @param userId         whose rights the feed reads with: it shows the calendar only while they may read it
 * @param tokenHash      SHA-256 of the token, 64 lower-case hex digits
 * @param issuedAt       when it was issued
 */
public record CalendarSubscriptionIssued(
        String subscriptionId,
        CalendarId calendarId,
        UserId userId,
        String tokenHash,
        Instant issuedAt) implements CalendarSubscriptionEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }
}

package dev.almanac.query.subscription;

/** A subscription as the feed reads it: its calendar, whose rights it reads with, and whether it was revoked. */
public record Subscription(String subscriptionId, String calendarId, String userId, boolean revoked, long version) {
}

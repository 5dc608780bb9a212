package dev.almanac.commands.subscription;

import io.swagger.v3.oas.annotations.media.Schema;

/** A subscription as issued: the only answer that holds its token. */
@Schema(name = "CalendarSubscription")
record SubscriptionResponse(
        @Schema(example = "sub-3f1c9a52-7a0e-4a51-9d0f-6b1e2c3d4f5a") String subscriptionId,
        @Schema(example = "cal-ballroom") String calendarId,
        @Schema(description = "Whose rights the feed reads with: the caller", example = "user-123") String userId,
        @Schema(description = "The secret, shown once; Almanac keeps only its SHA-256", example = "q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL")
        String token,
        @Schema(description = "The feed's path on the API's host; a calendar client subscribes to it as it is",
                example = "/api/v1/feeds/q2Vb6c1mZ0yHqk3n7J5s9XG0w4cK8eT1uP2rA6dF3hL.ics") String feedUrl) {
}

package dev.almanac.executor.call;

import java.time.Instant;

/** What one call came to: a 2xx answer succeeds, anything else (another status, a timeout, no connection) fails. */
public record CallOutcome(boolean succeeded, String message, Instant finishedAt) {
}

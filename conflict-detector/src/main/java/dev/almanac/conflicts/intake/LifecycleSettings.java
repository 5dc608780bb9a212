package dev.almanac.conflicts.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * How the lifecycle side of the topology runs.
 *
 * @param escalationCheckInterval how often each partition looks for due escalations (wall-clock punctuation)
 * @param escalateTo              who an automatic escalation (SCH-015) is handed to
 * @param clock                   the time due escalations are compared with; tests move it instead of waiting
 */
public record LifecycleSettings(Duration escalationCheckInterval, String escalateTo, Clock clock) {
}

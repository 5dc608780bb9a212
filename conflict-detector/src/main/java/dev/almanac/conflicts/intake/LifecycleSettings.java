package dev.almanac.conflicts.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * How the lifecycle side of the topology runs.
 *
 * @param escalationCheckInterval how often each partition looks for due escalations (wall-clock punctuation)
 * @param escalateTo              who an automatic escalation (SCH-015) is handed to
 * @param clock                   the time due escalations and graces are compared with; tests move it instead of waiting
 * @param orphanGrace             how long the two sides of a linked pair may disagree before it is an orphaned link: the
 *                                time the other side's change may take to come from another partition (ADR 0061)
 * @param orphanCheckInterval     how often each partition publishes the orphaned links whose grace ran out
 */
public record LifecycleSettings(Duration escalationCheckInterval, String escalateTo, Clock clock, Duration orphanGrace,
                                Duration orphanCheckInterval) {

    public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ORPHAN_CHECK_INTERVAL = Duration.ofSeconds(1);

    /** The default grace (30 s) and check interval (1 s) for orphaned links. */
    public LifecycleSettings(Duration escalationCheckInterval, String escalateTo, Clock clock) {
        this(escalationCheckInterval, escalateTo, clock, DEFAULT_ORPHAN_GRACE, DEFAULT_ORPHAN_CHECK_INTERVAL);
    }
}

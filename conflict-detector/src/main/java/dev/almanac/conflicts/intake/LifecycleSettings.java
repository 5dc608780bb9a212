package dev.almanac.conflicts.intake;

import java.time.Clock;
import java.time.Duration;

/**
 * How the lifecycle side of the topology runs.
 *
 * @param escalationCheckInterval the longest a partition waits between looks for due escalations; it looks when the
 *                                earliest is due (ADR 0098), and this bounds how late one whose clock another processor
 *                                started from a day-old fact escalates
 * @param escalateTo              who an automatic escalation (SCH-015) is handed to
 * @param clock                   the time due escalations and graces are compared with; tests move it instead of waiting
 * @param orphanGrace             how long the two sides of a linked pair may disagree before it is an orphaned link: the
 *                                time the other side's change may take to come from another partition (ADR 0061)
 * @param orphanCheckInterval     the longest a partition waits between looks for graces run out; it looks when the
 *                                earliest runs out (ADR 0098), so this is only a safety net
 */
public record LifecycleSettings(Duration escalationCheckInterval, String escalateTo, Clock clock, Duration orphanGrace,
                                Duration orphanCheckInterval) {

    public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_ORPHAN_CHECK_INTERVAL = Duration.ofMinutes(5);

    /** The default grace (30 s) and longest wait between checks (5 min) for orphaned links. */
    public LifecycleSettings(Duration escalationCheckInterval, String escalateTo, Clock clock) {
        this(escalationCheckInterval, escalateTo, clock, DEFAULT_ORPHAN_GRACE, DEFAULT_ORPHAN_CHECK_INTERVAL);
    }
}

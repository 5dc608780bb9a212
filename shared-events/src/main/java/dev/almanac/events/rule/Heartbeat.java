package dev.almanac.events.rule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A rule whose runs Almanac does not dispatch: a system that runs by itself reports a run on {@code almanac.runs.v1}
 * every {@code intervalSeconds} (whole minutes), and a beat with no report from one interval before it to
 * {@code graceSeconds} after it is missed (reason {@code no_heartbeat}). The rule's schedule is the RRULE of its beats,
 * {@code FREQ=MINUTELY;INTERVAL=<minutes>}, so every service expands it as any other rule (OPS-HEARTBEAT, ADR 0073).
 */
public record Heartbeat(int intervalSeconds, int graceSeconds) {

    /** The shortest interval: one minute, the RRULE's step. */
    public static final int SHORTEST_INTERVAL_SECONDS = 60;
    /** The longest interval: twelve hours, 720 minutes, within the RRULE INTERVAL that the engine reads. */
    public static final int LONGEST_INTERVAL_SECONDS = 43_200;
    /** Beats follow the clock, not the wall clock: none at a time the spring-forward gap skips, both at a time the fall-back repeats. */
    public static final DstPolicy BEATS = new DstPolicy(GapPolicy.SKIP, OverlapPolicy.TWICE);

    public Heartbeat {
        if (intervalSeconds < SHORTEST_INTERVAL_SECONDS || intervalSeconds > LONGEST_INTERVAL_SECONDS || intervalSeconds % 60 != 0) {
            throw new IllegalArgumentException("a heartbeat's interval is whole minutes from 1 minute to 12 hours, but was "
                    + intervalSeconds + " s");
        }
        if (graceSeconds < 0 || graceSeconds > intervalSeconds) {
            throw new IllegalArgumentException("a heartbeat's grace is from 0 to its interval (" + intervalSeconds + " s), but was "
                    + graceSeconds + " s");
        }
    }

    /** The RRULE of the beats, read from the rule's {@code dtstart}. */
    public String rrule() {
        return "FREQ=MINUTELY;INTERVAL=" + intervalSeconds / 60;
    }

    /**
     * The beats as the rule's schedule: {@link #rrule()} from the minute of {@code firstBeat}, written as the RRULE's
     * {@code dtstart} on the wall clock of {@code zone}, the rule's zone.
     */
    public RecurrenceRule beatsFrom(Instant firstBeat, ZoneId zone) {
        return new RecurrenceRule(rrule(), LocalDateTime.ofInstant(firstBeat.truncatedTo(ChronoUnit.MINUTES), zone), List.of(), List.of());
    }
}

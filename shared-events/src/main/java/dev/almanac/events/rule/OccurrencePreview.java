package dev.almanac.events.rule;

import java.time.Instant;

/**
 * One occurrence as a proposal showed it: the id, start and end rule-expander gives the same
 * occurrence when it materialises it (DST policy and jitter applied), and how its wall-clock time
 * resolved.
 */
public record OccurrencePreview(OccurrenceId occurrenceId, Instant start, Instant end, DstResolution dstResolution) {
}

package dev.almanac.recurrence;

import java.time.Instant;
import java.time.LocalDateTime;

import dev.almanac.events.rule.DstResolution;

/** A wall-clock time the schedule named, read in the rule's zone, and the instant the DST policy made of it. */
record ResolvedTime(LocalDateTime nominal, Instant instant, DstResolution resolution) {
}

package dev.almanac.conflicts.link;

import java.time.Instant;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A pair whose sides disagree, waiting out its grace: it becomes an orphaned link at {@code due} if it
 * still disagrees then. {@code cause} is the envelope of the fact that first made it disagree; the
 * conflict is published with it, as every detection carries its cause's.
 */
public record PendingOrphan(Instant due, EventMetadata cause) {
}

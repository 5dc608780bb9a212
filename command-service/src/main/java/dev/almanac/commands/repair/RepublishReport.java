package dev.almanac.commands.repair;

import org.jspecify.annotations.Nullable;

/**
 * What a republish did.
 *
 * @param read          stored events in the range (and of the aggregate, if one was named)
 * @param published     records sent and acknowledged by Kafka (0 on a dry run)
 * @param notRelayed    events of types the relay never publishes (RelayDecisions ignores them), skipped here as by the relay
 * @param firstSequence the global sequence of the first event read; null when read by aggregate or none was read
 * @param lastSequence  the global sequence of the last event read; null when read by aggregate or none was read
 */
public record RepublishReport(long read, long published, long notRelayed, @Nullable Long firstSequence, @Nullable Long lastSequence,
                              boolean dryRun, long tookMillis) {
}

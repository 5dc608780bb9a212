package dev.almanac.commands.rule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.rule.OccurrenceId;

/**
 * What an exception or a missed-run decision left of one occurrence: where it starts and ends now
 * (null once cancelled or deleted), the backfill run an approval started, and the rule's new version.
 *
 * @param status {@code moved}, {@code cancelled}, {@code backfill_approved}, {@code rescheduled} or {@code deleted}
 */
public record OccurrenceChanged(
        OccurrenceId occurrenceId,
        Instant recurrenceId,
        String status,
        @Nullable Instant start,
        @Nullable Instant end,
        @Nullable OccurrenceId backfillId,
        long version) {
}

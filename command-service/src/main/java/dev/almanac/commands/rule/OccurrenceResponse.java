package dev.almanac.commands.rule;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a command on one occurrence: the occurrence, its recurrence id (the instant its
 * series resolves it to), what became of it, where it starts and ends now (absent once cancelled
 * or deleted), and the backfill run an approval started. The rule's new version is the ETag.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record OccurrenceResponse(
        String ruleId,
        String occurrenceId,
        Instant recurrenceId,
        String status,
        @Nullable Instant start,
        @Nullable Instant end,
        @Nullable String backfillOccurrenceId) {

    static OccurrenceResponse of(String ruleId, OccurrenceChanged changed) {
        return new OccurrenceResponse(ruleId, changed.occurrenceId().value(), changed.recurrenceId(), changed.status(), changed.start(),
                changed.end(), changed.backfillId() == null ? null : changed.backfillId().value());
    }
}

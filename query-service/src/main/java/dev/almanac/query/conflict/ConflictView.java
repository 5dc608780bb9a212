package dev.almanac.query.conflict;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.query.readmodel.Versioned;

/**
 * A conflict: more entries than the calendar's capacity overlap during {@code [start, end)}. The
 * detection fields are absent only if a clearing was projected before its detection. Each
 * transition keeps what its event does not mention; times come from the envelope, never from the
 * clock, so a replay computes the same state.
 */
@Schema(name = "Conflict")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConflictView(
        String id,
        String calendarId,
        ConflictStatus status,
        @Nullable ConflictType type,
        @Nullable ConflictLevel level,
        @Schema(description = "Start of the overlap") @Nullable Instant start,
        @Schema(description = "End of the overlap, exclusive") @Nullable Instant end,
        @Schema(description = "The calendar's capacity when the conflict was computed") @Nullable Integer capacity,
        @Schema(description = "How many entries overlap at the worst instant") @Nullable Integer peakConcurrency,
        List<Entry> entries,
        @Schema(description = "When the conflict was first detected") @Nullable Instant detectedAt,
        @Nullable Instant clearedAt,
        @Nullable String clearedReason,
        @Schema(description = "Aggregate version of the conflict; also the ETag") long version) implements Versioned {

    public ConflictView {
        entries = List.copyOf(entries);
    }

    /** An entry taking part in the conflict, as it stood when the conflict was computed. */
    @Schema(name = "ConflictEntry")
    public record Entry(EntryKind kind, String entryId, String title, Instant start, Instant end) {
    }

    public static ConflictView detected(@Nullable ConflictView before, ConflictDetected detected, EventMetadata envelope) {
        Instant firstDetected = before == null || before.detectedAt() == null ? envelope.time() : before.detectedAt();
        return new ConflictView(detected.conflictId().value(), detected.calendarId().value(), ConflictStatus.ACTIVE,
                detected.type(), detected.level(), detected.start(), detected.end(), detected.capacity(), detected.peakConcurrency(),
                detected.entries().stream()
                        .map(entry -> new Entry(entry.kind(), entry.entryId(), entry.title(), entry.start(), entry.end()))
                        .toList(),
                firstDetected, null, null, envelope.aggregateVersion());
    }

    public static ConflictView cleared(@Nullable ConflictView before, ConflictCleared cleared, EventMetadata envelope) {
        return new ConflictView(cleared.conflictId().value(), cleared.calendarId().value(), ConflictStatus.CLEARED,
                before == null ? null : before.type(), before == null ? null : before.level(),
                before == null ? null : before.start(), before == null ? null : before.end(),
                before == null ? null : before.capacity(), before == null ? null : before.peakConcurrency(),
                before == null ? List.of() : before.entries(), before == null ? null : before.detectedAt(),
                envelope.time(), cleared.reason(), envelope.aggregateVersion());
    }
}

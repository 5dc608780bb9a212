package dev.almanac.query.conflict;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.fromWireOrNull;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.instantOrNull;
import static dev.almanac.query.readmodel.MongoValues.longValue;
import static dev.almanac.query.readmodel.MongoValues.string;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.EntryKind;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.platform.mongo.VersionedWrites;

/**
 * A conflict: more entries than the calendar's capacity overlap during {@code [start, end)}. The
 * detection fields are absent only if a clearing was projected before its detection.
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
        @Schema(description = "Aggregate version of the conflict; also the ETag") long version) {

    /** An entry taking part in the conflict, as it stood when the conflict was computed. */
    @Schema(name = "ConflictEntry")
    public record Entry(EntryKind kind, String entryId, String title, Instant start, Instant end) {
    }

    static ConflictView of(Document document) {
        return new ConflictView(
                document.getString("_id"),
                string(document, Conflicts.CALENDAR_ID),
                fromWire(ConflictStatus.class, string(document, Conflicts.STATUS)),
                fromWireOrNull(ConflictType.class, document.getString(Conflicts.TYPE)),
                fromWireOrNull(ConflictLevel.class, document.getString(Conflicts.LEVEL)),
                instantOrNull(document, Conflicts.START),
                instantOrNull(document, Conflicts.END),
                document.getInteger(Conflicts.CAPACITY),
                document.getInteger(Conflicts.PEAK_CONCURRENCY),
                document.getList(Conflicts.ENTRIES, Document.class, List.of()).stream().map(ConflictView::entry).toList(),
                instantOrNull(document, Conflicts.DETECTED_AT),
                instantOrNull(document, Conflicts.CLEARED_AT),
                document.getString(Conflicts.CLEARED_REASON),
                longValue(document, VersionedWrites.VERSION));
    }

    private static Entry entry(Document entry) {
        return new Entry(fromWire(EntryKind.class, string(entry, Conflicts.ENTRY_KIND)), string(entry, Conflicts.ENTRY_ID),
                string(entry, Conflicts.ENTRY_TITLE), instant(entry, Conflicts.START), instant(entry, Conflicts.END));
    }
}

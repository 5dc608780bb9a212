package dev.almanac.query.conflict;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.List;

import com.mongodb.client.model.Updates;
import org.bson.Document;

import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictEvent;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;

/**
 * Projects the conflict lifecycle into {@link Conflicts#COLLECTION}. A detection (first or
 * repeated with a new window) makes the conflict active; a clearing marks it cleared. Times come
 * from the envelope, never from the clock, so a replay writes the same document.
 */
public final class ConflictProjector implements Projector, ConflictEvent.Handler<Decision<List<ReadModelWrite>>> {

    @Override
    public String name() {
        return "conflicts";
    }

    @Override
    public Decision<List<ReadModelWrite>> on(ConflictDetected detected, EventMetadata envelope) {
        return Projector.writes(new ReadModelWrite(Conflicts.COLLECTION, detected.conflictId().value(), envelope.aggregateVersion(),
                Updates.combine(
                        Updates.set(Conflicts.CALENDAR_ID, detected.calendarId().value()),
                        Updates.set(Conflicts.STATUS, wire(ConflictStatus.ACTIVE)),
                        Updates.set(Conflicts.TYPE, wire(detected.type())),
                        Updates.set(Conflicts.LEVEL, wire(detected.level())),
                        Updates.set(Conflicts.START, detected.start()),
                        Updates.set(Conflicts.END, detected.end()),
                        Updates.set(Conflicts.CAPACITY, detected.capacity()),
                        Updates.set(Conflicts.PEAK_CONCURRENCY, detected.peakConcurrency()),
                        Updates.set(Conflicts.ENTRIES, entries(detected.entries())),
                        Updates.setOnInsert(Conflicts.DETECTED_AT, envelope.time()),
                        Updates.unset(Conflicts.CLEARED_AT),
                        Updates.unset(Conflicts.CLEARED_REASON))));
    }

    @Override
    public Decision<List<ReadModelWrite>> on(ConflictCleared cleared, EventMetadata envelope) {
        return Projector.writes(new ReadModelWrite(Conflicts.COLLECTION, cleared.conflictId().value(), envelope.aggregateVersion(),
                Updates.combine(
                        Updates.set(Conflicts.CALENDAR_ID, cleared.calendarId().value()),
                        Updates.set(Conflicts.STATUS, wire(ConflictStatus.CLEARED)),
                        Updates.set(Conflicts.CLEARED_AT, envelope.time()),
                        Updates.set(Conflicts.CLEARED_REASON, cleared.reason()))));
    }

    private static List<Document> entries(List<ConflictingEntry> entries) {
        return entries.stream()
                .map(entry -> new Document(Conflicts.ENTRY_KIND, wire(entry.kind()))
                        .append(Conflicts.ENTRY_ID, entry.entryId())
                        .append(Conflicts.ENTRY_TITLE, entry.title())
                        .append(Conflicts.START, entry.start())
                        .append(Conflicts.END, entry.end()))
                .toList();
    }
}

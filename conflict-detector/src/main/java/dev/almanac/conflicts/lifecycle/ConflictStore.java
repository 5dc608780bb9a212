package dev.almanac.conflicts.lifecycle;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.EntryKind;
import dev.almanac.events.EventCatalog;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.conflict.ConflictCleared;
import dev.almanac.events.conflict.ConflictDetected;
import dev.almanac.events.conflict.ConflictId;
import dev.almanac.events.conflict.ConflictLevel;
import dev.almanac.events.conflict.ConflictType;
import dev.almanac.events.conflict.ConflictingEntry;
import dev.almanac.platform.mongo.VersionedWrites;

/**
 * Every conflict conflict-detector has published, one document per conflict id. Each
 * document holds the last {@code ConflictDetected} published for it, its status and the
 * version of its last event; it is written after that event was acknowledged, at most once
 * per version.
 */
@Component
public class ConflictStore {

    static final String COLLECTION = "conflicts";
    private static final String ACTIVE = status(ConflictStatus.ACTIVE);

    private final MongoCollection<Document> conflicts;

    public ConflictStore(MongoDatabase database) {
        this.conflicts = database.getCollection(COLLECTION);
    }

    public Mono<Void> createIndexes() {
        return Mono.from(conflicts.createIndex(Indexes.ascending("calendar_id", "status", "start")))
                .then(Mono.from(conflicts.createIndex(Indexes.ascending("entry_keys"))))
                .then();
    }

    /** Records a published change. @return true if it was newer than what the store held */
    public Mono<Boolean> record(ConflictChange change) {
        return VersionedWrites.applyIfNewer(conflicts, change.conflictId().value(), change.version(),
                Updates.combine(update(change),
                        Updates.set("last_event_id", ConflictEventMetadata.eventId(change.conflictId(), change.version())),
                        Updates.set("last_event_type", EventCatalog.of(change.event()).ceType())));
    }

    /** Active conflicts of the calendar whose window overlaps {@code range}. */
    public Flux<StoredConflict> activeOverlapping(CalendarId calendarId, TimeRange range) {
        return find(Filters.and(
                Filters.eq("calendar_id", calendarId.value()),
                Filters.eq("status", ACTIVE),
                Filters.lt("start", Date.from(range.end())),
                Filters.gt("end", Date.from(range.start()))));
    }

    public Flux<StoredConflict> activeInvolving(CalendarId calendarId, EntryKey entry) {
        return find(Filters.and(
                Filters.eq("calendar_id", calendarId.value()),
                Filters.eq("status", ACTIVE),
                Filters.eq("entry_keys", entry.token())));
    }

    public Flux<StoredConflict> active(CalendarId calendarId) {
        return find(Filters.and(Filters.eq("calendar_id", calendarId.value()), Filters.eq("status", ACTIVE)));
    }

    /** The conflicts with these ids, whatever their status. */
    public Flux<StoredConflict> withIds(Collection<ConflictId> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return find(Filters.in("_id", ids.stream().map(ConflictId::value).toList()));
    }

    private Flux<StoredConflict> find(Bson filter) {
        return Flux.from(conflicts.find(filter)).map(ConflictStore::stored);
    }

    private static Bson update(ConflictChange change) {
        if (change instanceof ConflictChange.Detection detection) {
            ConflictDetected event = detection.event();
            return Updates.combine(
                    Updates.set("calendar_id", event.calendarId().value()),
                    Updates.set("status", ACTIVE),
                    Updates.set("type", event.type().name().toLowerCase(Locale.ROOT)),
                    Updates.set("level", event.level().name().toLowerCase(Locale.ROOT)),
                    Updates.set("start", Date.from(event.start())),
                    Updates.set("end", Date.from(event.end())),
                    Updates.set("capacity", event.capacity()),
                    Updates.set("peak_concurrency", event.peakConcurrency()),
                    Updates.set("entries", event.entries().stream().map(ConflictStore::entryDocument).toList()),
                    Updates.set("entry_keys", event.entries().stream()
                            .map(entry -> new EntryKey(entry.kind(), entry.entryId()).token()).toList()),
                    Updates.unset("cleared_reason"));
        }
        ConflictCleared event = ((ConflictChange.Clearance) change).event();
        return Updates.combine(
                Updates.set("calendar_id", event.calendarId().value()),
                Updates.set("status", status(ConflictStatus.CLEARED)),
                Updates.set("cleared_reason", event.reason()));
    }

    private static Document entryDocument(ConflictingEntry entry) {
        return new Document("kind", entry.kind().name().toLowerCase(Locale.ROOT))
                .append("entry_id", entry.entryId())
                .append("title", entry.title())
                .append("start", Date.from(entry.start()))
                .append("end", Date.from(entry.end()));
    }

    private static StoredConflict stored(Document document) {
        ConflictDetected lastDetected = new ConflictDetected(
                ConflictId.of(document.getString("_id")),
                CalendarId.of(document.getString("calendar_id")),
                ConflictType.valueOf(upper(document.getString("type"))),
                ConflictLevel.valueOf(upper(document.getString("level"))),
                instant(document, "start"),
                instant(document, "end"),
                document.getInteger("capacity"),
                document.getInteger("peak_concurrency"),
                document.getList("entries", Document.class, List.of()).stream().map(ConflictStore::entry).toList());
        return new StoredConflict(lastDetected, ConflictStatus.valueOf(upper(document.getString("status"))),
                document.getLong(VersionedWrites.VERSION));
    }

    private static ConflictingEntry entry(Document document) {
        return new ConflictingEntry(EntryKind.valueOf(upper(document.getString("kind"))), document.getString("entry_id"),
                document.getString("title"), instant(document, "start"), instant(document, "end"));
    }

    private static Instant instant(Document document, String field) {
        return document.getDate(field).toInstant();
    }

    private static String status(ConflictStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String upper(String value) {
        return value.toUpperCase(Locale.ROOT);
    }
}

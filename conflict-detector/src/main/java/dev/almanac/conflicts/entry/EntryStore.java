package dev.almanac.conflicts.entry;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.detection.Entry;
import dev.almanac.conflicts.detection.EntryKey;
import dev.almanac.events.EntryKind;
import dev.almanac.events.TimeRange;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.platform.mongo.VersionedWrites;

/**
 * Every item and occurrence on every calendar, one document per entry keyed by its
 * {@linkplain EntryKey#token() token}, written at most once per version. Instants are stored
 * as BSON dates, so they are kept to the millisecond.
 */
@Component
public class EntryStore {

    static final String COLLECTION = "entries";

    private final MongoCollection<Document> entries;

    public EntryStore(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
    }

    public Mono<Void> createIndexes() {
        return Mono.from(entries.createIndex(Indexes.ascending("calendar_id", "start"))).then();
    }

    /** An entry was put on the calendar, or its occurrence was materialised again. */
    public Mono<Boolean> place(CalendarId calendarId, Entry entry, long version) {
        return VersionedWrites.applyIfNewer(entries, entry.key().token(), version, Updates.combine(
                identity(calendarId, entry.key()),
                Updates.set("title", entry.title()),
                time(entry.time())));
    }

    /**
     * An entry moved. A move can arrive for an entry whose placement this store never saw
     * (for example after topic retention); it is stored with an empty title then.
     */
    public Mono<Boolean> move(CalendarId calendarId, EntryKey key, TimeRange to, long version) {
        return VersionedWrites.applyIfNewer(entries, key.token(), version, Updates.combine(
                identity(calendarId, key),
                Updates.setOnInsert("title", ""),
                time(to)));
    }

    public Mono<Entry> find(EntryKey key) {
        return Mono.from(entries.find(Filters.eq("_id", key.token())).first()).map(EntryStore::entry);
    }

    /** The calendar's entries that meet the closed range {@code [range.start, range.end]}, touching ones included. */
    public Flux<Entry> meeting(CalendarId calendarId, TimeRange range) {
        return Flux.from(entries.find(Filters.and(
                        Filters.eq("calendar_id", calendarId.value()),
                        Filters.lte("start", Date.from(range.end())),
                        Filters.gte("end", Date.from(range.start()))))
                .sort(Sorts.ascending("start")))
                .map(EntryStore::entry);
    }

    public Flux<Entry> onCalendar(CalendarId calendarId) {
        return Flux.from(entries.find(Filters.eq("calendar_id", calendarId.value())).sort(Sorts.ascending("start")))
                .map(EntryStore::entry);
    }

    private static Bson identity(CalendarId calendarId, EntryKey key) {
        return Updates.combine(
                Updates.set("calendar_id", calendarId.value()),
                Updates.set("kind", key.kind().name().toLowerCase(Locale.ROOT)),
                Updates.set("entry_id", key.id()));
    }

    private static Bson time(TimeRange time) {
        return Updates.combine(Updates.set("start", Date.from(time.start())), Updates.set("end", Date.from(time.end())));
    }

    private static Entry entry(Document document) {
        EntryKey key = new EntryKey(EntryKind.valueOf(document.getString("kind").toUpperCase(Locale.ROOT)),
                document.getString("entry_id"));
        return new Entry(key, document.getString("title"), new TimeRange(instant(document, "start"), instant(document, "end")));
    }

    private static Instant instant(Document document, String field) {
        return document.getDate(field).toInstant();
    }
}

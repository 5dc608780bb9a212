package dev.almanac.query.entry;

import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.string;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import dev.almanac.events.TimeRange;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code entries} read model: one document per one-off item and per materialised
 * occurrence, keyed by the item's or occurrence's id.
 */
@Component
public class Entries implements ReadModel {

    public static final String COLLECTION = "entries";

    static final String KIND = "kind";
    static final String CALENDAR_ID = "calendar_id";
    static final String TITLE = "title";
    static final String TYPE = "type";
    static final String START = "start";
    static final String END = "end";
    static final String TIMEZONE = "timezone";
    static final String PRIORITY = "priority";
    static final String TAGS = "tags";
    static final String SOURCE = "source";
    static final String RULE_ID = "rule_id";
    static final String RULE_VERSION = "rule_version";
    static final String RESOLVED_AT = "resolved_at";
    static final String NOMINAL_LOCAL_TIME = "nominal_local_time";
    static final String DST_RESOLUTION = "dst_resolution";
    static final String TZDATA_VERSION = "tzdata_version";
    static final String RESCHEDULE_COUNT = "reschedule_count";
    static final String PREVIOUS_START = "previous_start";
    static final String RESCHEDULE_REASON = "reschedule_reason";

    private final MongoCollection<Document> collection;

    public Entries(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    /** {@code start} for windows across calendars; {@code calendar_id, start} for one calendar's entries. */
    @Override
    public List<Bson> indexes() {
        return List.of(Indexes.ascending(START), Indexes.ascending(CALENDAR_ID, START));
    }

    /**
     * Entries that start in {@code [window.start, window.end)}, optionally on one calendar, with
     * only the fields a window counts. An indexed range find on {@code start}, unsorted.
     */
    public Flux<EntryTiming> startingIn(TimeRange window, @Nullable String calendarId) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.gte(START, window.start()), Filters.lt(START, window.end())));
        if (calendarId != null) {
            filters.add(Filters.eq(CALENDAR_ID, calendarId));
        }
        return Flux.from(collection.find(Filters.and(filters))
                        .projection(Projections.include(START, END, CALENDAR_ID, TYPE)))
                .map(document -> new EntryTiming(instant(document, START), instant(document, END),
                        string(document, CALENDAR_ID), string(document, TYPE)));
    }

    /**
     * One page of a calendar's entries that overlap {@code [window.start, window.end)}, in
     * (start, id) order, after {@code cursor} when given. Fetches one more than {@code limit}
     * so the caller can tell whether another page follows.
     */
    public Flux<Document> overlapping(String calendarId, TimeRange window, @Nullable EntryCursor cursor, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(
                Filters.eq(CALENDAR_ID, calendarId),
                Filters.lt(START, window.end()),
                Filters.gt(END, window.start())));
        if (cursor != null) {
            filters.add(Filters.or(
                    Filters.gt(START, cursor.start()),
                    Filters.and(Filters.eq(START, cursor.start()), Filters.gt("_id", cursor.id()))));
        }
        return Flux.from(collection.find(Filters.and(filters))
                .sort(Sorts.ascending(START, "_id"))
                .limit(limit + 1));
    }
}

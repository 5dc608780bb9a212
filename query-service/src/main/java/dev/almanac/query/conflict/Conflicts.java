package dev.almanac.query.conflict;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.ReadModel;

/** The {@code conflicts} read model: one document per conflict id, active until cleared. */
@Component
public class Conflicts implements ReadModel {

    public static final String COLLECTION = "conflicts";

    static final String CALENDAR_ID = "calendar_id";
    static final String STATUS = "status";
    static final String TYPE = "type";
    static final String LEVEL = "level";
    static final String START = "start";
    static final String END = "end";
    static final String CAPACITY = "capacity";
    static final String PEAK_CONCURRENCY = "peak_concurrency";
    static final String ENTRIES = "entries";
    static final String ENTRY_KIND = "kind";
    static final String ENTRY_ID = "entry_id";
    static final String ENTRY_TITLE = "title";
    static final String DETECTED_AT = "detected_at";
    static final String CLEARED_AT = "cleared_at";
    static final String CLEARED_REASON = "cleared_reason";

    private final MongoCollection<Document> collection;

    public Conflicts(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public List<Bson> indexes() {
        return List.of(Indexes.ascending(CALENDAR_ID, START), Indexes.ascending(STATUS, START));
    }

    public Mono<ConflictView> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(ConflictView::of);
    }

    /** Conflicts by start and then id, optionally of one calendar and in one status. */
    public Flux<ConflictView> list(@Nullable String calendarId, @Nullable ConflictStatus status, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (calendarId != null) {
            filters.add(Filters.eq(CALENDAR_ID, calendarId));
        }
        if (status != null) {
            filters.add(Filters.eq(STATUS, wire(status)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return Flux.from(collection.find(filter).sort(Sorts.ascending(START, "_id")).limit(limit)).map(ConflictView::of);
    }
}

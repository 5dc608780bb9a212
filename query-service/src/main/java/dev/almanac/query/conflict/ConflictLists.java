package dev.almanac.query.conflict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.conflict.ConflictStatus;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The conflict lists, by calendar, by resource or over all calendars: {@code conflict_days} holds each scope's
 * conflicts by the UTC day their overlap starts ({@link ConflictDay}), and {@code conflict_index}
 * how many each day holds per status ({@link ConflictIndex}). A list reads the scope's index by
 * {@code _id}, then by {@code _id} the first days that hold enough conflicts in the
 * wanted status, so it reads about {@code limit} conflicts however many exist.
 */
@Component
public class ConflictLists implements ReadModel {

    public static final String DAYS = "conflict_days";
    public static final String INDEX = "conflict_index";

    /** By start (a missing start first, as MongoDB sorts it) and then id. */
    static final Comparator<ConflictView> ORDER = Comparator
            .comparing(ConflictView::start, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(ConflictView::id);

    private final MongoCollection<Document> days;
    private final MongoCollection<Document> index;
    private final ConflictIndexCodec indexCodec = new ConflictIndexCodec();

    public ConflictLists(MongoDatabase database) {
        this.days = database.getCollection(DAYS);
        this.index = database.getCollection(INDEX);
    }

    @Override
    public List<String> collections() {
        return List.of(DAYS, INDEX);
    }

    /** Conflicts by start and then id, optionally of one calendar and in one status, at most {@code limit}. */
    public Flux<ConflictView> list(@Nullable String calendarId, @Nullable ConflictStatus status, int limit) {
        return list(calendarId, status, null, limit);
    }

    /**
     * As {@link #list(String, ConflictStatus, int)}, after {@code cursor} when given: the buckets from
     * the cursor's on, the cursor's own not counted towards the page, since part of it lies before.
     */
    public Flux<ConflictView> list(@Nullable String calendarId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                   int limit) {
        return listScope(calendarId == null ? ConflictDay.ALL : calendarId, status, cursor, limit);
    }

    /** The conflicts of one resource, by start and then id, optionally in one status, after {@code cursor}, at most {@code limit}. */
    public Flux<ConflictView> listOfResource(String resourceId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                             int limit) {
        return listScope(ConflictDay.resourceScope(resourceId), status, cursor, limit);
    }

    private Flux<ConflictView> listScope(String scope, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor, int limit) {
        return Mono.from(index.find(Filters.eq("_id", scope)).first())
                .map(indexCodec::decode)
                .flatMapMany(found -> {
                    List<String> ids = bucketsToRead(found, status, cursor, limit);
                    if (ids.isEmpty()) {
                        return Flux.empty();
                    }
                    return KeyLookups.byIds(days, ids, null)
                            .concatMapIterable(ConflictDayCodec::conflicts)
                            .filter(conflict -> (status == null || conflict.status() == status)
                                    && (cursor == null || cursor.precedes(conflict)))
                            .sort(ORDER)
                            .take(limit);
                });
    }

    /** The calendar's conflicts whose overlap starts on one of these UTC days, in any status: one key lookup a day. */
    public Flux<ConflictView> startingOn(String calendarId, List<LocalDate> days) {
        return KeyLookups.byIds(this.days, days.stream().map(day -> ConflictDay.id(calendarId, day.toString())).toList(), null)
                .concatMapIterable(ConflictDayCodec::conflicts);
    }

    private static List<String> bucketsToRead(ConflictIndex found, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                              int limit) {
        List<String> ids = new ArrayList<>();
        long covered = 0;
        Map<String, ConflictIndex.Counts> buckets = cursor == null ? found.buckets() : found.buckets().tailMap(cursor.bucket());
        for (Map.Entry<String, ConflictIndex.Counts> bucket : buckets.entrySet()) {
            if (covered >= limit) {
                break;
            }
            int count = bucket.getValue().of(status);
            if (count > 0) {
                ids.add(ConflictDay.id(found.scope(), bucket.getKey()));
                if (cursor == null || !bucket.getKey().equals(cursor.bucket())) {
                    covered += count;
                }
            }
        }
        return ids;
    }
}

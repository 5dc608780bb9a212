package dev.almanac.query.conflict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.function.Predicate;

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
 * wanted status, so it reads about {@code limit} conflicts however many exist. A list that leaves out the conflicts
 * its caller may not see reads on, a run of buckets at a time, while they left the page short.
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
        return list(calendarId, status, cursor, limit, conflict -> true);
    }

    /**
     * As {@link #list(String, ConflictStatus, ConflictCursor, int)}, of the conflicts {@code shown} accepts only: those
     * it refuses take no place on the page, and more buckets are read while they leave it short.
     */
    public Flux<ConflictView> list(@Nullable String calendarId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                   int limit, Predicate<ConflictView> shown) {
        return listScope(calendarId == null ? ConflictDay.ALL : calendarId, status, cursor, limit, shown);
    }

    /**
     * The conflicts of one resource that {@code shown} accepts, by start and then id, optionally in one status, after
     * {@code cursor}, at most {@code limit}.
     */
    public Flux<ConflictView> listOfResource(String resourceId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                             int limit, Predicate<ConflictView> shown) {
        return listScope(ConflictDay.resourceScope(resourceId), status, cursor, limit, shown);
    }

    private Flux<ConflictView> listScope(String scope, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor, int limit,
                                         Predicate<ConflictView> shown) {
        return Mono.from(index.find(Filters.eq("_id", scope)).first())
                .map(indexCodec::decode)
                .flatMap(found -> read(scope, cursor == null ? found.buckets() : found.buckets().tailMap(cursor.bucket()), status, cursor,
                        limit, shown))
                .flatMapIterable(Function.identity());
    }

    /**
     * The first {@code wanted} conflicts of {@code buckets} in {@code status}, after {@code cursor}, that {@code shown}
     * accepts, in order: the buckets that hold {@code wanted} such conflicts by the index, and, while refused ones
     * left fewer, the buckets after them. Buckets are UTC days, so each run's conflicts follow the previous run's.
     */
    private Mono<List<ConflictView>> read(String scope, SortedMap<String, ConflictIndex.Counts> buckets, @Nullable ConflictStatus status,
                                          @Nullable ConflictCursor cursor, int wanted, Predicate<ConflictView> shown) {
        List<String> run = bucketsToRead(buckets, status, cursor, wanted);
        if (run.isEmpty()) {
            return Mono.just(List.of());
        }
        SortedMap<String, ConflictIndex.Counts> after = buckets.tailMap(run.get(run.size() - 1) + '\0');
        return KeyLookups.byIds(days, run.stream().map(bucket -> ConflictDay.id(scope, bucket)).toList(), null)
                .concatMapIterable(ConflictDayCodec::conflicts)
                .filter(conflict -> (status == null || conflict.status() == status)
                        && (cursor == null || cursor.precedes(conflict)) && shown.test(conflict))
                .sort(ORDER)
                .take(wanted)
                .collectList()
                .flatMap(page -> page.size() >= wanted || after.isEmpty() ? Mono.just(page)
                        : read(scope, after, status, cursor, wanted - page.size(), shown).map(more -> {
                            List<ConflictView> both = new ArrayList<>(page);
                            both.addAll(more);
                            return both;
                        }));
    }

    /** The calendar's conflicts whose overlap starts on one of these UTC days, in any status: one key lookup a day. */
    public Flux<ConflictView> startingOn(String calendarId, List<LocalDate> days) {
        return KeyLookups.byIds(this.days, days.stream().map(day -> ConflictDay.id(calendarId, day.toString())).toList(), null)
                .concatMapIterable(ConflictDayCodec::conflicts);
    }

    /** The buckets, from the first of {@code buckets}, that hold {@code limit} conflicts in {@code status} after {@code cursor}. */
    private static List<String> bucketsToRead(SortedMap<String, ConflictIndex.Counts> buckets, @Nullable ConflictStatus status,
                                              @Nullable ConflictCursor cursor, int limit) {
        List<String> read = new ArrayList<>();
        long covered = 0;
        for (Map.Entry<String, ConflictIndex.Counts> bucket : buckets.entrySet()) {
            if (covered >= limit) {
                break;
            }
            int count = bucket.getValue().of(status);
            if (count > 0) {
                read.add(bucket.getKey());
                if (cursor == null || !bucket.getKey().equals(cursor.bucket())) {
                    covered += count;
                }
            }
        }
        return read;
    }
}

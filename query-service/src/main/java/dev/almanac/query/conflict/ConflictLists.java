package dev.almanac.query.conflict;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
 * its caller may not see reads on, a run of buckets at a time, while they left the page short, up to
 * {@code almanac.query.conflicts.examined-per-page} conflicts: a caller who may see few of many conflicts gets a short
 * page and a cursor to read on from, rather than a request that reads the whole history.
 */
@Component
public class ConflictLists implements ReadModel {

    public static final String DAYS = "conflict_days";
    public static final String INDEX = "conflict_index";

    /** By start (a missing start first, as MongoDB sorts it) and then id. */
    static final Comparator<ConflictView> ORDER = Comparator
            .comparing(ConflictView::start, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(ConflictView::id);

    /** The most conflicts a page reads on past those its caller may not see, by default. */
    static final int EXAMINED_PER_PAGE = 5_000;

    private final MongoCollection<Document> days;
    private final MongoCollection<Document> index;
    private final ConflictIndexCodec indexCodec = new ConflictIndexCodec();
    private final int examinedPerPage;

    public ConflictLists(MongoDatabase database) {
        this(database, EXAMINED_PER_PAGE);
    }

    @Autowired
    public ConflictLists(MongoDatabase database,
                         @Value("${almanac.query.conflicts.examined-per-page:" + EXAMINED_PER_PAGE + "}") int examinedPerPage) {
        if (examinedPerPage < 1) {
            throw new IllegalArgumentException("almanac.query.conflicts.examined-per-page must be at least 1, not " + examinedPerPage);
        }
        this.days = database.getCollection(DAYS);
        this.index = database.getCollection(INDEX);
        this.examinedPerPage = examinedPerPage;
    }

    /**
     * A page of a list that leaves out what its caller may not see.
     *
     * @param conflicts  in the lists' order, at most the limit asked for
     * @param readOnFrom set when the conflicts read for the page ran out of the examined-per-page before it was full
     *                   and more days follow: the next page starts there; it lies after every conflict read
     */
    public record Page(List<ConflictView> conflicts, @Nullable ConflictCursor readOnFrom) {
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
        // Everything shown: the index's counts lead straight to the buckets that fill the page, and nothing is read on.
        return pageOfScope(calendarId == null ? ConflictDay.ALL : calendarId, status, cursor, limit, conflict -> true, Integer.MAX_VALUE)
                .flatMapIterable(Page::conflicts);
    }

    /**
     * As {@link #list(String, ConflictStatus, ConflictCursor, int)}, of the conflicts {@code shown} accepts only: those
     * it refuses take no place on the page, and more buckets are read while they leave it short, until the page is full
     * or the examined-per-page has been read.
     */
    public Mono<Page> page(@Nullable String calendarId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                           int limit, Predicate<ConflictView> shown) {
        return pageOfScope(calendarId == null ? ConflictDay.ALL : calendarId, status, cursor, limit, shown, examinedPerPage);
    }

    /** As {@link #page}, of one resource's conflicts. */
    public Mono<Page> pageOfResource(String resourceId, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor,
                                     int limit, Predicate<ConflictView> shown) {
        return pageOfScope(ConflictDay.resourceScope(resourceId), status, cursor, limit, shown, examinedPerPage);
    }

    private Mono<Page> pageOfScope(String scope, @Nullable ConflictStatus status, @Nullable ConflictCursor cursor, int limit,
                                   Predicate<ConflictView> shown, int examined) {
        return Mono.from(index.find(Filters.eq("_id", scope)).first())
                .map(indexCodec::decode)
                .flatMap(found -> read(scope, cursor == null ? found.buckets() : found.buckets().tailMap(cursor.bucket()), status, cursor,
                        limit, shown, examined))
                .defaultIfEmpty(new Page(List.of(), null));
    }

    /**
     * The first {@code wanted} conflicts of {@code buckets} in {@code status}, after {@code cursor}, that {@code shown}
     * accepts, in order: the buckets that hold {@code wanted} such conflicts by the index, and, while refused ones
     * left fewer, the buckets after them, as long as fewer than {@code examined} conflicts in {@code status} were read.
     * Buckets are UTC days, so each run's conflicts follow the previous run's.
     */
    private Mono<Page> read(String scope, SortedMap<String, ConflictIndex.Counts> buckets, @Nullable ConflictStatus status,
                            @Nullable ConflictCursor cursor, int wanted, Predicate<ConflictView> shown, int examined) {
        List<String> run = bucketsToRead(buckets, status, cursor, wanted);
        if (run.isEmpty()) {
            return Mono.just(new Page(List.of(), null));
        }
        SortedMap<String, ConflictIndex.Counts> after = buckets.tailMap(run.get(run.size() - 1) + '\0');
        AtomicInteger read = new AtomicInteger();
        return KeyLookups.byIds(days, run.stream().map(bucket -> ConflictDay.id(scope, bucket)).toList(), null)
                .concatMapIterable(ConflictDayCodec::conflicts)
                .filter(conflict -> (status == null || conflict.status() == status) && (cursor == null || cursor.precedes(conflict)))
                .doOnNext(conflict -> read.incrementAndGet())
                .filter(shown)
                .sort(ORDER)
                .take(wanted)
                .collectList()
                .flatMap(page -> {
                    if (page.size() >= wanted || after.isEmpty()) {
                        return Mono.just(new Page(page, null));
                    }
                    int left = examined - read.get();
                    if (left <= 0) {
                        return Mono.just(new Page(page, ConflictCursor.fromStartOf(after.firstKey())));
                    }
                    return read(scope, after, status, cursor, wanted - page.size(), shown, left).map(more -> {
                        List<ConflictView> both = new ArrayList<>(page);
                        both.addAll(more.conflicts());
                        return new Page(both, more.readOnFrom());
                    });
                });
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

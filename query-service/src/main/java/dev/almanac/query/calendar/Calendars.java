package dev.almanac.query.calendar;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.FindPublisher;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.Tenant;
import dev.almanac.platform.consistency.ConsistencyToken;
import dev.almanac.platform.problem.ProblemException;
import dev.almanac.query.access.CalendarReaders;
import dev.almanac.query.consistency.ConsistencySource;
import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code calendars} read model: one document per calendar, keyed by calendar id. */
@Component
public class Calendars implements ReadModel {

    public static final String COLLECTION = "calendars";
    public static final EntityKind<CalendarView> KIND = new EntityKind<>(COLLECTION, new CalendarCodec());

    /** At most this many calendar ids are remembered as found; past it, the memory starts again empty. */
    static final int MAX_KNOWN = 100_000;
    /** How long a calendar found is taken to exist without a lookup: a deletion reaches the window within this. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    private final MongoCollection<Document> collection;
    /**
     * Ids of calendars found, each with the {@link System#nanoTime} it was last found at. A window of one calendar, asked
     * thousands of times a second, need not look it up each time; but a calendar may be deleted (ADR 0084), so one found
     * is looked up again after {@link #RECHECK}: a window of a deleted calendar answers 404, as its other reads do, within
     * a second on every replica.
     */
    private final Map<String, Long> known = new ConcurrentHashMap<>();

    private final long recheckNanos;

    @Autowired
    public Calendars(MongoDatabase database) {
        this(database, RECHECK);
    }

    Calendars(MongoDatabase database, Duration recheck) {
        this.collection = database.getCollection(COLLECTION);
        this.recheckNanos = recheck.toNanos();
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** One calendar, by a lookup of its {@code _id}; a deleted one's tombstone reads as no calendar (ADR 0084). */
    public Mono<CalendarView> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(KIND.codec()::decode).filter(calendar -> !calendar.isDeleted());
    }

    /** One calendar, by a lookup of its {@code _id}, or a 404 problem naming the id when no calendar has it. */
    public Mono<CalendarView> require(String id) {
        return find(id).switchIfEmpty(Mono.error(() -> unknown(id)));
    }

    /** The 404 problem of a read that names a calendar no one created. */
    static ProblemException unknown(String id) {
        return CalendarReaders.noSuchCalendar("id", id);
    }

    /**
     * Whether a calendar with this id exists: at once for one found within {@link #RECHECK}, else by a lookup of its
     * {@code _id}. An id not found (or found deleted) is looked up again every time, so a calendar shows as soon as it is
     * projected.
     */
    public Mono<Boolean> exists(String id) {
        Long foundAt = known.get(id);
        if (foundAt != null && System.nanoTime() - foundAt < recheckNanos) {
            return Mono.just(true);
        }
        return KeyLookups.byIds(collection, List.of(id), List.of("_id", CalendarCodec.DELETED_AT)).next()
                .filter(found -> !found.containsKey(CalendarCodec.DELETED_AT))
                .map(found -> {
                    if (known.size() >= MAX_KNOWN) {
                        known.clear();
                    }
                    known.put(id, System.nanoTime());
                    return true;
                })
                .defaultIfEmpty(false)
                .doOnNext(exists -> {
                    if (!exists) {
                        known.remove(id);
                    }
                });
    }

    /** The calendars with these ids that exist, in no particular order, by lookups of their {@code _id}. */
    public Flux<CalendarView> findAll(Collection<String> ids) {
        return KeyLookups.byIds(collection, ids, null).map(KIND.codec()::decode).filter(calendar -> !calendar.isDeleted());
    }

    /**
     * Every calendar, by name and then id. This reads the whole collection: the list has no filter
     * and returns every calendar, and calendars are few next to entries.
     */
    public Flux<CalendarView> all() {
        return all(null);
    }

    /** As {@link #all()}, of {@code tenant}'s calendars only when given: a range of their ids (ADR 0102), not a scan. */
    public Flux<CalendarView> all(@Nullable Tenant tenant) {
        FindPublisher<Document> found = tenant == null ? collection.find() : collection.find(KeyLookups.idsBeginningWith(tenant.prefix()));
        return Flux.from(found.sort(Sorts.ascending(CalendarCodec.NAME, "_id"))).map(KIND.codec()::decode)
                .filter(calendar -> !calendar.isDeleted());
    }

    /** What the consistency gate reads of a calendar: the version this read model holds. */
    @Bean
    public ConsistencySource calendarVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.CALENDAR, id -> find(id).map(CalendarView::version));
    }
}

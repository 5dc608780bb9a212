package dev.almanac.query.calendar;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

    private final MongoCollection<Document> collection;
    /**
     * Ids of calendars found. A deactivated calendar stays, and stays readable, and only an empty one is deleted (ADR
     * 0084), so one found is treated as existing from then on: a window of one calendar, asked thousands of times a
     * second, need not look it up each time (a window of a calendar deleted since shows it empty).
     */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public Calendars(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
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
     * Whether a calendar with this id exists: at once for one found before, else by a lookup of its {@code _id}. An id
     * not found is looked up again every time, so a calendar shows as soon as it is projected.
     */
    public Mono<Boolean> exists(String id) {
        if (known.contains(id)) {
            return Mono.just(true);
        }
        return KeyLookups.byIds(collection, List.of(id), List.of("_id", CalendarCodec.DELETED_AT)).next()
                .filter(found -> !found.containsKey(CalendarCodec.DELETED_AT))
                .map(found -> {
                    if (known.size() >= MAX_KNOWN) {
                        known.clear();
                    }
                    known.add(id);
                    return true;
                })
                .defaultIfEmpty(false);
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
        return Flux.from(collection.find().sort(Sorts.ascending(CalendarCodec.NAME, "_id"))).map(KIND.codec()::decode)
                .filter(calendar -> !calendar.isDeleted());
    }

    /** What the consistency gate reads of a calendar: the version this read model holds. */
    @Bean
    public ConsistencySource calendarVersions() {
        return new ConsistencySource(ConsistencyToken.Kind.CALENDAR, id -> find(id).map(CalendarView::version));
    }
}

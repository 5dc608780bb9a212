package dev.almanac.query.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.query.readmodel.EntityKind;
import dev.almanac.query.readmodel.KeyLookups;
import dev.almanac.query.readmodel.ReadModel;

/**
 * The {@code calendar_access} read model: one document per calendar, keyed by calendar id, apart from
 * {@code calendars} so that a calendar's readers do not see who holds it.
 */
@Component
public class CalendarAccesses implements ReadModel {

    public static final String COLLECTION = "calendar_access";
    public static final EntityKind<CalendarAccessView> KIND = new EntityKind<>(COLLECTION, new CalendarAccessCodec());

    private final MongoCollection<Document> collection;

    public CalendarAccesses(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** One calendar's access, by a lookup of its {@code _id}. */
    public Mono<CalendarAccessView> find(String calendarId) {
        return Mono.from(collection.find(Filters.eq("_id", calendarId)).first()).map(KIND.codec()::decode);
    }

    /** The access of those of {@code calendarIds} that have an owner or a grant, looked up by {@code _id}. */
    public Flux<CalendarAccessView> findAll(Collection<String> calendarIds) {
        return KeyLookups.byIds(collection, new LinkedHashSet<>(calendarIds), null).map(KIND.codec()::decode);
    }

    /**
     * Every calendar's access: the collection holds a document per calendar from its creation on. A scan;
     * {@link RestrictedCalendars} keeps what it finds.
     */
    public Flux<CalendarAccessView> all() {
        return Flux.from(collection.find()).map(KIND.codec()::decode);
    }

    /**
     * Every calendar with at least one grant, the only ones development mode does not show to everyone. It scans the
     * collection; {@link RestrictedCalendars} keeps what it finds.
     */
    public Flux<CalendarAccessView> restricted() {
        return Flux.from(collection.find(Filters.exists(CalendarAccessCodec.GRANTS + ".0"))).map(KIND.codec()::decode);
    }
}

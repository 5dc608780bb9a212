package dev.almanac.query.calendar;

import static dev.almanac.query.readmodel.MongoValues.fromWire;
import static dev.almanac.query.readmodel.MongoValues.instant;
import static dev.almanac.query.readmodel.MongoValues.longValue;

import java.time.ZoneId;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.calendar.CalendarType;
import dev.almanac.events.calendar.OverbookingPolicy;
import dev.almanac.platform.mongo.VersionedWrites;
import dev.almanac.query.readmodel.ReadModel;

/** The {@code calendars} read model: one document per calendar, keyed by calendar id. */
@Component
public class Calendars implements ReadModel {

    public static final String COLLECTION = "calendars";

    static final String NAME = "name";
    static final String TYPE = "type";
    static final String TIMEZONE = "timezone";
    static final String CAPACITY = "capacity";
    static final String OVERBOOKING_POLICY = "overbooking_policy";
    static final String CREATED_AT = "created_at";

    private final MongoCollection<Document> collection;

    public Calendars(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public String collection() {
        return COLLECTION;
    }

    @Override
    public List<Bson> indexes() {
        return List.of();
    }

    public Mono<CalendarView> find(String id) {
        return Mono.from(collection.find(Filters.eq("_id", id)).first()).map(Calendars::view);
    }

    /** Every calendar, by name and then id. */
    public Flux<CalendarView> all() {
        return Flux.from(collection.find().sort(Sorts.ascending(NAME, "_id"))).map(Calendars::view);
    }

    static CalendarView view(Document document) {
        return new CalendarView(
                document.getString("_id"),
                document.getString(NAME),
                fromWire(CalendarType.class, document.getString(TYPE)),
                ZoneId.of(document.getString(TIMEZONE)),
                document.getInteger(CAPACITY, 0),
                fromWire(OverbookingPolicy.class, document.getString(OVERBOOKING_POLICY)),
                instant(document, CREATED_AT),
                longValue(document, VersionedWrites.VERSION));
    }
}

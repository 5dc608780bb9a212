package dev.almanac.conflicts.calendar;

import java.util.Locale;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import dev.almanac.conflicts.detection.CalendarProfile;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.calendar.CalendarType;
import dev.almanac.platform.mongo.VersionedWrites;

/** The calendars conflict-detector has heard of, one document per calendar, written at most once per version. */
@Component
public class CalendarStore {

    static final String COLLECTION = "calendars";

    private final MongoCollection<Document> calendars;

    public CalendarStore(MongoDatabase database) {
        this.calendars = database.getCollection(COLLECTION);
    }

    /** @return true if this version was newer than the stored one and was applied */
    public Mono<Boolean> save(CalendarCreated created, long version) {
        return VersionedWrites.applyIfNewer(calendars, created.calendarId().value(), version, Updates.combine(
                Updates.set("name", created.name()),
                Updates.set("type", created.type().name().toLowerCase(Locale.ROOT)),
                Updates.set("capacity", created.capacity())));
    }

    public Mono<CalendarProfile> find(CalendarId id) {
        return Mono.from(calendars.find(Filters.eq("_id", id.value())).first())
                .map(document -> new CalendarProfile(id,
                        CalendarType.valueOf(document.getString("type").toUpperCase(Locale.ROOT)),
                        document.getInteger("capacity")));
    }
}

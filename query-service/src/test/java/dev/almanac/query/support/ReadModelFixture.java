package dev.almanac.query.support;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.ItemScheduled;
import dev.almanac.query.projection.Projections;

/** Writes test data through the projections, each entity at its next version, and empties the read models. */
public final class ReadModelFixture {

    private final MongoDatabase database;
    private final Projections projections;
    private final Map<String, Long> versions = new HashMap<>();

    public ReadModelFixture(MongoDatabase database, Projections projections) {
        this.database = database;
        this.projections = projections;
    }

    public void clear() {
        Flux.from(database.listCollectionNames())
                .concatMap(name -> Mono.from(database.getCollection(name).deleteMany(new Document())))
                .then()
                .block(Duration.ofSeconds(5));
        versions.clear();
    }

    public void given(AlmanacEvent... events) {
        for (AlmanacEvent event : events) {
            long version = versions.merge(event.subject(), 1L, Long::sum) - 1;
            projections.apply(Received.of(event, version)).block(Duration.ofSeconds(5));
        }
    }

    /** The sample calendar under another id and zone. */
    public static CalendarCreated calendar(String id, ZoneId zone) {
        CalendarCreated sample = EventSamples.calendarCreated();
        return new CalendarCreated(CalendarId.of(id), sample.name() + " " + id, sample.type(), zone, sample.capacity(),
                sample.overbookingPolicy());
    }

    /** The sample item under another id, calendar, type and time. */
    public static ItemScheduled item(String id, String calendarId, String type, Instant start, Duration length) {
        ItemScheduled sample = EventSamples.itemScheduled();
        return new ItemScheduled(ItemId.of(id), CalendarId.of(calendarId), sample.title() + " " + id, type, start,
                start.plus(length), sample.timezone(), sample.priority(), List.copyOf(sample.tags()));
    }
}

package dev.almanac.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Received;

class CalendarsTest {

    /**
     * A calendar found is remembered for a while; an id not found is looked up again every time, so a calendar projected
     * after a miss shows at once.
     */
    @Test
    void remembersACalendarFoundAndLooksUpAgainOneNotFound() {
        MongoDatabase database = InMemoryMongo.freshDatabase("calendars_exist");
        Calendars calendars = new Calendars(database, Duration.ofHours(1));
        CalendarCreated created = EventSamples.calendarCreated();
        String id = created.calendarId().value();

        assertThat(calendars.exists(id).block(Duration.ofSeconds(5))).isFalse();
        new Projections(database, Duration.ofSeconds(10)).apply(Received.of(created, 0)).block(Duration.ofSeconds(5));
        assertThat(calendars.exists(id).block(Duration.ofSeconds(5))).as("projected after a miss").isTrue();

        // Gone from the store only as a dropped database is, under a running service: the calendar is still on its topic.
        Mono.from(database.getCollection(Calendars.COLLECTION).deleteOne(Filters.eq("_id", id))).block(Duration.ofSeconds(5));
        assertThat(calendars.exists(id).block(Duration.ofSeconds(5))).as("remembered, not looked up").isTrue();
        assertThat(new Calendars(database).exists(id).block(Duration.ofSeconds(5))).as("looked up").isFalse();
        assertThat(calendars.exists("cal-never").block(Duration.ofSeconds(5))).isFalse();
    }

    /** A calendar deleted since it was found (ADR 0084) is looked up again once the recheck is due, and found gone. */
    @Test
    void aCalendarDeletedSinceItWasFoundIsFoundGoneOnceTheRecheckIsDue() {
        MongoDatabase database = InMemoryMongo.freshDatabase("calendars_deleted");
        Calendars calendars = new Calendars(database, Duration.ofMillis(200));
        CalendarCreated created = EventSamples.calendarCreated();
        String id = created.calendarId().value();
        Projections projections = new Projections(database, Duration.ofSeconds(10));
        projections.apply(Received.of(created, 0)).block(Duration.ofSeconds(5));
        assertThat(calendars.exists(id).block(Duration.ofSeconds(5))).isTrue();

        projections.apply(Received.of(new CalendarDeleted(created.calendarId(), "The venue closed"), 1)).block(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(calendars.exists(id).block(Duration.ofSeconds(5))));
        assertThat(calendars.exists(id).block(Duration.ofSeconds(5))).as("not remembered once found gone").isFalse();
    }
}

package dev.almanac.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Date;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.platform.testing.InMemoryMongo;
import dev.almanac.query.projection.ProjectionOutcome;
import dev.almanac.query.projection.Projections;
import dev.almanac.query.support.Mongo;
import dev.almanac.query.support.Received;

class CalendarProjectorTest {

    private MongoDatabase database;
    private Projections projections;

    @BeforeEach
    void emptyReadModels() {
        database = InMemoryMongo.freshDatabase("calendar_projector");
        projections = new Projections(database, Duration.ofSeconds(10));
    }

    @Test
    void projectsACreatedCalendarWithWireNamesAndTheEventTime() {
        CalendarCreated created = EventSamples.calendarCreated();

        assertThat(projections.apply(Received.of(created, 0)).block(Duration.ofSeconds(5))).isEqualTo(ProjectionOutcome.APPLIED);

        assertThat(Mongo.document(database, Calendars.COLLECTION, created.calendarId().value()))
                .containsEntry("name", created.name())
                .containsEntry("type", "venue")
                .containsEntry("timezone", "America/New_York")
                .containsEntry("capacity", created.capacity())
                .containsEntry("overbooking_policy", "allow")
                .containsEntry("created_at", Date.from(Received.TIME))
                .containsEntry("version", 0L);
    }

    @Test
    void readsTheProjectedCalendarBackAsAView() {
        CalendarCreated created = EventSamples.calendarCreated();
        projections.apply(Received.of(created, 3)).block(Duration.ofSeconds(5));

        CalendarView view = new Calendars(database).find(created.calendarId().value()).block(Duration.ofSeconds(5));

        assertThat(view).isEqualTo(new CalendarView(created.calendarId().value(), created.name(), created.type(),
                created.timezone(), created.capacity(), created.overbookingPolicy(), Received.TIME, 3));
    }

    @Test
    void aDuplicatedCreationChangesNothing() {
        CalendarCreated created = EventSamples.calendarCreated();
        projections.apply(Received.of(created, 0)).block(Duration.ofSeconds(5));

        ProjectionOutcome again = projections.apply(Received.of(created, 0, Received.TIME.plusSeconds(60))).block(Duration.ofSeconds(5));

        assertThat(again).isEqualTo(ProjectionOutcome.ALREADY_APPLIED);
        assertThat(Mongo.all(database, Calendars.COLLECTION)).singleElement()
                .satisfies(calendar -> assertThat(calendar).containsEntry("created_at", Date.from(Received.TIME)));
    }
}

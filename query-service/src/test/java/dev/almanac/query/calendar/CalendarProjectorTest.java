package dev.almanac.query.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.almanac.events.EventSamples;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.OverbookingPolicy;
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

        assertThat(view).isEqualTo(new CalendarView(created.calendarId().value(), created.name(), null, created.type(),
                created.timezone(), created.capacity(), created.overbookingPolicy(), null, "15m", "720h", null, true, null, null,
                Received.TIME, 3));
    }

    @Test
    void anUpdateReplacesTheDefinitionAndKeepsTheCreationTime() {
        projections.apply(Received.of(EventSamples.calendarCreated(), 0)).block(Duration.ofSeconds(5));
        CalendarUpdated updated = EventSamples.calendarUpdated();

        projections.apply(Received.of(updated, 1, Received.TIME.plusSeconds(60))).block(Duration.ofSeconds(5));

        CalendarView view = new Calendars(database).find(updated.calendarId().value()).block(Duration.ofSeconds(5));
        assertThat(view).isEqualTo(new CalendarView(updated.calendarId().value(), updated.name(), "Ground floor, seats 300",
                updated.type(), updated.timezone(), 2, OverbookingPolicy.BLOCK, updated.owner(), "15m", "24h", "1h30m", true,
                null, null, Received.TIME, 1));
    }

    @Test
    void aDeactivationKeepsTheCalendarAndSaysWhenAndWhy() {
        projections.apply(Received.of(EventSamples.calendarCreated(), 0)).block(Duration.ofSeconds(5));
        projections.apply(Received.of(EventSamples.calendarUpdated(), 1)).block(Duration.ofSeconds(5));
        Instant later = Received.TIME.plusSeconds(120);

        projections.apply(Received.of(EventSamples.calendarDeactivated(), 2, later)).block(Duration.ofSeconds(5));
        projections.apply(Received.of(EventSamples.calendarUpdated(), 1)).block(Duration.ofSeconds(5));

        CalendarView view = new Calendars(database).find(EventSamples.BALLROOM.value()).block(Duration.ofSeconds(5));
        assertThat(view.active()).isFalse();
        assertThat(view.deactivatedAt()).isEqualTo(later);
        assertThat(view.deactivationReason()).isEqualTo("Closed for renovation");
        assertThat(view.capacity()).as("the update kept").isEqualTo(2);
        assertThat(view.version()).as("a late redelivery of the update changes nothing").isEqualTo(2);
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

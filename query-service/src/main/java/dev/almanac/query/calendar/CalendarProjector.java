package dev.almanac.query.calendar;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.List;

import com.mongodb.client.model.Updates;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;

/** Projects calendar lifecycle events into {@link Calendars#COLLECTION}. */
public final class CalendarProjector implements Projector, CalendarEvent.Handler<Decision<List<ReadModelWrite>>> {

    @Override
    public String name() {
        return "calendars";
    }

    @Override
    public Decision<List<ReadModelWrite>> on(CalendarCreated created, EventMetadata envelope) {
        return Projector.writes(new ReadModelWrite(Calendars.COLLECTION, created.calendarId().value(), envelope.aggregateVersion(),
                Updates.combine(
                        Updates.set(Calendars.NAME, created.name()),
                        Updates.set(Calendars.TYPE, wire(created.type())),
                        Updates.set(Calendars.TIMEZONE, created.timezone().getId()),
                        Updates.set(Calendars.CAPACITY, created.capacity()),
                        Updates.set(Calendars.OVERBOOKING_POLICY, wire(created.overbookingPolicy())),
                        Updates.set(Calendars.CREATED_AT, envelope.time()))));
    }
}

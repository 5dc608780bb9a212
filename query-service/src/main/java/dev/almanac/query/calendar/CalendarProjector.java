package dev.almanac.query.calendar;

import static dev.almanac.query.readmodel.MongoValues.wire;

import java.util.Optional;

import com.mongodb.client.model.Updates;

import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.platform.kafka.ReceivedEvent;
import dev.almanac.query.readmodel.Projector;
import dev.almanac.query.readmodel.ReadModelWrite;

/** Projects calendar lifecycle events into {@link Calendars#COLLECTION}. */
public final class CalendarProjector implements Projector {

    @Override
    public Optional<ReadModelWrite> writeFor(ReceivedEvent received) {
        if (received.event() instanceof CalendarCreated created) {
            return Optional.of(new ReadModelWrite(Calendars.COLLECTION, created.calendarId().value(), received.version(),
                    Updates.combine(
                            Updates.set(Calendars.NAME, created.name()),
                            Updates.set(Calendars.TYPE, wire(created.type())),
                            Updates.set(Calendars.TIMEZONE, created.timezone().getId()),
                            Updates.set(Calendars.CAPACITY, created.capacity()),
                            Updates.set(Calendars.OVERBOOKING_POLICY, wire(created.overbookingPolicy())),
                            Updates.set(Calendars.CREATED_AT, received.metadata().time()))));
        }
        return Optional.empty();
    }
}

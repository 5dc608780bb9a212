package dev.almanac.query.calendar;

import java.util.List;

import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/** Projects calendar lifecycle events into {@link Calendars}. */
public final class CalendarProjector implements Projector, CalendarEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "calendars";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarCreated created, EventMetadata envelope) {
        return Projector.change(Calendars.KIND, created.calendarId().value(), envelope.aggregateVersion(),
                before -> CalendarView.created(created, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarUpdated updated, EventMetadata envelope) {
        return Projector.change(Calendars.KIND, updated.calendarId().value(), envelope.aggregateVersion(),
                before -> CalendarView.updated(before, updated, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessGranted granted, EventMetadata envelope) {
        return Decision.ignore("grants are projected apart, into calendar_access, and shown only to the calendar's managers");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessRevoked revoked, EventMetadata envelope) {
        return Decision.ignore("grants are projected apart, into calendar_access, and shown only to the calendar's managers");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeactivated deactivated, EventMetadata envelope) {
        return Projector.change(Calendars.KIND, deactivated.calendarId().value(), envelope.aggregateVersion(),
                before -> Projector.existing(before, "calendar " + deactivated.calendarId() + " was deactivated")
                        .deactivated(deactivated, envelope));
    }

    /** The tombstone stays with its version; every read of the calendars treats it as no calendar (ADR 0084). */
    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeleted deleted, EventMetadata envelope) {
        return Projector.change(Calendars.KIND, deleted.calendarId().value(), envelope.aggregateVersion(),
                before -> Projector.existing(before, "calendar " + deleted.calendarId() + " was deleted").deleted(envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceCreated created, EventMetadata envelope) {
        return Decision.ignore("a resource is not a calendar: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedUnavailable unavailable, EventMetadata envelope) {
        return Decision.ignore("a resource is not a calendar: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedAvailable available, EventMetadata envelope) {
        return Decision.ignore("a resource is not a calendar: it has a read model of its own");
    }
}

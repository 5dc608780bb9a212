package dev.almanac.query.resource;

import java.util.List;

import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/** Projects resources and their availability into {@link Resources}. */
public final class ResourceProjector implements Projector, CalendarEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "resources";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceCreated created, EventMetadata envelope) {
        return Projector.change(Resources.KIND, created.resourceId().value(), envelope.aggregateVersion(),
                before -> ResourceView.created(created, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedUnavailable unavailable, EventMetadata envelope) {
        String id = unavailable.resourceId().value();
        return Projector.change(Resources.KIND, id, envelope.aggregateVersion(),
                before -> Projector.existing(before, "resource " + id + " was marked unavailable").markedUnavailable(unavailable, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedAvailable available, EventMetadata envelope) {
        String id = available.resourceId().value();
        return Projector.change(Resources.KIND, id, envelope.aggregateVersion(),
                before -> Projector.existing(before, "resource " + id + " was marked available").markedAvailable(available, envelope));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarCreated created, EventMetadata envelope) {
        return Decision.ignore("a calendar is not a resource: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarUpdated updated, EventMetadata envelope) {
        return Decision.ignore("a calendar is not a resource: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeleted deleted, EventMetadata envelope) {
        return Decision.ignore("a calendar is not a resource: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeactivated deactivated, EventMetadata envelope) {
        return Decision.ignore("a calendar is not a resource: it has a read model of its own");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessGranted granted, EventMetadata envelope) {
        return Decision.ignore("access is granted on calendars, not on resources");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessRevoked revoked, EventMetadata envelope) {
        return Decision.ignore("access is granted on calendars, not on resources");
    }
}

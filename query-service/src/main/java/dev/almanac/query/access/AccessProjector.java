package dev.almanac.query.access;

import java.util.List;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarAccess;
import dev.almanac.events.calendar.CalendarAccessGranted;
import dev.almanac.events.calendar.CalendarAccessRevoked;
import dev.almanac.events.calendar.CalendarCreated;
import dev.almanac.events.calendar.CalendarDeactivated;
import dev.almanac.events.calendar.CalendarDeleted;
import dev.almanac.events.calendar.CalendarEvent;
import dev.almanac.events.calendar.ResourceCreated;
import dev.almanac.events.calendar.ResourceMarkedAvailable;
import dev.almanac.events.calendar.ResourceMarkedUnavailable;
import dev.almanac.events.calendar.CalendarUpdated;
import dev.almanac.events.envelope.EventMetadata;
import dev.almanac.platform.consumer.Decision;
import dev.almanac.query.readmodel.EntityChange;
import dev.almanac.query.readmodel.Projector;

/**
 * Projects a calendar's owner and grants into {@link CalendarAccesses}, folded as
 * {@link CalendarAccess} folds them. Every calendar event carries the calendar's version, so a
 * redelivered grant changes nothing.
 */
public final class AccessProjector implements Projector, CalendarEvent.Handler<Decision<List<EntityChange<?>>>> {

    @Override
    public String name() {
        return "calendar-access";
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarCreated created, EventMetadata envelope) {
        return change(created.calendarId().value(), envelope, access -> access.withOwner(created.owner()));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarUpdated updated, EventMetadata envelope) {
        return change(updated.calendarId().value(), envelope, access -> access.withOwner(updated.owner()));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeleted deleted, EventMetadata envelope) {
        return Decision.ignore("a deleted calendar answers 404 before access to it is checked, and takes no command (ADR 0084)");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarDeactivated deactivated, EventMetadata envelope) {
        return Decision.ignore("a deactivated calendar keeps its owner and grants: its items can still be moved");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessGranted granted, EventMetadata envelope) {
        return change(granted.calendarId().value(), envelope, access -> access.granted(granted.userId(), granted.role()));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(CalendarAccessRevoked revoked, EventMetadata envelope) {
        return change(revoked.calendarId().value(), envelope, access -> access.revoked(revoked.userId()));
    }

    private static Decision<List<EntityChange<?>>> change(String calendarId, EventMetadata envelope,
                                                          UnaryOperator<CalendarAccess> fold) {
        return Projector.change(CalendarAccesses.KIND, calendarId, envelope.aggregateVersion(),
                (@Nullable CalendarAccessView before) -> CalendarAccessView.of(calendarId,
                        fold.apply(before == null ? CalendarAccess.OPEN : before.access()), envelope.aggregateVersion()));
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceCreated created, EventMetadata envelope) {
        return Decision.ignore("a resource has no grants: access is granted on calendars");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedUnavailable unavailable, EventMetadata envelope) {
        return Decision.ignore("a resource has no grants: access is granted on calendars");
    }

    @Override
    public Decision<List<EntityChange<?>>> on(ResourceMarkedAvailable available, EventMetadata envelope) {
        return Decision.ignore("a resource has no grants: access is granted on calendars");
    }
}

package dev.almanac.events.calendar;

import dev.almanac.events.AlmanacEvent;
import dev.almanac.events.Topics;
import dev.almanac.events.envelope.EventMetadata;

/**
 * Every event of {@value Topics#CALENDARS}: calendars' events keyed by calendar id, resources'
 * events keyed by resource id. The hierarchy is closed: a consumer decides each type through
 * {@link Handler}, and a new type added here fails to compile in every consumer until it decides
 * what to do with it.
 */
public sealed interface CalendarEvent extends AlmanacEvent permits CalendarCreated, CalendarUpdated, CalendarDeactivated, CalendarDeleted,
        CalendarAccessGranted, CalendarAccessRevoked, ResourceCreated, ResourceMarkedUnavailable, ResourceMarkedAvailable {

    <R> R accept(Handler<R> handler, EventMetadata envelope);

    /** One method per event type of {@value Topics#CALENDARS}. */
    interface Handler<R> {

        R on(CalendarCreated event, EventMetadata envelope);

        R on(CalendarUpdated event, EventMetadata envelope);

        R on(CalendarDeactivated event, EventMetadata envelope);

        R on(CalendarDeleted event, EventMetadata envelope);

        R on(CalendarAccessGranted event, EventMetadata envelope);

        R on(CalendarAccessRevoked event, EventMetadata envelope);

        R on(ResourceCreated event, EventMetadata envelope);

        R on(ResourceMarkedUnavailable event, EventMetadata envelope);

        R on(ResourceMarkedAvailable event, EventMetadata envelope);
    }
}

package dev.almanac.events.calendar;

import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A resource was created: something items book besides their calendar, such as a room, a
 * person or a projector. It is available at every instant until it is marked otherwise
 * (SCH-030). {@code timezone} is the wall clock its free slots are laid out on.
 */
public record ResourceCreated(
        ResourceId resourceId,
        String name,
        ResourceType type,
        ZoneId timezone,
        @Nullable String description) implements CalendarEvent {

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return resourceId.value();
    }

    @Override
    public String subject() {
        return resourceId.value();
    }
}

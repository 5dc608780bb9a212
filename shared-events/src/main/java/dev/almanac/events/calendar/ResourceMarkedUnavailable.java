package dev.almanac.events.calendar;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A resource became unavailable over {@code [start, end)}. The range overlaps none of the
 * resource's other unavailable ranges (SCH-031); it may touch one. Items that book the resource
 * then are not moved or refused: conflict-detector reports them.
 */
public record ResourceMarkedUnavailable(
        ResourceId resourceId,
        Instant start,
        Instant end,
        @Nullable String reason) implements CalendarEvent {

    public UnavailableRange range() {
        return new UnavailableRange(start, end, reason);
    }

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

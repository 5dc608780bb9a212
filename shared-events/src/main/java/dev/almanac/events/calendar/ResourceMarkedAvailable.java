package dev.almanac.events.calendar;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.envelope.EventMetadata;

/**
 * A resource became available over {@code [start, end)}: every unavailable range is cut back to
 * what lies outside it, so a longer range that covers it is split in two. {@code released} lists
 * the parts of unavailable ranges that this freed, by start, each with the reason of the range it
 * was part of; it is never empty, since marking a resource available where it already is records
 * nothing. A consumer removes the released parts, or equally removes {@code [start, end)} from the
 * ranges it holds.
 */
public record ResourceMarkedAvailable(
        ResourceId resourceId,
        Instant start,
        Instant end,
        List<UnavailableRange> released,
        @Nullable String reason) implements CalendarEvent {

    public ResourceMarkedAvailable {
        released = List.copyOf(released);
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

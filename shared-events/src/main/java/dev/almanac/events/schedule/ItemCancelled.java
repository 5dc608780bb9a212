package dev.almanac.events.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item was taken off its calendar (unscheduled). The place it held in
 * {@code [start, end)} is free again, and the item takes no further commands but this one's
 * repeat. The interval is the one it released, so a consumer that never saw the item can still
 * withdraw it. {@code alongWith} names the primary whose cancellation took this follower with it,
 * in the same transaction (LNK-PAIR); it is absent when the item itself was cancelled.
 * {@code linkedChanges} lists the items linked with this one that the same transaction changed too, each with
 * the version it reached there ({@link LinkedChange}); it is empty when the transaction changed no linked item,
 * and null on events whose producer did not say.
 */
public record ItemCancelled(
        ItemId itemId,
        CalendarId calendarId,
        Instant start,
        Instant end,
        @Nullable String reason,
        @Nullable ItemId alongWith,
        @Nullable List<LinkedChange> linkedChanges) implements ScheduleEvent {

    public ItemCancelled {
        linkedChanges = linkedChanges == null ? null : List.copyOf(linkedChanges);
    }

    /** A cancellation of the item itself. */
    public ItemCancelled(ItemId itemId, CalendarId calendarId, Instant start, Instant end, @Nullable String reason) {
        this(itemId, calendarId, start, end, reason, null, null);
    }

    /** A cancellation of the item itself, or of a follower along with its primary ({@code alongWith}). */
    public ItemCancelled(ItemId itemId, CalendarId calendarId, Instant start, Instant end, @Nullable String reason,
                         @Nullable ItemId alongWith) {
        this(itemId, calendarId, start, end, reason, alongWith, null);
    }

    @Override
    public <R> R accept(Handler<R> handler, EventMetadata envelope) {
        return handler.on(this, envelope);
    }

    @Override
    public String partitionKey() {
        return calendarId.value();
    }

    @Override
    public String subject() {
        return itemId.value();
    }
}

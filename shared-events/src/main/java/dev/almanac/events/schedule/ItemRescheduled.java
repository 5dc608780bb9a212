package dev.almanac.events.schedule;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.calendar.CalendarId;
import dev.almanac.events.envelope.EventMetadata;

/**
 * A one-off item moved from {@code [previousStart, previousEnd)} to {@code [start, end)}. {@code override}
 * is present when a manager admitted the move past the capacity of a calendar that blocks overbooking (SCH-021).
 * {@code alongWith} names the item whose move carried this one, in the same transaction: the
 * follower's primary (LNK-PAIR), or the item a cascade started from; it is absent
 * when the item itself was moved.
 * {@code linkedChanges} lists the items linked with this one that the same transaction changed too, each with
 * the version it reached there ({@link LinkedChange}); it is empty when the transaction changed no linked item,
 * and null on events whose producer did not say.
 */
public record ItemRescheduled(
        ItemId itemId,
        CalendarId calendarId,
        Instant previousStart,
        Instant previousEnd,
        Instant start,
        Instant end,
        @Nullable String reason,
        @Nullable OverbookingOverride override,
        @Nullable ItemId alongWith,
        @Nullable List<LinkedChange> linkedChanges) implements ScheduleEvent {

    public ItemRescheduled {
        linkedChanges = linkedChanges == null ? null : List.copyOf(linkedChanges);
    }

    /** A move of the item itself, within its calendar's capacity or on a calendar that does not block overbooking. */
    public ItemRescheduled(ItemId itemId, CalendarId calendarId, Instant previousStart, Instant previousEnd, Instant start,
                           Instant end, @Nullable String reason) {
        this(itemId, calendarId, previousStart, previousEnd, start, end, reason, null, null, null);
    }

    /** A move of the item itself; {@code override} when a manager admitted it past a blocking calendar's capacity. */
    public ItemRescheduled(ItemId itemId, CalendarId calendarId, Instant previousStart, Instant previousEnd, Instant start,
                           Instant end, @Nullable String reason, @Nullable OverbookingOverride override) {
        this(itemId, calendarId, previousStart, previousEnd, start, end, reason, override, null, null);
    }

    /** A move carried along by another item's ({@code alongWith}), within capacity. */
    public static ItemRescheduled along(ItemId itemId, CalendarId calendarId, Instant previousStart, Instant previousEnd,
                                        Instant start, Instant end, @Nullable String reason, ItemId alongWith) {
        return new ItemRescheduled(itemId, calendarId, previousStart, previousEnd, start, end, reason, null, alongWith, null);
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

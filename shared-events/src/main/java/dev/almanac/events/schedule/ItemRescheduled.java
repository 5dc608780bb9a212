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
 * {@code notifyParticipants} is true when the person who moved it asked that the item's people be told (F033-RESCHEDULE's
 * {@code notify}); absent, on events written before it existed, it reads as false.
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
        @Nullable List<LinkedChange> linkedChanges,
        @Nullable Boolean notifyParticipants) implements ScheduleEvent {

    public ItemRescheduled {
        linkedChanges = linkedChanges == null ? null : List.copyOf(linkedChanges);
        // Only a move that asks for it says so: the others keep the field absent, as events before it.
        notifyParticipants = Boolean.TRUE.equals(notifyParticipants) ? Boolean.TRUE : null;
    }

    /** A move whose people are not told. */
    public ItemRescheduled(ItemId itemId, CalendarId calendarId, Instant previousStart, Instant previousEnd, Instant start,
                           Instant end, @Nullable String reason, @Nullable OverbookingOverride override, @Nullable ItemId alongWith,
                           @Nullable List<LinkedChange> linkedChanges) {
        this(itemId, calendarId, previousStart, previousEnd, start, end, reason, override, alongWith, linkedChanges, null);
    }

    /** Whether the item's people are to be told of the move. */
    public boolean notifies() {
        return Boolean.TRUE.equals(notifyParticipants);
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

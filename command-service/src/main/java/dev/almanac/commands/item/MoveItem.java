package dev.almanac.commands.item;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/**
 * A reschedule as the API asks it (F033-RESCHEDULE): moves the item to start at {@code newTime}, keeping
 * its duration, and takes along, by the same amount, its followers and, with {@code cascade}, every
 * item that depends on it, directly or through others, with their followers. All of them move in
 * one unit of work, or none does ({@link ItemMoves}).
 *
 * @param expectedVersion the item's version that If-Match names, or null for any
 * @param overrideReason  a manager's reason to admit every item moved past the capacity of a calendar that blocks
 *                        overbooking (SCH-021, SCH-024); the manager role is checked on each item's calendar
 * @param notifyParticipants whether the people of each item moved are told of its move (the request's {@code notify})
 */
public record MoveItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion, boolean cascade,
                       @Nullable String overrideReason, boolean notifyParticipants) {

    /** A move whose people are not told. */
    public MoveItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion, boolean cascade,
                    @Nullable String overrideReason) {
        this(itemId, newTime, reason, expectedVersion, cascade, overrideReason, false);
    }

    /** A move without a manager's override. */
    public MoveItem(ItemId itemId, Instant newTime, @Nullable String reason, @Nullable Long expectedVersion, boolean cascade) {
        this(itemId, newTime, reason, expectedVersion, cascade, null, false);
    }
}

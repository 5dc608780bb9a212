package dev.almanac.commands.item;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/**
 * Moves several items at once, all or nothing (bulk reschedule). Each move keeps its item's
 * duration; {@code index} is the move's place in the request, which a refusal names.
 */
public record RescheduleItems(List<Move> moves, @Nullable String reason) {

    public RescheduleItems {
        moves = List.copyOf(moves);
    }

    /** @param expectedVersion the version the item must have, or null for any */
    public record Move(int index, ItemId itemId, Instant newTime, @Nullable Long expectedVersion) {
    }
}

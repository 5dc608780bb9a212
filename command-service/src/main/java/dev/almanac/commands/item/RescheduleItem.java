package dev.almanac.commands.item;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.events.schedule.ItemId;

/** Moves an item to start at {@code newTime}, keeping its duration. */
public record RescheduleItem(
        @TargetAggregateIdentifier ItemId itemId,
        Instant newTime,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {
}

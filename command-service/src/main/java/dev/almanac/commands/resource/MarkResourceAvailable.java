package dev.almanac.commands.resource;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.ResourceId;

/** Makes a resource available over {@code [start, end)}, cutting back every unavailable range that reaches into it. */
public record MarkResourceAvailable(
        ResourceId resourceId,
        Instant start,
        Instant end,
        @Nullable String reason,
        @TargetAggregateVersion @Nullable Long expectedVersion) {

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.resource(resourceId);
    }
}

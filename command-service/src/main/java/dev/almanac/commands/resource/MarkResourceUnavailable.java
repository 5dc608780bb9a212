package dev.almanac.commands.resource;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.calendar.ResourceId;

/** Makes a resource unavailable over {@code [start, end)}; the request has checked that start comes before end. */
public record MarkResourceUnavailable(
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

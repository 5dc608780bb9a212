package dev.almanac.commands.item;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.jspecify.annotations.Nullable;

import dev.almanac.commands.eventstore.StoreIds;
import dev.almanac.events.schedule.ItemId;
import dev.almanac.events.schedule.Priority;
import dev.almanac.events.schedule.ScheduleStatus;

/** Changes an item's own fields (seed 003's PUT); a null field stays as it is. */
public record UpdateItem(
        ItemId itemId,
        @Nullable String title,
        @Nullable String type,
        @Nullable Priority priority,
        @Nullable List<String> tags,
        @Nullable ScheduleStatus status,
        @TargetAggregateVersion @Nullable Long expectedVersion,
        @Nullable Boolean privateItem) {

    public UpdateItem {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** A change that leaves whether the item is private as it is. */
    public UpdateItem(ItemId itemId, @Nullable String title, @Nullable String type, @Nullable Priority priority,
                      @Nullable List<String> tags, @Nullable ScheduleStatus status, @Nullable Long expectedVersion) {
        this(itemId, title, type, priority, tags, status, expectedVersion, null);
    }

    @TargetAggregateIdentifier
    public String storeId() {
        return StoreIds.item(itemId);
    }
}
